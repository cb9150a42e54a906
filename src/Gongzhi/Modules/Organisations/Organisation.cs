using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Organisations;

public enum OrganisationKind
{
    Department = 0,
    CommandCenter = 1,
    StreetOffice = 2,
    CommunityCommittee = 3,
    PartyOrganisation = 4,
    ResidentUnit = 5,
    Enterprise = 6,
    SocialOrganisation = 7,
}

/// <summary>
/// An organisation that acts in Gongzhi: a district department, a street office, a community
/// committee, a party organisation, a resident unit, an enterprise or a social organisation.
/// Streets and communities below its node can see it (they dispatch to it); only callers covering it change it.
/// </summary>
public sealed class Organisation : IVisibleToDescendants, IVersioned, IAudited
{
    private Organisation()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>A stable short key, e.g. <c>420103.cgj</c> for 江汉区城管局; used by routing rules and account names.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string? NameEn { get; private set; }

    public OrganisationKind Kind { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public Guid? ParentId { get; private set; }

    public string? Phone { get; private set; }

    public string? Address { get; private set; }

    public bool Active { get; private set; } = true;

    public long Version { get; set; }

    public string AuditKey => Code;

    public static Organisation Create(string code, string name, string? nameEn, OrganisationKind kind, string jurisdictionCode,
        Guid? parentId = null, string? phone = null, string? address = null)
    {
        var organisation = new Organisation { Id = Guid.CreateVersion7(), Code = code.Trim() };
        organisation.Update(name, nameEn, kind, jurisdictionCode, parentId, phone, address);
        return organisation;
    }

    public void Update(string name, string? nameEn, OrganisationKind kind, string jurisdictionCode, Guid? parentId, string? phone, string? address)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new RuleViolationException("An organisation needs a name.");
        }
        if (!Platform.Scoping.JurisdictionCode.IsWellFormed(jurisdictionCode))
        {
            throw new RuleViolationException($"'{jurisdictionCode}' is not a jurisdiction code.");
        }
        Name = name.Trim();
        NameEn = string.IsNullOrWhiteSpace(nameEn) ? null : nameEn.Trim();
        Kind = kind;
        JurisdictionCode = jurisdictionCode;
        ParentId = parentId;
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        Address = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
    }

    public void Deactivate() => Active = false;

    public void Activate() => Active = true;
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("organisations");
        builder.Property(o => o.Code).HasMaxLength(64);
        builder.HasIndex(o => o.Code).IsUnique();
        builder.Property(o => o.Name).HasMaxLength(128);
        builder.Property(o => o.NameEn).HasMaxLength(128);
        builder.Property(o => o.JurisdictionCode).HasMaxLength(15);
        builder.HasIndex(o => new { o.JurisdictionCode, o.Kind });
        builder.Property(o => o.Phone).HasMaxLength(32);
        builder.Property(o => o.Address).HasMaxLength(256);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(32);
    }
}
