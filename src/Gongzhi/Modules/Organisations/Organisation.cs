using System.Text.RegularExpressions;
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
public sealed partial class Organisation : IVisibleToDescendants, IVersioned, IAudited
{
    public const int MaxCodeLength = 64;
    public const int MaxNameLength = 128;
    public const int MaxPhoneLength = 32;
    public const int MaxAddressLength = 256;

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
        // The full code convention (CodeError) is checked where people type codes; imports and tests may use their own keys.
        if (string.IsNullOrWhiteSpace(code) || code.Trim().Length > MaxCodeLength)
        {
            throw new RuleViolationException(OrganisationsText.Format("Code.TooLong", MaxCodeLength));
        }
        var organisation = new Organisation { Id = Guid.CreateVersion7(), Code = code.Trim() };
        organisation.Update(name, nameEn, kind, jurisdictionCode, parentId, phone, address);
        return organisation;
    }

    public void Update(string name, string? nameEn, OrganisationKind kind, string jurisdictionCode, Guid? parentId, string? phone, string? address)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new RuleViolationException(OrganisationsText.Get("Name.Required"));
        }
        if (!Platform.Scoping.JurisdictionCode.IsWellFormed(jurisdictionCode))
        {
            throw new RuleViolationException(OrganisationsText.Format("Jurisdiction.Invalid", jurisdictionCode));
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

    /// <summary>
    /// Field-level problems with proposed values (keys are the API's field names); empty when they are
    /// acceptable. <paramref name="code"/> is checked only when given, as it is fixed at creation.
    /// </summary>
    public static Dictionary<string, string[]> Validate(string? code, string? name, string? nameEn, OrganisationKind? kind,
        string? jurisdictionCode, string? phone, string? address)
    {
        var errors = new Dictionary<string, string[]>();
        if (code is not null && CodeError(code, jurisdictionCode) is { } codeError)
        {
            errors["code"] = [codeError];
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = [OrganisationsText.Get("Name.Required")];
        }
        else if (name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [Platform.PlatformText.Format("Validation.AtMostCharacters", MaxNameLength)];
        }
        if (nameEn is not null && nameEn.Trim().Length > MaxNameLength)
        {
            errors["nameEn"] = [Platform.PlatformText.Format("Validation.AtMostCharacters", MaxNameLength)];
        }
        if (kind is not { } k || !Enum.IsDefined(k))
        {
            errors["kind"] = [OrganisationsText.Format("Kind.OneOf", string.Join(", ", Enum.GetNames<OrganisationKind>()))];
        }
        if (!Platform.Scoping.JurisdictionCode.IsWellFormed(jurisdictionCode))
        {
            errors["jurisdictionCode"] = [Platform.PlatformText.Get("Validation.JurisdictionCodeForm")];
        }
        if (!string.IsNullOrWhiteSpace(phone) && !PhonePattern().IsMatch(phone.Trim()))
        {
            errors["phone"] = [OrganisationsText.Format("Phone.Form", MaxPhoneLength)];
        }
        if (address is not null && address.Trim().Length > MaxAddressLength)
        {
            errors["address"] = [Platform.PlatformText.Format("Validation.AtMostCharacters", MaxAddressLength)];
        }
        return errors;
    }

    /// <summary>
    /// A code is its jurisdiction code, a dot and a short lower-case key (<c>420103.cgj</c>), so that the
    /// code alone tells where an organisation sits and stays unique across districts.
    /// </summary>
    public static string? CodeError(string? code, string? jurisdictionCode)
    {
        code = code?.Trim();
        if (string.IsNullOrEmpty(code) || code.Length > MaxCodeLength || !CodePattern().IsMatch(code))
        {
            return OrganisationsText.Get("Code.Form");
        }
        if (jurisdictionCode is not null && !code.StartsWith(jurisdictionCode + ".", StringComparison.Ordinal))
        {
            return OrganisationsText.Format("Code.StartsWithJurisdiction", jurisdictionCode);
        }
        return null;
    }

    [GeneratedRegex(@"^42[0-9]{4}(?:[0-9]{3}){0,3}\.[a-z][a-z0-9-]{0,31}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[0-9+\- ]{3,32}$")]
    private static partial Regex PhonePattern();

    public void Activate() => Active = true;
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("organisations");
        builder.Property(o => o.Code).HasMaxLength(Organisation.MaxCodeLength);
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
