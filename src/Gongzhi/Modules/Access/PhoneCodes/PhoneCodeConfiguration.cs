using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Access.PhoneCodes;

internal sealed class PhoneCodeConfiguration : IEntityTypeConfiguration<PhoneCode>
{
    public void Configure(EntityTypeBuilder<PhoneCode> builder)
    {
        builder.ToTable("phone_codes");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.PhoneHash).HasMaxLength(64);
        builder.Property(c => c.AddressHash).HasMaxLength(64);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        // The number's newest code, and the counts per number and per address within the hour.
        builder.HasIndex(c => new { c.PhoneHash, c.CreatedAt });
        builder.HasIndex(c => new { c.AddressHash, c.CreatedAt });
    }
}
