using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.SocialForces.Calls;

internal sealed class ProposalCallConfiguration : IEntityTypeConfiguration<ProposalCall>
{
    public void Configure(EntityTypeBuilder<ProposalCall> builder)
    {
        builder.ToTable("social_calls");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.JurisdictionCode).HasMaxLength(15);
        builder.Property(c => c.Title).HasMaxLength(Purchase.ServiceProject.MaxTitleLength);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.PublishedBy).HasMaxLength(64);
        builder.Property(c => c.AwardReason).HasMaxLength(ProposalCall.MaxReasonLength);
        // One call per project: the award of a call is the project's contract.
        builder.HasIndex(c => c.ProjectId).IsUnique();
        builder.HasIndex(c => new { c.JurisdictionCode, c.Deadline });
        builder.HasOne<Purchase.ServiceProject>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CallCriterionConfiguration : IEntityTypeConfiguration<CallCriterion>
{
    public void Configure(EntityTypeBuilder<CallCriterion> builder)
    {
        builder.ToTable("social_call_criteria");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.JurisdictionCode).HasMaxLength(15);
        builder.Property(c => c.Name).HasMaxLength(ProposalCall.MaxCriterionName);
        builder.HasIndex(c => new { c.CallId, c.Number }).IsUnique();
        builder.HasOne<ProposalCall>().WithMany().HasForeignKey(c => c.CallId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProposalApplicationConfiguration : IEntityTypeConfiguration<ProposalApplication>
{
    public void Configure(EntityTypeBuilder<ProposalApplication> builder)
    {
        builder.ToTable("social_call_applications");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.JurisdictionCode).HasMaxLength(15);
        builder.Property(a => a.OrganisationName).HasMaxLength(Registry.SocialOrganisation.MaxNameLength);
        builder.Property(a => a.ApplicantUserId).HasMaxLength(64);
        builder.Property(a => a.IdempotencyKey).HasMaxLength(128);
        builder.Property(a => a.Proposal).HasMaxLength(ProposalApplication.MaxProposalLength);
        // One application per organisation and call, whatever races: the second insert fails here.
        builder.HasIndex(a => new { a.CallId, a.OrganisationId }).IsUnique();
        builder.HasIndex(a => a.OrganisationId);
        builder.HasOne<ProposalCall>().WithMany().HasForeignKey(a => a.CallId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApplicationScoreConfiguration : IEntityTypeConfiguration<ApplicationScore>
{
    public void Configure(EntityTypeBuilder<ApplicationScore> builder)
    {
        builder.ToTable("social_call_scores", t => t.HasCheckConstraint("CK_social_call_scores_range", "\"Score\" >= 0 AND \"Score\" <= 10"));
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.JurisdictionCode).HasMaxLength(15);
        builder.Property(s => s.ScorerId).HasMaxLength(64);
        builder.Property(s => s.ScorerName).HasMaxLength(64);
        builder.HasIndex(s => new { s.ApplicationId, s.ScorerId, s.CriterionNumber }).IsUnique();
        builder.HasIndex(s => s.CallId);
        builder.HasOne<ProposalApplication>().WithMany().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
