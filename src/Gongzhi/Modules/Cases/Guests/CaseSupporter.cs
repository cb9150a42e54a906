using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Cases.Guests;

/// <summary>
/// One person who met the same problem as an open case and said so (我也遇到了) instead of filing it again: an account, or a
/// number proven by a one-time code. One row per person and case; the number is kept encrypted, to tell them when the case
/// closes, with its keyed hash to find them again.
/// </summary>
public sealed class CaseSupporter : IJurisdictional
{
    private CaseSupporter()
    {
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>The case's place when the supporter joined: staff see the supporters of the cases they see.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public string? UserId { get; private set; }

    public string? PhoneHash { get; private set; }

    public string? PhoneProtected { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>An account, or a proven number, joins an open case; a case that is no longer open takes no more supporters.</summary>
    public static CaseSupporter Join(Case @case, string? userId, ProtectedValue? phone, DateTimeOffset now)
    {
        if (!@case.IsOpen)
        {
            throw CasesText.Rule("Support.CaseNotOpen", @case.Reference);
        }
        if (userId is null == phone?.Hash is null)
        {
            throw new InvalidOperationException("A supporter is either an account or a number.");
        }
        return new CaseSupporter
        {
            Id = Guid.CreateVersion7(now),
            CaseId = @case.Id,
            JurisdictionCode = @case.JurisdictionCode,
            UserId = userId,
            PhoneHash = phone?.Hash,
            PhoneProtected = phone?.Protected,
            CreatedAt = now,
        };
    }
}

internal sealed class CaseSupporterConfiguration : IEntityTypeConfiguration<CaseSupporter>
{
    public void Configure(EntityTypeBuilder<CaseSupporter> builder)
    {
        builder.ToTable("case_supporters");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.JurisdictionCode).HasMaxLength(15);
        builder.Property(s => s.UserId).HasMaxLength(64);
        builder.Property(s => s.PhoneHash).HasMaxLength(64);
        builder.Property(s => s.PhoneProtected).HasMaxLength(1000);
        // One supporter per account and per number on a case: a retry, or a second click, counts once. NULLs never collide.
        builder.HasIndex(s => new { s.CaseId, s.UserId }).IsUnique();
        builder.HasIndex(s => new { s.CaseId, s.PhoneHash }).IsUnique();
    }
}
