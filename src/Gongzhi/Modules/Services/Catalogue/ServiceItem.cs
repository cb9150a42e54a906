using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Services.Catalogue;

/// <summary>The kind of a government service item, as the provincial catalogues classify them.</summary>
public enum ServiceItemKind
{
    /// <summary>行政许可</summary>
    Licence,

    /// <summary>行政确认</summary>
    Confirmation,

    /// <summary>公共服务</summary>
    PublicService,

    /// <summary>其他</summary>
    Other,
}

/// <summary>The level that handles an item (办理层级); lower levels are nearer the resident.</summary>
public enum ServiceLevel
{
    District,
    Street,
    Community,
}

/// <summary>
/// One material an applicant brings (申请材料). <paramref name="Deferrable"/> materials may follow after
/// acceptance (容缺受理); <paramref name="Original"/> says whether the original or a copy is checked.
/// </summary>
public sealed record ServiceMaterial(string Name, bool Required, bool Deferrable, bool Original, Guid? TemplateFileId = null);

/// <summary>
/// An item of the service catalogue (事项清单). Every change to its level, materials or limits makes a new
/// <see cref="ServiceItemVersion"/> with its date and reason, so handling times can be compared before and
/// after a change (流程再造).
/// </summary>
public sealed class ServiceItem
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 100;

    private ServiceItem()
    {
    }

    public Guid Id { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public ServiceItemKind Kind { get; private set; }

    public ServiceLevel Level { get; private set; }

    /// <summary>The implementing organisation (实施主体), when the catalogue names one.</summary>
    public Guid? ResponsibleOrganisationId { get; private set; }

    /// <summary>
    /// The department line that answers for the item (主管部门, e.g. 区民政局): the same in every district, where the implementing
    /// organisation is one district's. The measures of process re-engineering are broken down by it.
    /// </summary>
    public string? Department { get; private set; }

    public int LegalDays { get; private set; }

    public int PromisedDays { get; private set; }

    /// <summary>即办件: decided at the window on the spot.</summary>
    public bool Immediate { get; private set; }

    public IReadOnlyList<ServiceMaterial> Materials { get; private set; } = [];

    public string Fees { get; private set; } = "";

    public bool Online { get; private set; }

    /// <summary>到现场次数: 0, 1 or 2.</summary>
    public int Visits { get; private set; }

    public string LegalBasis { get; private set; } = "";

    /// <summary>Life-event keys (<see cref="LifeEvents"/>): 生育, 就业, 养老…</summary>
    public IReadOnlyList<string> LifeEvents { get; private set; } = [];

    public int VersionNumber { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>A new item and its first version.</summary>
    public static (ServiceItem Item, ServiceItemVersion Version) Create(ServiceItemSpec spec, DateTimeOffset now, string reason)
    {
        Check(spec);
        var item = new ServiceItem { Id = Guid.NewGuid(), Code = spec.Code.Trim(), VersionNumber = 1, ChangedAt = now };
        item.Apply(spec);
        return (item, ServiceItemVersion.Of(item, now, reason));
    }

    /// <summary>Applies a change; a new version when the level, materials or limits changed, else null.</summary>
    public ServiceItemVersion? Change(ServiceItemSpec spec, DateTimeOffset now, string reason)
    {
        Check(spec);
        if (spec.Code.Trim() != Code)
        {
            throw new RuleViolationException(ServicesText.Get("Item.CodeFixed"));
        }
        var versioned = spec.Level != Level || spec.LegalDays != LegalDays || spec.PromisedDays != PromisedDays
            || spec.Immediate != Immediate || !spec.Materials.SequenceEqual(Materials);
        Apply(spec);
        if (!versioned)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RuleViolationException(ServicesText.Get("Item.ReasonRequired"));
        }
        VersionNumber++;
        ChangedAt = now;
        return ServiceItemVersion.Of(this, now, reason.Trim());
    }

    /// <summary>下放: moves the item to a lower level, nearer the resident, as a new version.</summary>
    public ServiceItemVersion Devolve(ServiceLevel to, DateTimeOffset now, string reason)
    {
        if (to <= Level)
        {
            throw new RuleViolationException(ServicesText.Get("Item.DevolveDown"));
        }
        return Change(Spec() with { Level = to }, now, reason)!;
    }

    public ServiceItemSpec Spec() => new(Code, Name, Kind, Level, ResponsibleOrganisationId, LegalDays, PromisedDays, Immediate, Materials, Fees,
        Online, Visits, LegalBasis, LifeEvents, Department);

    /// <summary>Names the department of an item published before items had one; true when it changed.</summary>
    public bool FillDepartment(string? department)
    {
        if (Department is not null || string.IsNullOrWhiteSpace(department))
        {
            return false;
        }
        Department = department.Trim();
        return true;
    }

    private void Apply(ServiceItemSpec spec)
    {
        Name = spec.Name.Trim();
        Kind = spec.Kind;
        Level = spec.Level;
        ResponsibleOrganisationId = spec.ResponsibleOrganisationId;
        LegalDays = spec.LegalDays;
        PromisedDays = spec.PromisedDays;
        Immediate = spec.Immediate;
        Materials = spec.Materials.ToList();
        Fees = spec.Fees.Trim();
        Online = spec.Online;
        Visits = spec.Visits;
        LegalBasis = spec.LegalBasis.Trim();
        LifeEvents = spec.LifeEvents.Distinct().ToList();
        Department = string.IsNullOrWhiteSpace(spec.Department) ? null : spec.Department.Trim();
    }

    private static void Check(ServiceItemSpec spec)
    {
        if (string.IsNullOrWhiteSpace(spec.Code) || spec.Code.Trim().Length > MaxCodeLength
            || string.IsNullOrWhiteSpace(spec.Name) || spec.Name.Trim().Length > MaxNameLength)
        {
            throw new RuleViolationException(ServicesText.Get("Item.NameCode"));
        }
        if (spec.Department?.Trim().Length > MaxNameLength)
        {
            throw new RuleViolationException(ServicesText.Get("Item.NameCode"));
        }
        if (spec.PromisedDays < 0 || spec.LegalDays < spec.PromisedDays || spec.Visits is < 0 or > 2)
        {
            throw new RuleViolationException(ServicesText.Get("Item.Limits"));
        }
    }
}

