using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Operations;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Platform;

/// <summary>Backup and restore on the engine under test, on an app instance of its own (a restore rewinds everything).</summary>
public sealed class BackupTests(GongzhiApp shared)
{
    [Fact]
    public async Task BackupThenRestore_BringsBackEveryRecordFileAndAuditEntry()
    {
        await using var app = new GongzhiApp();
        await app.InitializeAsync();
        var cancellationToken = TestContext.Current.CancellationToken;
        var archive = Path.Combine(Path.GetTempPath(), $"gongzhi-backup-{Guid.NewGuid():N}.zip");
        try
        {
            await app.WithDbAsync(async db =>
            {
                db.Add(Organisation.Create("backup.kept", "备份前的单位", null, OrganisationKind.ResidentUnit, "420103001"));
                return await db.SaveChangesAsync(cancellationToken);
            });
            Directory.CreateDirectory(Path.Combine(app.FilesDirectory, "ab"));
            await File.WriteAllBytesAsync(Path.Combine(app.FilesDirectory, "ab", "photo.jpg"), [1, 2, 3, 4], cancellationToken);
            var before = await CountsAsync(app);

            await WithBackupAsync(app, b => b.CreateAsync(archive, cancellationToken));

            await app.WithDbAsync(async db =>
            {
                db.Remove(await db.Set<Organisation>().SingleAsync(o => o.Code == "backup.kept", cancellationToken));
                db.Add(Organisation.Create("backup.later", "备份后的单位", null, OrganisationKind.ResidentUnit, "420103001"));
                return await db.SaveChangesAsync(cancellationToken);
            });
            File.Delete(Path.Combine(app.FilesDirectory, "ab", "photo.jpg"));
            Assert.NotEqual(before, await CountsAsync(app));

            await WithBackupAsync(app, b => b.RestoreAsync(archive, cancellationToken));

            Assert.Equal(before, await CountsAsync(app));
            var codes = await app.WithDbAsync(db => db.Set<Organisation>().Where(o => o.Code.StartsWith("backup.")).Select(o => o.Code).ToListAsync(cancellationToken));
            Assert.Equal(["backup.kept"], codes);
            Assert.Equal([1, 2, 3, 4], await File.ReadAllBytesAsync(Path.Combine(app.FilesDirectory, "ab", "photo.jpg"), cancellationToken));
        }
        finally
        {
            File.Delete(archive);
        }
    }

    [Fact]
    public async Task Restore_OfSomethingThatIsNotABackup_IsRefusedAndChangesNothing()
    {
        var archive = Path.Combine(Path.GetTempPath(), $"gongzhi-not-a-backup-{Guid.NewGuid():N}.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(archive, System.IO.Compression.ZipArchiveMode.Create))
        {
            zip.CreateEntry("hello.txt");
        }
        try
        {
            await Assert.ThrowsAsync<InvalidDataException>(() => WithBackupAsync(shared, b => b.RestoreAsync(archive, CancellationToken.None)));
        }
        finally
        {
            File.Delete(archive);
        }
    }

    private static async Task<T> WithBackupAsync<T>(GongzhiApp app, Func<Backup, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Gongzhi.Platform.Data.GongzhiDbContext>().Caller = Gongzhi.Platform.Scoping.Caller.System;
        return await work(scope.ServiceProvider.GetRequiredService<Backup>());
    }

    private static Task<(int Organisations, int Users, int Audit)> CountsAsync(GongzhiApp app) => app.WithDbAsync(async db =>
        (await db.Set<Organisation>().CountAsync(), await db.Users.CountAsync(), await db.AuditEntries.CountAsync()));
}
