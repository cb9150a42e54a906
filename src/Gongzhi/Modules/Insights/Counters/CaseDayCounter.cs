using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Insights.Counters;

/// <summary>
/// The sums of <see cref="CaseCounts"/> over the cohort cases registered in one period in one street
/// (the first 9 digits of the case's current jurisdiction; a case located only to a district or the
/// city keeps its shorter code): a day (<see cref="CaseDayCounter"/>) or a month
/// (<see cref="CaseMonthCounter"/>, the sum of its days, so that a year adds up 12 rows per street
/// instead of 365). Written only by <see cref="CaseCounterDelta"/> and <see cref="CounterRebuild"/>,
/// never through the change tracker. A row may fall back to all zeros when its cases move away; such a
/// row answers like a missing one.
/// </summary>
public abstract class CaseCounterRow
{
    public string StreetCode { get; private set; } = "";

    public int Registered { get; private set; }
    public int Dispatched { get; private set; }
    public int Accepted { get; private set; }
    public int Resolved { get; private set; }
    public int ResolvedOnTime { get; private set; }
    public int EverResolved { get; private set; }
    public int Reworked { get; private set; }
    public int Returned { get; private set; }
    public int Returns { get; private set; }
    public int Extended { get; private set; }
    public int Closed { get; private set; }
    public int Rated { get; private set; }
    public int Satisfied { get; private set; }
    public int BasicallySatisfied { get; private set; }
    public int Dissatisfied { get; private set; }
    public int HandOffs { get; private set; }
    public int Open { get; private set; }
    public int Overdue { get; private set; }
    public int Dispatches { get; private set; }
    public int AcceptedOnTime { get; private set; }
    public int MultiOrganisation { get; private set; }
    public int ClosedAfterOverdue { get; private set; }

    /// <summary>Waits between organisations (the samples of the median), one per entry of <c>HandOverWaitHours</c>.</summary>
    public int Waits { get; private set; }
}

/// <summary>The counts of the cases registered on one Wuhan day in one street.</summary>
public sealed class CaseDayCounter : CaseCounterRow
{
    private CaseDayCounter()
    {
    }

    public DateOnly Day { get; private set; }
}

/// <summary>The counts of the cases registered in one Wuhan month in one street: the sum of its <see cref="CaseDayCounter"/> rows.</summary>
public sealed class CaseMonthCounter : CaseCounterRow
{
    private CaseMonthCounter()
    {
    }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; private set; }
}

/// <summary>How many waits between organisations of one period and area fell into one bucket of <see cref="WaitBuckets"/>.</summary>
public abstract class WaitCounterRow
{
    /// <summary>The street, or in <see cref="CaseDistrictMonthWaitCounter"/> the district.</summary>
    public string AreaCode { get; private set; } = "";

    public int Bucket { get; private set; }

    public int Count { get; private set; }
}

/// <summary>The wait histogram of one day and street.</summary>
public sealed class CaseWaitCounter : WaitCounterRow
{
    private CaseWaitCounter()
    {
    }

    public DateOnly Day { get; private set; }
}

/// <summary>The wait histogram of one month and street: the sum of its days.</summary>
public sealed class CaseMonthWaitCounter : WaitCounterRow
{
    private CaseMonthWaitCounter()
    {
    }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; private set; }
}

/// <summary>
/// The wait histogram of one month and district: the sum of its streets' month rows. A city's year would
/// otherwise add up some hundred thousand street rows (12 months × 200 streets × the buckets in use) for one median.
/// </summary>
public sealed class CaseDistrictMonthWaitCounter : WaitCounterRow
{
    private CaseDistrictMonthWaitCounter()
    {
    }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; private set; }
}

internal sealed class CaseDayCounterConfiguration : IEntityTypeConfiguration<CaseDayCounter>
{
    public void Configure(EntityTypeBuilder<CaseDayCounter> builder)
    {
        builder.ToTable("case_day_counters");
        builder.HasKey(c => new { c.Day, c.StreetCode });
        builder.Property(c => c.StreetCode).HasMaxLength(9);
    }
}

internal sealed class CaseWaitCounterConfiguration : IEntityTypeConfiguration<CaseWaitCounter>
{
    public void Configure(EntityTypeBuilder<CaseWaitCounter> builder)
    {
        builder.ToTable("case_wait_counters");
        builder.HasKey(c => new { c.Day, c.AreaCode, c.Bucket });
        builder.Property(c => c.AreaCode).HasMaxLength(9);
    }
}

internal sealed class CaseMonthCounterConfiguration : IEntityTypeConfiguration<CaseMonthCounter>
{
    public void Configure(EntityTypeBuilder<CaseMonthCounter> builder)
    {
        builder.ToTable("case_month_counters");
        builder.HasKey(c => new { c.Month, c.StreetCode });
        builder.Property(c => c.StreetCode).HasMaxLength(9);
    }
}

internal sealed class CaseMonthWaitCounterConfiguration : IEntityTypeConfiguration<CaseMonthWaitCounter>
{
    public void Configure(EntityTypeBuilder<CaseMonthWaitCounter> builder)
    {
        builder.ToTable("case_month_wait_counters");
        builder.HasKey(c => new { c.Month, c.AreaCode, c.Bucket });
        builder.Property(c => c.AreaCode).HasMaxLength(9);
    }
}

internal sealed class CaseDistrictMonthWaitCounterConfiguration : IEntityTypeConfiguration<CaseDistrictMonthWaitCounter>
{
    public void Configure(EntityTypeBuilder<CaseDistrictMonthWaitCounter> builder)
    {
        builder.ToTable("case_district_month_wait_counters");
        builder.HasKey(c => new { c.Month, c.AreaCode, c.Bucket });
        builder.Property(c => c.AreaCode).HasMaxLength(6);
    }
}
