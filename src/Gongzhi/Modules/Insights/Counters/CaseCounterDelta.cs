using System.Globalization;
using System.Text;
using Gongzhi.Modules.Cases;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gongzhi.Modules.Insights.Counters;

/// <summary>
/// What a save (or a batch of generated cases) changes in the counters: per day and street, the
/// contribution of each case's new values minus that of its original values, so that a transfer to
/// another street moves the case and a merge takes it out. Applied in the transaction that writes the
/// cases, as upserts <c>count = count + delta</c>, in a fixed key order so that two transactions never
/// wait on each other's rows in a cycle.
/// </summary>
public sealed class CaseCounterDelta
{
    // Rows per statement: 25 values each, well under the parameter limits of both engines.
    private const int RowsPerStatement = 200;

    private readonly Dictionary<(DateOnly Day, string StreetCode), int[]> days = [];
    private readonly Dictionary<(DateOnly Day, string StreetCode, int Bucket), int> waits = [];

    public void Add(in CaseFacts facts, int sign)
    {
        if (CaseContribution.KeyOf(facts) is not { } key)
        {
            return;
        }
        if (!days.TryGetValue(key, out var vector))
        {
            days[key] = vector = new int[CaseContribution.Columns.Length];
        }
        CaseContribution.AddTo(vector, facts, sign);
        foreach (var hours in facts.HandOverWaitHours)
        {
            var bucket = (key.Day, key.StreetCode, WaitBuckets.Of(hours));
            waits[bucket] = waits.GetValueOrDefault(bucket) + sign;
        }
    }

    /// <summary>The change of every case the context is about to insert, update or delete; null when the counters stay as they are.</summary>
    public static CaseCounterDelta? Of(ChangeTracker tracker)
    {
        CaseCounterDelta? delta = null;
        foreach (var entry in tracker.Entries<Case>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                (delta ??= new()).Add(CaseFacts.Of(entry.OriginalValues), -1);
            }
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                (delta ??= new()).Add(CaseFacts.Of(entry.CurrentValues), +1);
            }
        }
        return delta is null || delta.IsEmpty ? null : delta;
    }

    /// <summary>The contribution of cases inserted without change tracking (bulk generation).</summary>
    public static CaseCounterDelta Of(IEnumerable<Case> inserted)
    {
        var delta = new CaseCounterDelta();
        foreach (var c in inserted)
        {
            delta.Add(CaseFacts.Of(c), +1);
        }
        return delta;
    }

    /// <summary>True when nothing changes: most saves (a note, an intake, a deadline) touch no counted column.</summary>
    public bool IsEmpty => !days.Values.Any(v => v.Any(x => x != 0)) && waits.Values.All(x => x == 0);

    /// <summary>Adds the change to the counters inside the context's current transaction.</summary>
    public async Task ApplyAsync(GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Apply counter changes inside the transaction that writes the cases.");
        var dayRows = days.Where(d => d.Value.Any(x => x != 0))
            .OrderBy(d => d.Key.Day).ThenBy(d => d.Key.StreetCode, StringComparer.Ordinal)
            .Select(d => (d.Key.Day, d.Key.StreetCode, d.Value)).ToList();
        var waitRows = waits.Where(w => w.Value != 0)
            .OrderBy(w => w.Key.Day).ThenBy(w => w.Key.StreetCode, StringComparer.Ordinal).ThenBy(w => w.Key.Bucket)
            .Select(w => (w.Key.Day, w.Key.StreetCode, new[] { w.Key.Bucket, w.Value })).ToList();
        // The wait table always comes second, so every writer takes its locks in the same order.
        await UpsertAsync(db, transaction, "case_day_counters", [], CaseContribution.Columns, dayRows, cancellationToken);
        await UpsertAsync(db, transaction, "case_wait_counters", [nameof(CaseWaitCounter.Bucket)], [nameof(CaseWaitCounter.Count)], waitRows,
            cancellationToken);
    }

    /// <summary>
    /// <c>INSERT … ON CONFLICT (key) DO UPDATE SET c = table.c + excluded.c</c>: the same statement on
    /// PostgreSQL and SQLite. Each row is its day, its street, then <paramref name="extraKey"/> values, then the deltas.
    /// </summary>
    private static async Task UpsertAsync(GongzhiDbContext db, IDbContextTransaction transaction, string table, string[] extraKey,
        string[] counts, List<(DateOnly Day, string StreetCode, int[] Values)> rows, CancellationToken cancellationToken)
    {
        string[] key = ["Day", "StreetCode", .. extraKey];
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
                var (day, street, values) = chunk[r];
                sql.Append(r == 0 ? "(" : ", (").Append("@d").Append(r).Append(", @s").Append(r);
                foreach (var value in values)
                {
                    // Integers computed here, not input: written as literals to keep the parameter count small.
                    sql.Append(", ").Append(value.ToString(CultureInfo.InvariantCulture));
                }
                sql.Append(')');
                AddParameter(command, $"@d{r}", day);
                AddParameter(command, $"@s{r}", street);
            }
            sql.Append($" ON CONFLICT ({conflict}) DO UPDATE SET {updates}");
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
