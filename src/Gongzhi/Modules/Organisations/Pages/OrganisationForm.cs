using System.ComponentModel.DataAnnotations;
using Gongzhi.Resources;

namespace Gongzhi.Modules.Organisations.Pages;

/// <summary>
/// What the admin form posts. The annotations give the browser-side messages; the entity's
/// <see cref="Organisation.Validate"/> has the last word on the server, as it does for the API.
/// </summary>
public sealed class OrganisationForm
{
    [StringLength(Organisation.MaxCodeLength, ErrorMessageResourceType = typeof(SharedResource), ErrorMessageResourceName = nameof(SharedResource.OrganisationsTooLong))]
    [RegularExpression(@"^42[0-9]{4}(?:[0-9]{3}){0,3}\.[a-z][a-z0-9-]{0,31}$", ErrorMessageResourceType = typeof(SharedResource), ErrorMessageResourceName = nameof(SharedResource.OrganisationsCodeFormat))]
    public string? Code { get; set; }

    [Required(ErrorMessageResourceType = typeof(SharedResource), ErrorMessageResourceName = nameof(SharedResource.OrganisationsNameRequired))]
    [StringLength(Organisation.MaxNameLength, ErrorMessageResourceType = typeof(SharedResource), ErrorMessageResourceName = nameof(SharedResource.OrganisationsTooLong))]
    public string? Name { get; set; }

    [StringLength(Organisation.MaxNameLength, ErrorMessageResourceType = typeof(SharedResource), ErrorMessageResourceName = nameof(SharedResource.OrganisationsTooLong))]
    public string? NameEn { get; set; }

    [Required(ErrorMessageResourceType = typeof(SharedResource), ErrorMessageResourceName = nameof(SharedResource.OrganisationsKindRequired))]
    public OrganisationKind? Kind { get; set; }

    [Required(ErrorMessageResourceType = typeof(SharedResource), ErrorMessageResourceName = nameof(SharedResource.OrganisationsJurisdictionRequired))]
    [RegularExpression("^42[0-9]{4}(?:[0-9]{3}){0,3}$", ErrorMessageResourceType = typeof(SharedResource), ErrorMessageResourceName = nameof(SharedResource.OrganisationsJurisdictionFormat))]
    public string? JurisdictionCode { get; set; }

    [StringLength(Organisation.MaxPhoneLength, ErrorMessageResourceType = typeof(SharedResource), ErrorMessageResourceName = nameof(SharedResource.OrganisationsTooLong))]
    public string? Phone { get; set; }

    [StringLength(Organisation.MaxAddressLength, ErrorMessageResourceType = typeof(SharedResource), ErrorMessageResourceName = nameof(SharedResource.OrganisationsTooLong))]
    public string? Address { get; set; }

    public long Version { get; set; }

    public static OrganisationForm From(Organisation o) => new()
    {
        Code = o.Code,
        Name = o.Name,
        NameEn = o.NameEn,
        Kind = o.Kind,
        JurisdictionCode = o.JurisdictionCode,
        Phone = o.Phone,
        Address = o.Address,
        Version = o.Version,
    };

    /// <summary>Maps the API's field names (from <see cref="Organisation.Validate"/>) to this form's properties.</summary>
    public static string PropertyFor(string field) => field switch
    {
        "code" => nameof(Code),
        "name" => nameof(Name),
        "nameEn" => nameof(NameEn),
        "kind" => nameof(Kind),
        "jurisdictionCode" => nameof(JurisdictionCode),
        "phone" => nameof(Phone),
        "address" => nameof(Address),
        _ => nameof(Version),
    };
}

/// <summary>The resource key under which the UI names an organisation kind.</summary>
public static class OrganisationKindNames
{
    public static string Key(OrganisationKind kind) => $"Organisations.Kind.{kind}";
}
