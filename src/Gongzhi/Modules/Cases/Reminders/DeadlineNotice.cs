using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Cases.Reminders;

public enum DeadlineNoticeKind
{
    /// <summary>催办: the deadline is near.</summary>
    Reminder = 0,
}

/// <summary>
/// A notice the deadline service has sent for one deadline of one case. The unique key over case, step,
/// deadline and kind is the exactly-once guard: a second node inserting the same notice fails inside its
/// own transaction, so its notifications are rolled back with it, on SQLite and PostgreSQL alike.
/// </summary>
public sealed class DeadlineNotice
{
    private DeadlineNotice()
    {
    }

    public long Id { get; private set; }

    public Guid CaseId { get; private set; }

    public CaseStep Step { get; private set; }

    public DateTimeOffset Deadline { get; private set; }

    public DeadlineNoticeKind Kind { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    /// <summary>The case's, so the table can be partitioned by district like the cases.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public static DeadlineNotice For(Case c, DeadlineNoticeKind kind, DateTimeOffset now) => new()
    {
        CaseId = c.Id,
        Step = c.DeadlineStep ?? throw new InvalidOperationException("A deadline notice needs a case with a deadline."),
        Deadline = c.Deadline!.Value,
        Kind = kind,
        SentAt = now,
        JurisdictionCode = c.JurisdictionCode,
    };
}

internal sealed class DeadlineNoticeConfiguration : IEntityTypeConfiguration<DeadlineNotice>
{
    public void Configure(EntityTypeBuilder<DeadlineNotice> builder)
    {
        builder.ToTable("case_deadline_notices");
        builder.Property(n => n.Step).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.JurisdictionCode).HasMaxLength(15);
        builder.HasIndex(n => new { n.CaseId, n.Step, n.Deadline, n.Kind }).IsUnique();
        builder.HasOne<Case>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
