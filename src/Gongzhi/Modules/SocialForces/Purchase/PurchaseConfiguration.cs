using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.SocialForces.Purchase;

internal sealed class ServiceProjectConfiguration : IEntityTypeConfiguration<ServiceProject>
{
    public void Configure(EntityTypeBuilder<ServiceProject> builder)
    {
        // The budget holds whatever the code does: contracts summing above it fail the save.
        builder.ToTable("social_projects", t => t.HasCheckConstraint("CK_social_projects_budget", "\"Awarded\" <= \"Budget\" AND \"Awarded\" >= 0"));
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.JurisdictionCode).HasMaxLength(15);
        builder.Property(p => p.Title).HasMaxLength(ServiceProject.MaxTitleLength);
        builder.Property(p => p.Need).HasMaxLength(1000);
        builder.Property(p => p.CreatedBy).HasMaxLength(64);
        builder.HasIndex(p => new { p.JurisdictionCode, p.CreatedAt });
    }
}

internal sealed class ServiceContractConfiguration : IEntityTypeConfiguration<ServiceContract>
{
    public void Configure(EntityTypeBuilder<ServiceContract> builder)
    {
        builder.ToTable("social_contracts");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.JurisdictionCode).HasMaxLength(15);
        builder.Property(c => c.OrganisationName).HasMaxLength(100);
        builder.HasIndex(c => c.ProjectId);
        builder.HasIndex(c => c.OrganisationId);
        builder.HasOne<ServiceProject>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContractMilestoneConfiguration : IEntityTypeConfiguration<ContractMilestone>
{
    public void Configure(EntityTypeBuilder<ContractMilestone> builder)
    {
        builder.ToTable("social_contract_milestones");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.JurisdictionCode).HasMaxLength(15);
        builder.Property(m => m.Title).HasMaxLength(100);
        builder.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Deliverable).HasMaxLength(ContractMilestone.MaxDeliverableLength);
        builder.HasIndex(m => new { m.ContractId, m.Number }).IsUnique();
        builder.HasIndex(m => m.ProjectId);
        builder.HasOne<ServiceContract>().WithMany().HasForeignKey(m => m.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}
