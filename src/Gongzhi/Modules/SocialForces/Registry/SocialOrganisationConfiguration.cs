using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.SocialForces.Registry;

internal sealed class SocialOrganisationConfiguration : IEntityTypeConfiguration<SocialOrganisation>
{
    public void Configure(EntityTypeBuilder<SocialOrganisation> builder)
    {
        builder.ToTable("social_organisations");
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.JurisdictionCode).HasMaxLength(15);
        builder.Property(o => o.Name).HasMaxLength(SocialOrganisation.MaxNameLength);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Field).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.AnnualReport).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.CreditCode).HasMaxLength(18);
        builder.Property(o => o.LegalRepresentativeHash).HasMaxLength(64);
        builder.Property(o => o.LegalRepresentativeMasked).HasMaxLength(32);
        builder.Property(o => o.ContactPhoneHash).HasMaxLength(64);
        builder.Property(o => o.ContactPhoneMasked).HasMaxLength(20);
        builder.HasIndex(o => o.JurisdictionCode);
        builder.HasIndex(o => o.CreditCode).IsUnique().HasFilter("\"CreditCode\" IS NOT NULL");
        builder.HasIndex(o => o.LegalRepresentativeHash);
        builder.HasIndex(o => o.ContactPhoneHash);
    }
}
