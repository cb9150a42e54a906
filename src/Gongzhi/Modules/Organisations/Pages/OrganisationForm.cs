using System.ComponentModel.DataAnnotations;

namespace Gongzhi.Modules.Organisations.Pages;

/// <summary>
/// What the admin form posts. The annotations give the browser-side messages; the entity's
/// <see cref="Organisation.Validate"/> has the last word on the server, as it does for the API.
/// </summary>
public sealed class OrganisationForm
{
    [StringLength(Organisation.MaxCodeLength, ErrorMessage = "编码最多 64 个字符")]
    [RegularExpression(@"^42[0-9]{4}(?:[0-9]{3}){0,3}\.[a-z][a-z0-9-]{0,31}$", ErrorMessage = "编码为“辖区编码.简称”，简称用小写字母、数字或“-”，如 420103.cgj")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "请填写名称")]
    [StringLength(Organisation.MaxNameLength, ErrorMessage = "名称最多 128 个字符")]
    public string? Name { get; set; }

    [StringLength(Organisation.MaxNameLength, ErrorMessage = "英文名称最多 128 个字符")]
    public string? NameEn { get; set; }

    [Required(ErrorMessage = "请选择类型")]
    public OrganisationKind? Kind { get; set; }

    [Required(ErrorMessage = "请填写辖区编码")]
    [RegularExpression("^42[0-9]{4}(?:[0-9]{3}){0,3}$", ErrorMessage = "辖区编码为 6、9、12 或 15 位数字，如 420103001")]
    public string? JurisdictionCode { get; set; }

    [StringLength(Organisation.MaxPhoneLength, ErrorMessage = "电话最多 32 个字符")]
    public string? Phone { get; set; }

    [StringLength(Organisation.MaxAddressLength, ErrorMessage = "地址最多 256 个字符")]
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

/// <summary>How the admin pages name organisation kinds (zh-CN first; English comes from the resources).</summary>
public static class OrganisationKindNames
{
    public static string Of(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Department => "职能部门",
        OrganisationKind.CommandCenter => "指挥中心",
        OrganisationKind.StreetOffice => "街道办事处",
        OrganisationKind.CommunityCommittee => "居（村）民委员会",
        OrganisationKind.PartyOrganisation => "党组织",
        OrganisationKind.ResidentUnit => "驻区单位",
        OrganisationKind.Enterprise => "企业",
        OrganisationKind.SocialOrganisation => "社会组织",
        _ => kind.ToString(),
    };
}
