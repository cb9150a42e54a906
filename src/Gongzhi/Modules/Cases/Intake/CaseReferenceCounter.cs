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
    /// Draws the next number for <paramref name="counterKey"/> inside the caller's open transaction, so a
    /// rolled-back intake gives its number back. One upsert does it on both engines: PostgreSQL holds the
    /// counter's row lock until the transaction ends, SQLite holds its single write lock, so two intakes
    /// never draw the same number.
    /// </summary>
    internal static Task<int> DrawAsync(GongzhiDbContext db, string counterKey, CancellationToken cancellationToken) =>
        ReserveAsync(db, counterKey, 1, cancellationToken);

    /// <summary>Reserves <paramref name="count"/> consecutive numbers at once (bulk generation); returns the first.</summary>
    internal static async Task<int> ReserveAsync(GongzhiDbContext db, string counterKey, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Draw a case reference inside the transaction that inserts the case.");
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
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
