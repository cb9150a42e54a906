using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gongzhi.Platform.Data;

/// <summary>
/// Adds changes to counter rows inside the current transaction: <c>INSERT … ON CONFLICT (key) DO UPDATE SET c = table.c +
/// excluded.c</c>, the same statement on PostgreSQL and SQLite. Two saves that count into the same row add up instead of one
/// overwriting the other. The caller passes the rows in key order, so that two transactions take their row locks in the same
/// order and never wait on each other in a cycle.
/// </summary>
public static class CounterUpsert
{
    // Rows per statement: 200 rows of up to 25 columns stay well under the parameter limits of both engines.
    private const int RowsPerStatement = 200;

    /// <param name="rows">Each row's key values in the order of <paramref name="key"/>, then its changes in the order of <paramref name="counts"/>.</param>
    public static async Task ApplyAsync(GongzhiDbContext db, string table, IReadOnlyList<string> key, IReadOnlyList<string> counts,
        IEnumerable<object[]> rows, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Apply counter changes inside the transaction that writes what they count.");
        var columns = string.Join(", ", key.Concat(counts).Select(c => $"\"{c}\""));
        var conflict = string.Join(", ", key.Select(c => $"\"{c}\""));
        var updates = string.Join(", ", counts.Select(c => $"\"{c}\" = {table}.\"{c}\" + excluded.\"{c}\""));
        var connection = db.Database.GetDbConnection();
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            var sql = new StringBuilder($"INSERT INTO {table} ({columns}) VALUES ");
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                // Parameters, not literals: the text then depends only on the number of rows, so a save's one or two rows
                // reuse one prepared statement instead of PostgreSQL planning a new text every time.
                for (var v = 0; v < chunk[r].Length; v++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@v{r}_{v}");
                    sql.Append(v == 0 ? "" : ", ").Append(name);
                    AddParameter(command, name, chunk[r][v]);
                }
                sql.Append(')');
            }
            sql.Append($" ON CONFLICT ({conflict}) DO UPDATE SET {updates}");
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
