using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Access;

/// <summary>
/// The mobile number a resident registered with: encrypted, its keyed hash (one account per number, and signing in by
/// number) and its masked form. Never the plaintext.
/// </summary>
internal sealed class AccountPhone
{
    private AccountPhone()
    {
    }

    public string AccountId { get; private set; } = "";

    public string PhoneProtected { get; private set; } = "";

    public string PhoneHash { get; private set; } = "";

    public string PhoneMasked { get; private set; } = "";

    public static AccountPhone Of(string accountId, string phoneProtected, string phoneHash, string phoneMasked) =>
        new() { AccountId = accountId, PhoneProtected = phoneProtected, PhoneHash = phoneHash, PhoneMasked = phoneMasked };
}

internal sealed class AccountPhoneConfiguration : IEntityTypeConfiguration<AccountPhone>
{
    public void Configure(EntityTypeBuilder<AccountPhone> builder)
    {
        builder.ToTable("account_phones");
        builder.HasKey(p => p.AccountId);
        builder.Property(p => p.AccountId).HasMaxLength(64);
        builder.Property(p => p.PhoneProtected).HasMaxLength(1000);
        builder.Property(p => p.PhoneHash).HasMaxLength(64);
        builder.Property(p => p.PhoneMasked).HasMaxLength(32);
        // One account per number, even when two registrations race.
        builder.HasIndex(p => p.PhoneHash).IsUnique();
    }
}
