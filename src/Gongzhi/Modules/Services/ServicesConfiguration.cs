using Gongzhi.Modules.Services.Applications;
using Gongzhi.Modules.Services.Catalogue;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Services;

internal sealed class ServiceItemConfiguration : IEntityTypeConfiguration<ServiceItem>
{
    public void Configure(EntityTypeBuilder<ServiceItem> builder)
    {
        builder.ToTable("service_items");
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Code).HasMaxLength(ServiceItem.MaxCodeLength);
        builder.Property(i => i.Name).HasMaxLength(ServiceItem.MaxNameLength);
        builder.Property(i => i.Department).HasMaxLength(ServiceItem.MaxNameLength);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Materials).HasJsonListConversion();
        builder.Property(i => i.LifeEvents).HasJsonListConversion();
        builder.HasIndex(i => i.Code).IsUnique();
    }
}

internal sealed class ServiceItemVersionConfiguration : IEntityTypeConfiguration<ServiceItemVersion>
{
    public void Configure(EntityTypeBuilder<ServiceItemVersion> builder)
    {
        builder.ToTable("service_item_versions");
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Reason).HasMaxLength(500);
        builder.Property(v => v.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Materials).HasJsonListConversion();
        builder.HasIndex(v => new { v.ItemId, v.Number }).IsUnique();
        builder.HasOne<ServiceItem>().WithMany().HasForeignKey(v => v.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ServiceApplicationConfiguration : IEntityTypeConfiguration<ServiceApplication>
{
    public void Configure(EntityTypeBuilder<ServiceApplication> builder)
    {
        builder.ToTable("service_applications");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Reference).HasMaxLength(40);
        builder.Property(a => a.ItemCode).HasMaxLength(ServiceItem.MaxCodeLength);
        builder.Property(a => a.ItemName).HasMaxLength(ServiceItem.MaxNameLength);
        builder.Property(a => a.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.JurisdictionCode).HasMaxLength(15);
        builder.Property(a => a.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.ApplicantUserId).HasMaxLength(64);
        builder.Property(a => a.SubmittedByUserId).HasMaxLength(64);
        builder.Property(a => a.IdempotencyKey).HasMaxLength(128);
        builder.Property(a => a.ApplicantNameMasked).HasMaxLength(64);
        builder.Property(a => a.ApplicantIdNumberHash).HasMaxLength(64);
        builder.Property(a => a.ApplicantIdNumberMasked).HasMaxLength(32);
        builder.Property(a => a.ApplicantPhoneHash).HasMaxLength(64);
        builder.Property(a => a.ApplicantPhoneMasked).HasMaxLength(32);
        builder.Property(a => a.Reason).HasMaxLength(ServiceApplication.MaxReasonLength);
        builder.Property(a => a.RatingComment).HasMaxLength(ServiceApplication.MaxReasonLength);
        builder.Property(a => a.FollowUpAnswer).HasMaxLength(ServiceApplication.MaxReasonLength);
        builder.Property(a => a.Missing).HasJsonListConversion();
        builder.Property(a => a.PhotoIds).HasJsonListConversion();
        builder.Property(a => a.Steps).HasJsonListConversion();
        builder.HasIndex(a => a.Reference).IsUnique();
        builder.HasIndex(a => new { a.SubmittedByUserId, a.IdempotencyKey }).IsUnique();
        builder.HasIndex(a => new { a.JurisdictionCode, a.State, a.SubmittedAt });
        builder.HasIndex(a => new { a.ApplicantUserId, a.SubmittedAt });
        builder.HasIndex(a => a.ApplicantIdNumberHash);
        builder.HasIndex(a => a.ItemId);
        // The process measures of a street or a community are one grouped read over an item's or an area's applications of a
        // period (districts and the city read the day rows); on PostgreSQL the columns they count ride in the index, so the
        // read is one range of the index without touching the table.
        builder.HasIndex(a => new { a.ItemCode, a.JurisdictionCode, a.SubmittedAt })
            .IncludeProperties(a => new
            {
                a.State, a.Immediate, a.Channel, a.PromisedDays, a.HandlingDays, a.MaterialRequests, a.Visits, a.Rating,
                a.FollowUpDue, a.FollowUpOnTime, a.ItemVersion, a.Level,
            })
            .HasDatabaseName("IX_service_applications_item_measures");
        builder.HasIndex(a => new { a.JurisdictionCode, a.SubmittedAt })
            .IncludeProperties(a => new
            {
                a.ItemCode, a.State, a.Immediate, a.Channel, a.PromisedDays, a.HandlingDays, a.MaterialRequests, a.Visits, a.Rating,
                a.FollowUpDue, a.FollowUpOnTime, a.ItemVersion, a.Level,
            })
            .HasDatabaseName("IX_service_applications_area_measures");
        // A centre's list, newest first: walked backwards in order with the area beside the date, it stops at the first
        // page instead of sorting the area's whole year.
        builder.HasIndex(a => new { a.SubmittedAt, a.JurisdictionCode });
        // The backlog: the few applications still open, by centre, with what tells whether they are past their limit.
        builder.HasIndex(a => a.JurisdictionCode)
            .HasFilter("\"State\" IN ('Submitted', 'Accepted', 'AwaitingMaterials')")
            .IncludeProperties(a => new { a.State, a.DueDate })
            .HasDatabaseName("IX_service_applications_open");
        // What the start-up fill of measures stored late (StoredMeasuresBackfill) has left to do: empty once it has run, so its
        // probes at every start read nothing instead of every application.
        builder.HasIndex(a => a.Id, "IX_service_applications_unfilled_days")
            .HasFilter("\"HandlingDays\" IS NULL AND \"DecidedAt\" IS NOT NULL AND \"AcceptedAt\" IS NOT NULL AND \"State\" <> 'NotAccepted'");
        builder.HasIndex(a => a.Id, "IX_service_applications_unfilled_follow_ups")
            .HasFilter("\"FollowUpOnTime\" IS NULL AND \"FollowUpClosedAt\" IS NOT NULL");
        // Follow-ups of bad ratings still open, whose lateness the day rows cannot hold (it changes with the date).
        builder.HasIndex(a => a.FollowUpDue)
            .HasFilter("\"FollowUpDue\" IS NOT NULL AND \"FollowUpOnTime\" IS NULL")
            .IncludeProperties(a => new { a.ItemCode, a.JurisdictionCode, a.SubmittedAt, a.Level, a.ItemVersion, a.HandlingDays, a.PromisedDays })
            .HasDatabaseName("IX_service_applications_open_follow_ups");
    }
}