/// <summary>The fields of an item as the catalogue file and the editors give them.</summary>
public sealed record ServiceItemSpec(
    string Code,
    string Name,
    ServiceItemKind Kind,
    ServiceLevel Level,
    Guid? ResponsibleOrganisationId,
    int LegalDays,
    int PromisedDays,
    bool Immediate,
    IReadOnlyList<ServiceMaterial> Materials,
    string Fees,
    bool Online,
    int Visits,
    string LegalBasis,
    IReadOnlyList<string> LifeEvents,
    string? Department = null);

/// <summary>One version of an item: what it was from <see cref="EffectiveFrom"/>, and why it changed.</summary>
public sealed class ServiceItemVersion
{
    private ServiceItemVersion()
    {
    }

    public Guid Id { get; private set; }

    public Guid ItemId { get; private set; }

    public int Number { get; private set; }

    public DateTimeOffset EffectiveFrom { get; private set; }

    public string Reason { get; private set; } = "";

    public ServiceLevel Level { get; private set; }

    public int LegalDays { get; private set; }

    public int PromisedDays { get; private set; }

    public bool Immediate { get; private set; }

    public IReadOnlyList<ServiceMaterial> Materials { get; private set; } = [];

    internal static ServiceItemVersion Of(ServiceItem item, DateTimeOffset at, string reason) => new()
    {
        Id = Guid.NewGuid(),
        ItemId = item.Id,
        Number = item.VersionNumber,
        EffectiveFrom = at,
        Reason = reason,
        Level = item.Level,
        LegalDays = item.LegalDays,
        PromisedDays = item.PromisedDays,
        Immediate = item.Immediate,
        Materials = item.Materials.ToList(),
    };
}

/// <summary>The life events residents browse the catalogue by (按人生事件办事).</summary>
public static class LifeEvents
{
    public static readonly IReadOnlyList<string> All =
        ["birth", "employment", "elderly", "disability", "assistance", "housing", "medical", "education", "marriage", "death", "residence", "military"];
}
