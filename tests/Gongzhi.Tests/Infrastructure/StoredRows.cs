using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Infrastructure;

/// <summary>What the database itself holds, read past the model, as someone with a copy of the database would read it.</summary>
internal static class StoredRows
{
    /// <summary>Every column of the row of <paramref name="table"/> with this id, as text joined by <c>|</c>.</summary>
    public static async Task<string> RowTextAsync(GongzhiDbContext db, string table, Guid id)
    {
        var cancel = TestContext.Current.CancellationToken;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancel);
        await using var command = connection.CreateCommand();
        // SQLite keeps a Guid as upper-case text, PostgreSQL as a uuid.
        command.CommandText = db.Database.IsNpgsql()
            ? $"SELECT * FROM {table} WHERE \"Id\" = '{id}'"
            : $"SELECT * FROM {table} WHERE \"Id\" = '{id.ToString().ToUpperInvariant()}'";
        await using var reader = await command.ExecuteReaderAsync(cancel);
        Assert.True(await reader.ReadAsync(cancel));
        return string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i))));
    }
}
