using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Cases.Guests;

/// <summary>
/// The link a person without an account follows a case by (<c>/cases/follow/{token}</c>): a guest reporter's, or a guest
/// supporter's. Only a keyed hash of the token is kept, so a copy of the table opens no case.
/// </summary>
public sealed class CaseFollowLink
{
    private CaseFollowLink()
    {
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public string TokenHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static CaseFollowLink For(Guid caseId, string tokenHash, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), CaseId = caseId, TokenHash = tokenHash, CreatedAt = now };
}

internal sealed class CaseFollowLinkConfiguration : IEntityTypeConfiguration<CaseFollowLink>
{
    public void Configure(EntityTypeBuilder<CaseFollowLink> builder)
    {
        builder.ToTable("case_follow_links");
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.CaseId);
    }
}
