using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.SocialForces.Incubation;

internal sealed class IncubationBaseConfiguration : IEntityTypeConfiguration<IncubationBase>
{
    public void Configure(EntityTypeBuilder<IncubationBase> builder)
    {
        // The places hold whatever the code does: admissions beyond them fail the save.
        builder.ToTable("social_incubation_bases", t => t.HasCheckConstraint("CK_social_incubation_bases_places",
            "\"Occupied\" >= 0 AND \"Occupied\" <= \"Places\""));
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.JurisdictionCode).HasMaxLength(15);
        builder.Property(b => b.Name).HasMaxLength(IncubationBase.MaxNameLength);
        builder.Property(b => b.Address).HasMaxLength(IncubationBase.MaxAddressLength);
        builder.Property(b => b.Operator).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.OperatorName).HasMaxLength(100);
        builder.HasIndex(b => b.JurisdictionCode);
    }
}

internal sealed class IncubationRecordConfiguration : IEntityTypeConfiguration<IncubationRecord>
{
    public void Configure(EntityTypeBuilder<IncubationRecord> builder)
    {
        builder.ToTable("social_incubation_records");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.JurisdictionCode).HasMaxLength(15);
        builder.Property(r => r.OrganisationName).HasMaxLength(100);
        builder.Property(r => r.Stage).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Need).HasMaxLength(IncubationRecord.MaxTextLength);
        builder.Property(r => r.MentorUserId).HasMaxLength(64);
        builder.Property(r => r.MentorName).HasMaxLength(IncubationRecord.MaxMentorLength);
        builder.Property(r => r.ClosingReason).HasMaxLength(IncubationRecord.MaxTextLength);
        builder.Property(r => r.CreatedByUserId).HasMaxLength(64);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(128);
        builder.Ignore(r => r.IsOpen);
        // One open record per organisation, whichever base: the last word when two applications race.
        builder.HasIndex(r => r.OrganisationId).IsUnique().HasFilter("\"Stage\" IN ('Applied', 'Incubating')")
            .HasDatabaseName("IX_social_incubation_records_open");
        builder.HasIndex(r => new { r.BaseId, r.Stage });
        builder.HasIndex(r => r.JurisdictionCode);
        builder.HasIndex(r => new { r.CreatedByUserId, r.IdempotencyKey }).IsUnique();
        builder.HasOne<IncubationBase>().WithMany().HasForeignKey(r => r.BaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IncubationSupportConfiguration : IEntityTypeConfiguration<IncubationSupport>
{
    public void Configure(EntityTypeBuilder<IncubationSupport> builder)
    {
        builder.ToTable("social_incubation_support", t => t.HasCheckConstraint("CK_social_incubation_support_amount",
            "(\"Kind\" = 'Funds' AND \"Amount\" > 0) OR (\"Kind\" <> 'Funds' AND \"Amount\" IS NULL)"));
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.JurisdictionCode).HasMaxLength(15);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Description).HasMaxLength(IncubationRecord.MaxTextLength);
        builder.Property(s => s.RecordedBy).HasMaxLength(64);
        builder.Property(s => s.CreatedByUserId).HasMaxLength(64);
        builder.Property(s => s.IdempotencyKey).HasMaxLength(128);
        builder.HasIndex(s => new { s.RecordId, s.On });
        builder.HasIndex(s => new { s.CreatedByUserId, s.IdempotencyKey }).IsUnique();
        builder.HasOne<IncubationRecord>().WithMany().HasForeignKey(s => s.RecordId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CapacityAssessmentConfiguration : IEntityTypeConfiguration<CapacityAssessment>
{
    public void Configure(EntityTypeBuilder<CapacityAssessment> builder)
    {
        builder.ToTable("social_capacity_assessments", t => t.HasCheckConstraint("CK_social_capacity_assessments_total",
            "\"Total\" = \"Governance\" + \"Finance\" + \"Projects\" + \"People\" + \"PublicTrust\""));
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.JurisdictionCode).HasMaxLength(15);
        builder.Property(a => a.Assessor).HasMaxLength(IncubationRecord.MaxMentorLength);
        builder.Property(a => a.Note).HasMaxLength(IncubationRecord.MaxTextLength);
        builder.Property(a => a.RecordedBy).HasMaxLength(64);
        builder.Property(a => a.CreatedByUserId).HasMaxLength(64);
        builder.Property(a => a.IdempotencyKey).HasMaxLength(128);
        builder.Ignore(a => a.Scores);
        builder.HasIndex(a => new { a.RecordId, a.On });
        builder.HasIndex(a => new { a.CreatedByUserId, a.IdempotencyKey }).IsUnique();
        builder.HasOne<IncubationRecord>().WithMany().HasForeignKey(a => a.RecordId).OnDelete(DeleteBehavior.Cascade);
    }
}
