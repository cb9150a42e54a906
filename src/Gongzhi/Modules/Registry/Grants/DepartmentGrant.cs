using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Registry.Grants;

/// <summary>
/// A street's grant to a district department (PIPL art. 6, minimum necessary): for one purpose and until a set time, the
/// department's staff may open and reveal the persons of the granted area. Without an active grant a department sees
/// aggregates only. Revoking ends it at once; expiry ends it on its own.
/// </summary>
public sealed class DepartmentGrant : IJurisdictional, IVersioned, IAudited
{
    private DepartmentGrant()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The granted area: the street's own code or a community or grid inside it.</summary>
    public string JurisdictionCode { get; private set; } = "";

    /// <summary>The department (organisation) whose staff the grant is for.</summary>
    public Guid OrganisationId { get; private set; }

    /// <summary>The one reveal purpose (<see cref="Platform.PersonalData.RevealPurposes"/>) the grant allows.</summary>
    public string Purpose { get; private set; } = "";

    public DateTimeOffset From { get; private set; }

    public DateTimeOffset Until { get; private set; }

    public string GrantedByUserId { get; private set; } = "";

    public string GrantedBy { get; private set; } = "";

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    internal static DepartmentGrant Issue(Caller street, string area, Guid organisationId, string purpose, DateTimeOffset now, DateTimeOffset until) => new()
    {
        Id = Guid.CreateVersion7(now),
        JurisdictionCode = area,
        OrganisationId = organisationId,
        Purpose = purpose,
        From = now,
        Until = until,
        GrantedByUserId = street.UserId ?? "",
        GrantedBy = street.UserName ?? street.UserId ?? "",
    };

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && From <= now && now < Until;

    internal void Revoke(Caller by, DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            throw new RuleViolationException(RegistryText.Get("Grant.AlreadyRevoked"));
        }
        RevokedAt = now;
        RevokedBy = by.UserName ?? by.UserId;
    }

    /// <summary>True when this grant lets its department see a person recorded at <paramref name="code"/> now.</summary>
    internal bool Covers(string code, DateTimeOffset now) => IsActive(now) && Gongzhi.Platform.Scoping.JurisdictionCode.IsWithin(code, JurisdictionCode);
}

/// <summary>Grants are issued and revoked by the street office covering the area; departments read their own.</summary>
internal sealed class GrantRules : IActionRules<DepartmentGrant>
{
    public static readonly GrantRules Instance = new();

    public bool CanSee(Caller caller, DepartmentGrant record) =>
        caller.Covers(record.JurisdictionCode) && (!caller.IsInRole(Roles.DepartmentStaff) || caller.OrganisationId == record.OrganisationId.ToString());

    public bool Allows(Caller caller, string action, DepartmentGrant record) =>
        (caller.IsSystem || caller.IsInRole(Roles.StreetStaff)) && caller.Covers(record.JurisdictionCode);
}

/// <summary>
/// A department's view of persons: it sees (masked) and reveals only persons covered by one of its active grants, and
/// reveals only for the grant's purpose.
/// </summary>
internal sealed class GrantedPersonRules(IReadOnlyList<DepartmentGrant> grants, DateTimeOffset now, string? purpose) : IActionRules<Person>
{
    public bool CanSee(Caller caller, Person record) => grants.Any(g => g.Covers(record.JurisdictionCode, now));

    public bool Allows(Caller caller, string action, Person record) =>
        action == RegistryPermissions.Reveal && grants.Any(g => g.Covers(record.JurisdictionCode, now) && g.Purpose == purpose);
}

internal sealed class DepartmentGrantConfiguration : IEntityTypeConfiguration<DepartmentGrant>
{
    public void Configure(EntityTypeBuilder<DepartmentGrant> builder)
    {
        builder.ToTable("registry_department_grants");
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.JurisdictionCode).HasMaxLength(15);
        builder.Property(g => g.Purpose).HasMaxLength(32);
        builder.Property(g => g.GrantedByUserId).HasMaxLength(64);
        builder.Property(g => g.GrantedBy).HasMaxLength(256);
        builder.Property(g => g.RevokedBy).HasMaxLength(256);
        builder.HasIndex(g => new { g.OrganisationId, g.Until });
        builder.HasIndex(g => g.JurisdictionCode);
    }
}
