using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Conferences;

internal sealed class ConferenceBodyConfiguration : IEntityTypeConfiguration<ConferenceBody>
{
    public void Configure(EntityTypeBuilder<ConferenceBody> builder)
    {
        builder.ToTable("conference_bodies");
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Name).HasMaxLength(ConferenceBody.MaxNameLength);
        builder.Property(b => b.JurisdictionCode).HasMaxLength(15);
        builder.Property(b => b.Level).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(b => b.JurisdictionCode);
        builder.HasIndex(b => b.ParentBodyId);
    }
}

internal sealed class BodyMembershipConfiguration : IEntityTypeConfiguration<BodyMembership>
{
    public void Configure(EntityTypeBuilder<BodyMembership> builder)
    {
        builder.ToTable("conference_memberships");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.JurisdictionCode).HasMaxLength(15);
        builder.Property(m => m.Representative).HasMaxLength(BodyMembership.MaxPersonLength);
        builder.Property(m => m.Liaison).HasMaxLength(BodyMembership.MaxPersonLength);
        builder.Property(m => m.LiaisonPhoneProtected).HasMaxLength(1000);
        builder.Property(m => m.LiaisonPhoneMasked).HasMaxLength(BodyMembership.MaxPhoneLength);
        // The plaintext column of memberships joined before phones were encrypted, emptied at start (LegacyLiaisonPhoneProtection);
        // kept for one release so that a node still running the previous one finds its column.
        builder.Property<string?>(LegacyLiaisonPhoneProtection.Phone).HasColumnName("LiaisonPhone").HasMaxLength(BodyMembership.MaxPhoneLength);
        builder.Ignore(m => m.Active);
        builder.HasIndex(m => new { m.BodyId, m.OrganisationId });
        builder.HasIndex(m => m.OrganisationId);
        builder.HasOne<ConferenceBody>().WithMany().HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("conference_meetings");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.JurisdictionCode).HasMaxLength(15);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Title).HasMaxLength(Meeting.MaxTitleLength);
        builder.Property(m => m.Place).HasMaxLength(Meeting.MaxPlaceLength);
        builder.Property(m => m.Minutes).HasMaxLength(Meeting.MaxMinutesLength);
        builder.Property(m => m.Agenda).HasJsonListConversion();
        builder.Property(m => m.Attendances).HasJsonListConversion();
        builder.HasIndex(m => new { m.BodyId, m.State, m.ScheduledAt });
        builder.HasIndex(m => m.JurisdictionCode);
        builder.HasOne<ConferenceBody>().WithMany().HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EscalationConfiguration : IEntityTypeConfiguration<Escalation>
{
    public void Configure(EntityTypeBuilder<Escalation> builder)
    {
        builder.ToTable("conference_escalations");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.JurisdictionCode).HasMaxLength(15);
        builder.Property(e => e.Title).HasMaxLength(Meeting.MaxTitleLength);
        builder.Property(e => e.History).HasMaxLength(Escalation.MaxHistoryLength);
        builder.Property(e => e.Answer).HasMaxLength(Escalation.MaxHistoryLength);
        builder.Property(e => e.State).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(e => new { e.ToBodyId, e.State });
        builder.HasIndex(e => e.FromBodyId);
    }
}

internal sealed class ResolutionConfiguration : IEntityTypeConfiguration<Resolution>
{
    public void Configure(EntityTypeBuilder<Resolution> builder)
    {
        builder.ToTable("conference_resolutions");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.JurisdictionCode).HasMaxLength(15);
        builder.Property(r => r.Text).HasMaxLength(Resolution.MaxTextLength);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(r => r.MeetingId);
        builder.HasIndex(r => new { r.BodyId, r.State });
        builder.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConferenceTaskConfiguration : IEntityTypeConfiguration<ConferenceTask>
{
    public void Configure(EntityTypeBuilder<ConferenceTask> builder)
    {
        builder.ToTable("conference_tasks");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.JurisdictionCode).HasMaxLength(15);
        builder.Property(t => t.Title).HasMaxLength(ConferenceTask.MaxTitleLength);
        builder.Property(t => t.Weight).HasPrecision(9, 2);
        builder.Property(t => t.ProgressPercent).HasPrecision(5, 2);
        builder.Property(t => t.Reports).HasJsonListConversion();
        builder.HasIndex(t => t.ResolutionId);
        builder.HasIndex(t => t.OwnerOrganisationId);
        builder.HasIndex(t => new { t.JurisdictionCode, t.Deadline });
        builder.HasOne<Resolution>().WithMany().HasForeignKey(t => t.ResolutionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DirectiveConfiguration : IEntityTypeConfiguration<Directive>
{
    public void Configure(EntityTypeBuilder<Directive> builder)
    {
        builder.ToTable("conference_directives");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.JurisdictionCode).HasMaxLength(15);
        builder.Property(d => d.Title).HasMaxLength(Directive.MaxTitleLength);
        builder.Property(d => d.RequiredActions).HasMaxLength(Directive.MaxActionsLength);
        builder.HasIndex(d => d.IssuingBodyId);
    }
}

internal sealed class DirectiveAssignmentConfiguration : IEntityTypeConfiguration<DirectiveAssignment>
{
    public void Configure(EntityTypeBuilder<DirectiveAssignment> builder)
    {
        builder.ToTable("conference_directive_assignments");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.JurisdictionCode).HasMaxLength(15);
        builder.Property(a => a.NodeName).HasMaxLength(128);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(64);
        builder.Property(a => a.Execution).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Note).HasMaxLength(DirectiveAssignment.MaxNoteLength);
        builder.Property(a => a.EvidenceFileIds).HasJsonListConversion();
        builder.HasIndex(a => new { a.DirectiveId, a.JurisdictionCode }).IsUnique();
        builder.HasIndex(a => new { a.JurisdictionCode, a.Execution });
        builder.HasOne<Directive>().WithMany().HasForeignKey(a => a.DirectiveId).OnDelete(DeleteBehavior.Cascade);
    }
}
