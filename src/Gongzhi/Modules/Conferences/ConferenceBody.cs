using System.Text.RegularExpressions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Conferences;

/// <summary>
/// A regional party-building joint conference (区域化党建联席会议) at one node of the tree: district,
/// street, community or grid, linked to the body of the level above. Lower levels may read the bodies
/// above them (they escalate to them and receive their directives); only the body's own level changes it.
/// </summary>
public sealed class ConferenceBody : IVisibleToDescendants, IVersioned, IAudited
{
    public const int MaxNameLength = 128;

    private ConferenceBody()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string JurisdictionCode { get; private set; } = "";

    public JurisdictionLevel Level { get; private set; }

    public Guid? ParentBodyId { get; private set; }

    /// <summary>The organisation that convenes the body, usually the party committee of its node.</summary>
    public Guid? ConvenerOrganisationId { get; private set; }

    public long Version { get; set; }

    public string AuditKey => $"{JurisdictionCode}:{Name}";

    public static ConferenceBody Create(string name, string jurisdictionCode, ConferenceBody? parent, Guid? convenerOrganisationId)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Body.Name", MaxNameLength));
        }
        if (!Platform.Scoping.JurisdictionCode.IsWellFormed(jurisdictionCode) || jurisdictionCode == Platform.Scoping.JurisdictionCode.City)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Body.Node"));
        }
        if (parent is not null && Platform.Scoping.JurisdictionCode.ParentOf(jurisdictionCode) != parent.JurisdictionCode)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Body.Parent"));
        }
        return new ConferenceBody
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            JurisdictionCode = jurisdictionCode,
            Level = Platform.Scoping.JurisdictionCode.LevelOf(jurisdictionCode),
            ParentBodyId = parent?.Id,
            ConvenerOrganisationId = convenerOrganisationId,
        };
    }
}

/// <summary>
/// An organisation's seat in a body, with its representative and liaison officer (联络员). Leaving keeps
/// the row: the history of who sat when is what resolutions and tasks refer to.
/// </summary>
public sealed partial class BodyMembership : IVisibleToDescendants, IAudited
{
    public const int MaxPersonLength = 64;
    public const int MaxPhoneLength = 32;

    private BodyMembership()
    {
    }

    public Guid Id { get; private set; }

    public Guid BodyId { get; private set; }

    /// <summary>The body's node, so that membership is scoped with the body.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public Guid OrganisationId { get; private set; }

    public string Representative { get; private set; } = "";

    public string? Liaison { get; private set; }

    /// <summary>The liaison's phone, personal data kept encrypted (PIPL): lists show <see cref="LiaisonPhoneMasked"/>, a reveal decrypts this.</summary>
    public string? LiaisonPhoneProtected { get; private set; }

    public string? LiaisonPhoneMasked { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    public DateTimeOffset? LeftAt { get; private set; }

    public bool Active => LeftAt is null;

    public string AuditKey => $"{BodyId}:{OrganisationId}";

    public static BodyMembership Join(ConferenceBody body, Guid organisationId, string representative, string? liaison,
        ProtectedValue? liaisonPhone, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(representative))
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Member.Representative"));
        }
        return new BodyMembership
        {
            Id = Guid.CreateVersion7(),
            BodyId = body.Id,
            JurisdictionCode = body.JurisdictionCode,
            OrganisationId = organisationId,
            Representative = representative.Trim(),
            Liaison = string.IsNullOrWhiteSpace(liaison) ? null : liaison.Trim(),
            LiaisonPhoneProtected = liaisonPhone?.Protected,
            LiaisonPhoneMasked = liaisonPhone?.Masked,
            JoinedAt = now,
        };
    }

    public void Leave(DateTimeOffset now)
    {
        if (LeftAt is not null)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Member.Left"));
        }
        LeftAt = now;
    }

    /// <summary>Digits, spaces, '+' and '-' only, as organisations' phones are written.</summary>
    public static bool IsWellFormedPhone(string phone) => PhonePattern().IsMatch(phone.Trim());

    [GeneratedRegex(@"^[0-9+\- ]{3,32}$")]
    private static partial Regex PhonePattern();
}
