using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gongzhi.Platform.Data;

/// <summary>
/// Inserts many rows of a mapped entity, bypassing change tracking: with COPY on PostgreSQL, with
/// prepared INSERT statements on SQLite, both built from the EF model (table, columns, value converters). For the system's own bulk work only —
/// seeding reference data, generating load — so it skips the scope guard and per-record audit, and
/// refuses to run for anyone but the system.
/// </summary>
public static class BulkInsert
{
    // Both engines cap bound parameters per statement (SQLite 32,766, PostgreSQL 65,535); stay well below.
    private const int MaxParametersPerStatement = 30_000;
    private const int MaxRowsPerStatement = 1_000;

    /// <summary>
    /// Inserts the rows, then lets each module's <see cref="ISaveHook"/> follow them as it follows a save (the
    /// indicators' counters follow generated cases), inside the caller's transaction.
    /// </summary>
    public static async Task<int> BulkInsertAsync<T>(this GongzhiDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var written = await InsertAsync(db, rows, cancellationToken);
        foreach (var work in db.SaveHooks.Select(h => h.PrepareInserted(rows)).OfType<SaveHookWork>().ToList())
        {
            if (work.InTransaction is not null)
            {
                await work.InTransaction(db, cancellationToken);
            }
            work.AfterSave?.Invoke();
        }
        return written;
    }

    private static async Task<int> InsertAsync<T>(GongzhiDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (!db.Caller.IsSystem)
        {
            throw new InvalidOperationException("Bulk inserts bypass scope and audit, so only the system may run them.");
        }
        if (rows.Count == 0)
        {
            return 0;
        }
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        // Columns the database fills in itself (identity keys) are left out, and so are nullable shadow columns
        // (e.g. the plaintext a column held before it was encrypted), which a new row leaves empty.
        var columns = entityType.GetProperties()
            .Where(p => p.GetColumnName(table) is not null && !(p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType != typeof(Guid) && p.IsKey()))
            .Where(p => !(p.IsShadowProperty() && p.IsNullable))
            .Select(p => new Column(p, p.GetColumnName(table)!, p.GetTypeMapping().Converter))
            .ToList();
        if (columns.Any(c => c.Property.IsShadowProperty()))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has shadow properties, which a bulk insert cannot read.");
        }
        var sql = db.GetService<ISqlGenerationHelper>();
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        var columnList = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
        if (db.Database.IsNpgsql())
        {
            return await CopyAsync(db, rows, $"COPY {tableName} ({columnList}) FROM STDIN (FORMAT BINARY)", columns, cancellationToken);
        }
        var head = $"INSERT INTO {tableName} ({columnList}) VALUES ";
        // SQLite binds parameters by name in linear time, so one prepared single-row statement reused in a
        // transaction is fastest there; other engines gain from many rows per round trip.
        var rowsPerStatement = db.Database.IsSqlite() ? 1 : Math.Max(1, Math.Min(MaxRowsPerStatement, MaxParametersPerStatement / columns.Count));

        var ownsTransaction = db.Database.CurrentTransaction is null;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = ownsTransaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            var connection = db.Database.GetDbConnection();
            var dbTransaction = db.Database.CurrentTransaction!.GetDbTransaction();
            DbCommand? full = null;
            var written = 0;
            try
            {
                foreach (var chunk in rows.Chunk(rowsPerStatement))
                {
                    // Every full chunk reuses one prepared statement; only a shorter last chunk needs its own.
                    var command = chunk.Length == rowsPerStatement
                        ? full ??= await CreateCommandAsync(connection, dbTransaction, head, columns.Count, chunk.Length, cancellationToken)
                        : await CreateCommandAsync(connection, dbTransaction, head, columns.Count, chunk.Length, cancellationToken);
                    for (var r = 0; r < chunk.Length; r++)
                    {
                        for (var c = 0; c < columns.Count; c++)
                        {
                            command.Parameters[(r * columns.Count) + c].Value = columns[c].Value(chunk[r]) ?? DBNull.Value;
                        }
                    }
                    written += await command.ExecuteNonQueryAsync(cancellationToken);
                    if (command != full)
                    {
                        await command.DisposeAsync();
                    }
                }
            }
            finally
            {
                if (full is not null)
                {
                    await full.DisposeAsync();
                }
            }
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            return written;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// PostgreSQL's COPY in binary form: no SQL to parse per row and no parameters, several times the rate
    /// of multi-row INSERTs. It runs in the caller's transaction when there is one.
    /// </summary>
    private static async Task<int> CopyAsync<T>(GongzhiDbContext db, IReadOnlyList<T> rows, string copy, List<Column> columns,
        CancellationToken cancellationToken)
        where T : class
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
            await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
            var types = columns.Select(c => c.Property.GetColumnType()).ToArray();
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                for (var c = 0; c < columns.Count; c++)
                {
                    if (columns[c].Value(row) is { } value)
                    {
                        await importer.WriteAsync(value, types[c], cancellationToken);
                    }
                    else
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }
                }
            }
            return (int)await importer.CompleteAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<DbCommand> CreateCommandAsync(DbConnection connection, DbTransaction transaction, string head, int columns, int rows,
        CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var text = new StringBuilder(head);
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
            {
                var name = $"p{(r * columns) + c}";
                text.Append(c == 0 ? "@" : ", @").Append(name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = DBNull.Value;
                command.Parameters.Add(parameter);
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        await command.PrepareAsync(cancellationToken);
        return command;
    }

    private sealed record Column(IProperty Property, string Name, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter)
    {
        public object? Value(object entity)
        {
            var value = Property.GetGetter().GetClrValueUsingContainingEntity(entity);
            return value is null || Converter is null ? value : Converter.ConvertToProvider(value);
        }
    }
}
