using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;

namespace Gongzhi.Modules.SocialForces.Registry;

/// <summary>Registered with civil affairs (登记), or a community-based organisation filed with the street (备案).</summary>
public enum OrganisationKind
{
    Registered,
    Filed,
}

public enum ServiceField
{
    ElderlyCare,
    Children,
    Disability,
    Community,
    Culture,
    Volunteering,
    Other,
}

public enum AnnualReportStatus
{
    NotDue,
    Submitted,
    Passed,
    Overdue,
}

/// <summary>
/// A social organisation of an area. The legal representative and the contact phone are personal data: stored
/// encrypted with a keyed hash and a masked form, shown in full only with a stated purpose (audited).
/// </summary>
public sealed class SocialOrganisation : IJurisdictional, IVersioned, IAudited
{
    public const int MaxNameLength = 100;

    private SocialOrganisation()
    {
    }

    public Guid Id { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public string Name { get; private set; } = "";

    public OrganisationKind Kind { get; private set; }

    public ServiceField Field { get; private set; }

    /// <summary>统一社会信用代码; required for a registered organisation, optional for a filed one.</summary>
    public string? CreditCode { get; private set; }

    public string LegalRepresentativeProtected { get; private set; } = "";

    public string LegalRepresentativeHash { get; private set; } = "";

    public string LegalRepresentativeMasked { get; private set; } = "";

    public string ContactPhoneProtected { get; private set; } = "";

    public string ContactPhoneHash { get; private set; } = "";

    public string ContactPhoneMasked { get; private set; } = "";

    public AnnualReportStatus AnnualReport { get; private set; }

    /// <summary>Evaluation grade 1A–5A (社会组织评估等级), or none.</summary>
    public int? Rating { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    public static SocialOrganisation Register(string? name, string? jurisdictionCode, OrganisationKind? kind, ServiceField? field, string? creditCode,
        string? legalRepresentative, string? contactPhone, int? rating, PersonalDataProtector protector, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var title = name?.Trim() ?? "";
        if (title.Length is 0 or > MaxNameLength)
        {
            errors["name"] = [SocialText.Format("Field.Required", MaxNameLength)];
        }
        if (!Gongzhi.Platform.Scoping.JurisdictionCode.IsWellFormed(jurisdictionCode))
        {
            errors["jurisdictionCode"] = [SocialText.Get("Field.JurisdictionCode")];
        }
        if (kind is null || !Enum.IsDefined(kind.Value))
        {
            errors["kind"] = [SocialText.Get("Organisation.Kind")];
        }
        if (field is null || !Enum.IsDefined(field.Value))
        {
            errors["field"] = [SocialText.Get("Organisation.Field")];
        }
        var code = string.IsNullOrWhiteSpace(creditCode) ? null : CreditCodes.Normalize(creditCode);
        if ((code is null && kind == OrganisationKind.Registered) || (code is not null && !CreditCodes.IsValid(code)))
        {
            errors["creditCode"] = [SocialText.Get("Organisation.CreditCode")];
        }
        var representative = legalRepresentative?.Trim() ?? "";
        if (representative.Length is 0 or > 32)
        {
            errors["legalRepresentative"] = [SocialText.Format("Field.Required", 32)];
        }
        var phone = new string((contactPhone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (phone.Length is < 7 or > 15)
        {
            errors["contactPhone"] = [SocialText.Get("Organisation.Phone")];
        }
        if (rating is < 1 or > 5)
        {
            errors["rating"] = [SocialText.Get("Organisation.Rating")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        return new SocialOrganisation
        {
            Id = Guid.CreateVersion7(),
            Name = title,
            JurisdictionCode = jurisdictionCode!,
            Kind = kind!.Value,
            Field = field!.Value,
            CreditCode = code,
            LegalRepresentativeProtected = protector.Protect(representative),
            LegalRepresentativeHash = protector.Hash(representative),
            LegalRepresentativeMasked = Masks.Name(representative) ?? "",
            ContactPhoneProtected = protector.Protect(phone),
            ContactPhoneHash = protector.Hash(phone),
            ContactPhoneMasked = Masks.Phone(phone) ?? "",
            Rating = rating,
            AnnualReport = AnnualReportStatus.NotDue,
            RegisteredAt = now,
        };
    }

    public void RecordAnnualReport(AnnualReportStatus status) => AnnualReport = status;

    public void Rate(int? rating)
    {
        if (rating is < 1 or > 5)
        {
            throw FieldValidationException.Field("rating", SocialText.Get("Organisation.Rating"));
        }
        Rating = rating;
    }
}
