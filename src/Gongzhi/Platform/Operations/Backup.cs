using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Gongzhi.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gongzhi.Platform.Operations;

/// <summary>What a backup archive says about itself (manifest.json inside the archive).</summary>
public sealed record BackupManifest(string Format, string Provider, DateTimeOffset CreatedAt, string? LastMigration, string DatabaseEntry);

/// <summary>
/// A backup is one zip archive: the database (SQLite online backup, or pg_dump's custom format) plus
/// the stored files and a manifest. Restore refuses an archive of the other provider.
/// </summary>
public sealed class Backup(GongzhiDbContext db, DatabaseOptions options, IConfiguration configuration, IHostEnvironment environment, TimeProvider clock,
    ILogger<Backup> logger)
{
    public const string Format = "gongzhi-backup/1";

    /// <summary>Where uploaded files live; included in every backup.</summary>
    public string FilesDirectory => configuration["Files:Directory"] is { Length: > 0 } configured
        ? configured
        : Path.Combine(environment.ContentRootPath, "data", "files");

    public async Task<BackupManifest> CreateAsync(string archivePath, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("gongzhi-backup-");
        try
        {
            var databaseEntry = options.Provider == DatabaseProvider.Postgres ? "database.pgdump" : "database.sqlite";
            var databaseFile = Path.Combine(work.FullName, databaseEntry);
            if (options.Provider == DatabaseProvider.Postgres)
            {
                await RunPgToolAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", $"--file={databaseFile}"], cancellationToken);
            }
            else
            {
                // The online backup API copies a consistent snapshot while the application keeps writing.
                var source = (SqliteConnection)db.Database.GetDbConnection();
                await source.OpenAsync(cancellationToken);
                await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
                await destination.OpenAsync(cancellationToken);
                source.BackupDatabase(destination);
            }
            var migrations = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
            var manifest = new BackupManifest(Format, options.Provider.ToString(), clock.GetUtcNow(), migrations.LastOrDefault(), databaseEntry);

            var temporary = archivePath + ".partial";
            File.Delete(temporary);
            using (var archive = ZipFile.Open(temporary, ZipArchiveMode.Create))
            {
                archive.CreateEntryFromFile(databaseFile, databaseEntry, CompressionLevel.Fastest);
                if (Directory.Exists(FilesDirectory))
                {
                    foreach (var file in Directory.EnumerateFiles(FilesDirectory, "*", SearchOption.AllDirectories))
                    {
                        archive.CreateEntryFromFile(file, "files/" + Path.GetRelativePath(FilesDirectory, file).Replace('\\', '/'), CompressionLevel.NoCompression);
                    }
                }
                await using var stream = archive.CreateEntry("manifest.json").Open();
                await JsonSerializer.SerializeAsync(stream, manifest, cancellationToken: cancellationToken);
            }
            // Only a complete archive gets the requested name: a crash mid-way never leaves a truncated "backup".
            File.Move(temporary, archivePath, overwrite: true);
            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    public async Task<BackupManifest> RestoreAsync(string archivePath, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("gongzhi-restore-");
        try
        {
            ZipFile.ExtractToDirectory(archivePath, work.FullName);
            var manifestPath = Path.Combine(work.FullName, "manifest.json");
            if (!File.Exists(manifestPath))
            {
                throw new InvalidDataException("Not a Gongzhi backup: the archive has no manifest.json.");
            }
            await using var manifestStream = File.OpenRead(manifestPath);
            var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(manifestStream, cancellationToken: cancellationToken)
                ?? throw new InvalidDataException("The backup manifest is empty.");
            if (manifest.Format != Format)
            {
                throw new InvalidDataException($"Unknown backup format '{manifest.Format}'.");
            }
            if (!string.Equals(manifest.Provider, options.Provider.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"This is a {manifest.Provider} backup; the configured database is {options.Provider}.");
            }
            var databaseFile = Path.Combine(work.FullName, manifest.DatabaseEntry);
            if (options.Provider == DatabaseProvider.Postgres)
            {
                await RunPgToolAsync("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", databaseFile],
                    cancellationToken);
            }
            else
            {
                await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
                await source.OpenAsync(cancellationToken);
                var destination = (SqliteConnection)db.Database.GetDbConnection();
                await destination.OpenAsync(cancellationToken);
                source.BackupDatabase(destination);
            }
            RestoreFiles(Path.Combine(work.FullName, "files"));
            logger.LogInformation("Restored backup of {CreatedAt} ({Provider}, migration {Migration})", manifest.CreatedAt, manifest.Provider,
                manifest.LastMigration);
            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private void RestoreFiles(string restoredFiles)
    {
        if (Directory.Exists(FilesDirectory))
        {
            Directory.Delete(FilesDirectory, recursive: true);
        }
        Directory.CreateDirectory(FilesDirectory);
        if (!Directory.Exists(restoredFiles))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(restoredFiles, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(FilesDirectory, Path.GetRelativePath(restoredFiles, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private async Task RunPgToolAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var start = new ProcessStartInfo(FindPgTool(tool)) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add($"--dbname={connection.Database}");
        // Connection details travel in the environment, so the password never shows in a process list.
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = connection.Username;
        if (!string.IsNullOrEmpty(connection.Password))
        {
            start.Environment["PGPASSWORD"] = connection.Password;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {errors.Trim()}");
        }
    }

    /// <summary>The newest installed PostgreSQL client tools, so that they are at least as new as the server.</summary>
    private string FindPgTool(string tool)
    {
        if (configuration["Backup:PgBinDirectory"] is { Length: > 0 } configured)
        {
            return Path.Combine(configured, tool);
        }
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return installed ?? tool;
    }
}
