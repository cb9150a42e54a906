using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Cases;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("cases");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Reference).HasMaxLength(22);
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.CategoryCode).HasMaxLength(8);
        builder.Property(c => c.Urgency).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Title).HasMaxLength(Case.TitleMaxLength);
        builder.Property(c => c.Description).HasMaxLength(Case.DescriptionMaxLength);
        builder.Property(c => c.Address).HasMaxLength(256);
        builder.Property(c => c.JurisdictionCode).HasMaxLength(15);
        builder.Property(c => c.HandlingLevel).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.ReporterUserId).HasMaxLength(64);
        builder.Property(c => c.ReporterNameProtected).HasMaxLength(1000);
        builder.Property(c => c.ReporterNameMasked).HasMaxLength(64);
        builder.Property(c => c.ReporterPhoneProtected).HasMaxLength(1000);
        builder.Property(c => c.ReporterPhoneMasked).HasMaxLength(32);
        // The columns reporters were kept in, in plaintext, before they were encrypted: LegacyReporterProtection empties them at start.
        builder.Property<string?>(LegacyReporterProtection.Name).HasColumnName("ReporterName").HasMaxLength(64);
        builder.Property<string?>(LegacyReporterProtection.Phone).HasColumnName("ReporterPhone").HasMaxLength(32);
        builder.Property(c => c.FollowerUserIds).HasJsonListConversion();
        builder.Property(c => c.PhotoIds).HasJsonListConversion();
        builder.Property(c => c.Attributes).HasJsonMapConversion();
        builder.Property(c => c.IdempotencyKey).HasMaxLength(128);
        builder.Property(c => c.RejectionKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.RejectionReason).HasMaxLength(Case.NoteMaxLength);
        builder.Property(c => c.AssistingOrganisationIds).HasJsonListConversion();
        builder.Property(c => c.DeadlineStep).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.ResolutionNote).HasMaxLength(Case.NoteMaxLength);
        builder.Property(c => c.ResolutionPhotoIds).HasJsonListConversion();
        builder.Property(c => c.Satisfaction).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.EvaluationComment).HasMaxLength(Case.NoteMaxLength);
        builder.Property(c => c.PendingExtensionReason).HasMaxLength(Case.NoteMaxLength);
        builder.Property(c => c.InvolvedOrganisationIds).HasJsonListConversion();
        builder.Property(c => c.HandOverWaitHours).HasJsonListConversion();

        // A street's queue: its open cases by state, soonest deadline first (prefix scans on the code).
        builder.HasIndex(c => new { c.JurisdictionCode, c.State, c.Deadline });
        // A department's queue.
        builder.HasIndex(c => new { c.LeadOrganisationId, c.State });
        // The overdue timer scans open cases whose deadline has passed. Only open cases have a deadline
        // (CaseStates.HasDeadline): the deadline indexes hold just those, a small part of a year's cases.
        builder.HasIndex(c => new { c.Overdue, c.Deadline }).HasFilter("\"Deadline\" IS NOT NULL");
        // An area's overdue queue: the few overdue cases by area, so a district reads its own and no one else's.
        builder.HasIndex(c => new { c.JurisdictionCode, c.Deadline }).HasFilter("\"Overdue\"").HasDatabaseName("IX_cases_overdue");
        builder.HasIndex(c => c.CreatedAt);
        // The change feed (CaseChangeFeed) reads the cases changed since a moment, a few among millions.
        builder.HasIndex(c => c.UpdatedAt);
        // A queue or search across a wide scope, soonest deadline first: walked in order, it stops at the first
        // page of matches instead of sorting every match (see CaseQueries.PageByDeadlineAsync).
        builder.HasIndex(c => new { c.Deadline, c.Reference }).HasFilter("\"Deadline\" IS NOT NULL");
        // A period's indicators: the cohort registered in it, inside an area (the prefix scan filters on the date in the index).
        builder.HasIndex(c => new { c.JurisdictionCode, c.RegisteredAt });
        // The exact median wait reads the waits of the cohort's few cases that have any (let go by a return or
        // a transfer, as IndicatorService.WaitHoursAsync asks): without this index it visits every case of
        // the cohort. On PostgreSQL the waits ride in the index, so the read never touches the table.
        builder.HasIndex(c => new { c.JurisdictionCode, c.RegisteredAt })
            .HasFilter("\"ReturnCount\" > 0 OR \"HandOffCount\" > \"DispatchCount\"")
            .IncludeProperties(c => c.HandOverWaitHours)
            .HasDatabaseName("IX_cases_waits");
        // Duplicate suggestions: open cases of the category within a band of latitude around the report.
        builder.HasIndex(c => new { c.CategoryCode, c.Latitude });
        // Reports waiting to be registered, by area: the map adds them to the counters, which count registered cases only.
        builder.HasIndex(c => c.JurisdictionCode).HasFilter("\"State\" = 'Submitted'").HasDatabaseName("IX_cases_submitted");
        // Few cases are merged into another: the index holds only those.
        builder.HasIndex(c => c.MasterCaseId).HasFilter("\"MasterCaseId\" IS NOT NULL");
        // Retries with the same Idempotency-Key find the case they made; NULLs never collide on either engine.
        builder.HasIndex(c => new { c.ReporterUserId, c.IdempotencyKey }).IsUnique();

        builder.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> builder)
    {
        builder.ToTable("case_events");
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.ActorUserId).HasMaxLength(64);
        builder.Property(e => e.Action).HasMaxLength(32);
        builder.Property(e => e.FromState).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ToState).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Note).HasMaxLength(Case.NoteMaxLength);
        builder.Property(e => e.JurisdictionCode).HasMaxLength(15);
        // A timeline is a handful of lines, sorted by Id after the look-up. One key per case lets PostgreSQL keep
        // all of a case's lines in one index entry (B-tree deduplication): a quarter of the size of (CaseId, Id).
        builder.HasIndex(e => e.CaseId);
        // The trend's overdue series reads the overdue lines of a period; every other indicator reads the
        // facts kept on the case. Partial, so it holds one entry per overdue line, not one per timeline line.
        builder.HasIndex(e => e.At).HasFilter($"\"Action\" = '{CaseActions.Overdue}'").HasDatabaseName("IX_case_events_At_overdue");
    }
}
