using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.SocialForces.Registry;

/// <summary>
/// An account that acts for a social organisation (its staff with the SocialOrg role), keyed by the account's user id.
/// The link is the module's own: Access keeps accounts, not which social organisation they work for.
/// </summary>
public sealed class OrganisationMember : IAudited
{
    private OrganisationMember()
    {
    }

    public string UserId { get; private set; } = "";

    public Guid OrganisationId { get; private set; }

    public DateTimeOffset LinkedAt { get; private set; }

    public string AuditKey => UserId;

    public static OrganisationMember Link(string userId, Guid organisationId, DateTimeOffset now) =>
        new() { UserId = userId, OrganisationId = organisationId, LinkedAt = now };
}

internal sealed class OrganisationMemberConfiguration : IEntityTypeConfiguration<OrganisationMember>
{
    public void Configure(EntityTypeBuilder<OrganisationMember> builder)
    {
        builder.ToTable("social_organisation_members");
        builder.HasKey(m => m.UserId);
        builder.Property(m => m.UserId).HasMaxLength(64);
        builder.HasIndex(m => m.OrganisationId);
        builder.HasOne<SocialOrganisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Which social organisation a caller acts for: looked up once per request.</summary>
public sealed class OrganisationMembers(GongzhiDbContext db)
{
    private readonly Dictionary<string, Guid?> known = [];

    /// <summary>The organisation of a SocialOrg account, or null (another role, or an account not linked yet).</summary>
    public async Task<Guid?> OrganisationOfAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } userId || !caller.IsInRole(Roles.SocialOrg))
        {
            return null;
        }
        if (!known.TryGetValue(userId, out var organisation))
        {
            organisation = await db.Set<OrganisationMember>().AsNoTracking().Where(m => m.UserId == userId).Select(m => (Guid?)m.OrganisationId)
                .FirstOrDefaultAsync(cancellationToken);
            known[userId] = organisation;
        }
        return organisation;
    }

    /// <summary>
    /// What a caller sees of purchases: staff see their area (null); an organisation's own staff see only what concerns
    /// their organisation (its applications, its contracts and the projects it won).
    /// </summary>
    public async Task<ProviderLens?> LensAsync(Caller caller, CancellationToken cancellationToken) =>
        SocialPermissions.IsProvider(caller) ? new ProviderLens(await OrganisationOfAsync(caller, cancellationToken)) : null;
}

/// <summary>The view of a social organisation's staff: <see cref="OrganisationId"/> null when the account is not linked (it sees nothing).</summary>
public sealed record ProviderLens(Guid? OrganisationId)
{
    public bool Owns(Guid organisationId) => OrganisationId == organisationId;
}
