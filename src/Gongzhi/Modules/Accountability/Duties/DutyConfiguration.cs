using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Accountability.Duties;

internal sealed class DutyConfiguration : IEntityTypeConfiguration<Duty>
{
    public void Configure(EntityTypeBuilder<Duty> builder)
    {
        builder.ToTable("duties");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.JurisdictionCode).HasMaxLength(15);
        builder.Property(d => d.Title).HasMaxLength(Duty.MaxTitleLength);
        builder.Property(d => d.LegalBasis).HasMaxLength(Duty.MaxLegalBasisLength);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.CategoryCodes).HasJsonListConversion();
        builder.Property(d => d.ServiceItemCodes).HasJsonListConversion();
        // An organisation's list, and the lines holding in an area.
        builder.HasIndex(d => new { d.OrganisationId, d.JurisdictionCode });
        builder.HasIndex(d => d.JurisdictionCode);
    }
}

internal sealed class DutyDecisionConfiguration : IEntityTypeConfiguration<DutyDecision>
{
    public void Configure(EntityTypeBuilder<DutyDecision> builder)
    {
        builder.ToTable("duty_decisions");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.JurisdictionCode).HasMaxLength(15);
        builder.Property(d => d.CategoryCode).HasMaxLength(8);
        builder.Property(d => d.YieldingOrganisationIds).HasJsonListConversion();
        builder.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Reason).HasMaxLength(DutyDecision.MaxReasonLength);
        builder.Property(d => d.DecidedBy).HasMaxLength(256);
        builder.Property(d => d.DecidedByUserId).HasMaxLength(64);
        builder.HasIndex(d => new { d.JurisdictionCode, d.CategoryCode });
    }
}
