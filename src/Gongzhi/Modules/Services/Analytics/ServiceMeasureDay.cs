using Gongzhi.Modules.Services.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Services.Analytics;

/// <summary>
/// The process measures' counts of the applications submitted on one local day for one item in one district, per item version
/// and pair of handling and promised days: what <see cref="ProcessAnalytics"/> would count from the applications, kept as they
/// change (<see cref="MeasureDayDelta"/>). A district's or the city's year of an item is then a few thousand of these rows instead
/// of hundreds of thousands of applications. Streets and communities read the applications themselves, which are few per area.
/// </summary>
public sealed class ServiceMeasureDay
{
    /// <summary>Stands for "not decided yet" in the key, where a null would make every such row distinct to the upsert.</summary>
    public const int Undecided = -1;

    public string ItemCode { get; set; } = "";

    /// <summary>The district the application's centre lies in (the first six digits of its jurisdiction code).</summary>
    public string DistrictCode { get; set; } = "";

    /// <summary>The local day of submission.</summary>
    public DateOnly Day { get; set; }

    public ServiceLevel Level { get; set; }

    public int ItemVersion { get; set; }

    /// <summary>Working days from acceptance to decision, or <see cref="Undecided"/>.</summary>
    public int HandlingDays { get; set; }

    public int PromisedDays { get; set; }

    public int Count { get; set; }

    public int Immediate { get; set; }

    public int Online { get; set; }

    public int Accepted { get; set; }

    public int OneSubmission { get; set; }

    public int NotAccepted { get; set; }

    public int Visits { get; set; }

    public int Rating1 { get; set; }

    public int Rating2 { get; set; }

    public int Rating3 { get; set; }

    public int Rating4 { get; set; }

    public int Rating5 { get; set; }

    public int FollowUps { get; set; }

    public int FollowUpsClosed { get; set; }

    public int FollowUpsOnTime { get; set; }
}

internal sealed class ServiceMeasureDayConfiguration : IEntityTypeConfiguration<ServiceMeasureDay>
{
    public void Configure(EntityTypeBuilder<ServiceMeasureDay> builder)
    {
        builder.ToTable(MeasureDayDelta.Table);
        // Item first: an item's district or city over a period is one range of the key.
        builder.HasKey(d => new { d.ItemCode, d.DistrictCode, d.Day, d.Level, d.ItemVersion, d.HandlingDays, d.PromisedDays });
        builder.Property(d => d.ItemCode).HasMaxLength(ServiceItem.MaxCodeLength);
        builder.Property(d => d.DistrictCode).HasMaxLength(6);
        builder.Property(d => d.Level).HasConversion<string>().HasMaxLength(16);
        // All items of a district over a period. The district leads: led by the day, PostgreSQL's generic plan of an item's
        // read (after five runs of the prepared statement) took this index for a period's whole city, all items, over the key.
        builder.HasIndex(d => new { d.DistrictCode, d.Day });
    }
}
