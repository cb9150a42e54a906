using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gongzhi.Modules.Cases.Intake;

/// <summary>The running number of one district and day (<see cref="CaseReference.CounterKey"/>): the next number to hand out.</summary>
public sealed class CaseReferenceCounter
{
    private CaseReferenceCounter()
    {
    }

    public string CounterKey { get; private set; } = "";

    public int Next { get; private set; }

    /// <summary>
    /// Draws <paramref name="count"/> consecutive numbers for <paramref name="counterKey"/> in one statement of
    /// its own, committed at once; returns the first. The counter row is where every report of a district and
    /// day meets: drawn inside the intake's transaction, its lock was held until the case was saved and intake
    /// of a district ran one report at a time. An intake that fails after the draw leaves a gap in the day's
    /// numbers, like a torn ticket; numbers are unique, not gapless. The single upsert is atomic on both
    /// engines: PostgreSQL's row lock and SQLite's single write lock make two draws never overlap.
    /// </summary>
    internal static Task<int> DrawAsync(GongzhiDbContext db, string counterKey, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("Draw case references outside a transaction, so the counter row is not held until it commits.");
        }
        return AdvanceAsync(db, counterKey, count, null, cancellationToken);
    }

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive numbers inside the caller's transaction (bulk generation,
    /// whose batch is written whole or not at all); returns the first.
    /// </summary>
    internal static Task<int> ReserveAsync(GongzhiDbContext db, string counterKey, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Reserve case references inside the transaction that inserts the cases.");
        return AdvanceAsync(db, counterKey, count, transaction.GetDbTransaction(), cancellationToken);
    }

    private static async Task<int> AdvanceAsync(GongzhiDbContext db, string counterKey, int count, System.Data.Common.DbTransaction? transaction,
        CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO case_reference_counters ("CounterKey", "Next") VALUES (@key, @count + 1)
                ON CONFLICT ("CounterKey") DO UPDATE SET "Next" = case_reference_counters."Next" + @count
                RETURNING "Next" - @count
                """;
            foreach (var (name, value) in new (string, object)[] { ("@key", counterKey), ("@count", count) })
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

internal sealed class CaseReferenceCounterConfiguration : IEntityTypeConfiguration<CaseReferenceCounter>
{
    public void Configure(EntityTypeBuilder<CaseReferenceCounter> builder)
    {
        builder.ToTable("case_reference_counters");
        builder.HasKey(c => c.CounterKey);
        builder.Property(c => c.CounterKey).HasMaxLength(16);
    }
}
