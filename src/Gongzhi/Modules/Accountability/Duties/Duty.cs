using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.Accountability.Duties;

/// <summary>主责 (the organisation answers for the matter) or 配合 (it helps the one that does).</summary>
public enum DutyKind
{
    Lead,
    Assist,
}

/// <summary>What a duty says, as an administrator writes it; the service checks the codes against the catalogues.</summary>
public sealed record DutyInput(string? Title, DutyKind? Kind, string? LegalBasis, IReadOnlyList<string>? CategoryCodes, IReadOnlyList<string>? ServiceItemCodes);

/// <summary>
/// One line of an organisation's duty list (权责清单): a matter it leads or assists on, the case categories (小类) and service
/// items it covers, and the law that gives it the power. The duty holds in its area and every area below it: a district
/// department's duty covers every street of the district. Readable below its area (a street sees the district's duties that
/// bind it), changed only by an administrator who covers it.
/// </summary>
public sealed class Duty : IVisibleToDescendants, IVersioned, IAudited
{
    public const int MaxTitleLength = 100;
    public const int MaxLegalBasisLength = 1000;
    public const int MaxCodes = 60;

    private Duty()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganisationId { get; private set; }

    /// <summary>The area the duty holds in (and below): the organisation's own by default.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public string Title { get; private set; } = "";

    public DutyKind Kind { get; private set; }

    public string LegalBasis { get; private set; } = "";

    /// <summary>The 小类 the duty covers.</summary>
    public IReadOnlyList<string> CategoryCodes { get; private set; } = [];

    public IReadOnlyList<string> ServiceItemCodes { get; private set; } = [];

    public long Version { get; set; }

    public string AuditKey => $"{OrganisationId}/{Title}";

    /// <summary>
    /// A new duty of the organisation sitting at <paramref name="organisationArea"/>, in <paramref name="area"/>: the organisation's
    /// area or one below it (a district department may take a matter in one street only, never one outside its own area).
    /// </summary>
    public static Duty Define(Guid organisationId, string organisationArea, string area, DutyInput input)
    {
        if (!Platform.Scoping.JurisdictionCode.IsWithin(area, organisationArea))
        {
            throw FieldValidationException.Field("jurisdictionCode", AccountabilityText.Get("Duty.AreaOutsideOrganisation"));
        }
        var duty = new Duty { Id = Guid.CreateVersion7(), OrganisationId = organisationId, JurisdictionCode = area };
        duty.Change(input);
        return duty;
    }

    public void Change(DutyInput input)
    {
        var errors = new Dictionary<string, string[]>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > MaxTitleLength)
        {
            errors["title"] = [AccountabilityText.Format("Field.Required", MaxTitleLength)];
        }
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = [AccountabilityText.Get("Duty.KindInvalid")];
        }
        var basis = input.LegalBasis?.Trim() ?? "";
        if (basis.Length is 0 or > MaxLegalBasisLength)
        {
            // A duty without its legal basis is a claim, not a power: the list is published with the law behind each line.
            errors["legalBasis"] = [AccountabilityText.Format("Field.Required", MaxLegalBasisLength)];
        }
        var categories = Codes(input.CategoryCodes);
        var items = Codes(input.ServiceItemCodes);
        if (categories.Any(c => c.Length != 4 || !c.All(char.IsAsciiDigit)))
        {
            errors["categoryCodes"] = [AccountabilityText.Get("Duty.CategoryInvalid")];
        }
        if (categories.Count + items.Count is 0)
        {
            errors["categoryCodes"] = [AccountabilityText.Get("Duty.NothingCovered")];
        }
        if (categories.Count > MaxCodes || items.Count > MaxCodes)
        {
            errors[categories.Count > MaxCodes ? "categoryCodes" : "serviceItemCodes"] = [AccountabilityText.Format("Duty.TooManyCodes", MaxCodes)];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        Title = title;
        Kind = input.Kind!.Value;
        LegalBasis = basis;
        CategoryCodes = categories;
        ServiceItemCodes = items;
    }

    /// <summary>Whether the duty claims the 小类 in <paramref name="area"/> (its own area or one below it).</summary>
    public bool Claims(string categoryCode, string area) =>
        CategoryCodes.Contains(categoryCode) && Platform.Scoping.JurisdictionCode.IsWithin(area, JurisdictionCode);

    /// <summary>
    /// Gives up the lead of a 小类 after the district decided for another organisation: the category leaves this lead duty.
    /// A duty left covering nothing says so to the caller, who removes it or keeps it for its service items.
    /// </summary>
    public void YieldLead(string categoryCode)
    {
        if (Kind != DutyKind.Lead || !CategoryCodes.Contains(categoryCode))
        {
            throw AccountabilityText.Rule("Duty.NotLeading", Title, categoryCode);
        }
        CategoryCodes = CategoryCodes.Where(c => c != categoryCode).ToList();
    }

    /// <summary>Takes a 小类 on as well (an assisting duty gaining the category it yielded the lead of).</summary>
    public void Cover(string categoryCode)
    {
        if (CategoryCodes.Count >= MaxCodes)
        {
            throw AccountabilityText.Rule("Duty.TooManyCodes", MaxCodes);
        }
        if (!CategoryCodes.Contains(categoryCode))
        {
            CategoryCodes = [.. CategoryCodes, categoryCode];
        }
    }

    /// <summary>Whether the duty still covers anything: one that yielded its last category and has no items is emptied.</summary>
    public bool IsEmpty => CategoryCodes.Count == 0 && ServiceItemCodes.Count == 0;

    /// <summary>An assisting copy of this duty for one 小类: same organisation, area, title and legal basis.</summary>
    public Duty AssistingFor(string categoryCode) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganisationId = OrganisationId,
        JurisdictionCode = JurisdictionCode,
        Title = Title,
        Kind = DutyKind.Assist,
        LegalBasis = LegalBasis,
        CategoryCodes = [categoryCode],
        ServiceItemCodes = [],
    };

    private static List<string> Codes(IReadOnlyList<string>? codes) =>
        (codes ?? []).SelectMany(c => (c ?? "").Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).ToList();
}
