using System.Globalization;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Cases;

/// <summary>一般 / 紧急 / 特急.</summary>
public enum CaseUrgency
{
    Normal = 0,
    Urgent = 1,
    Critical = 2,
}

/// <summary>The timed steps of GB/T 30428 handling: 立案, 派遣, 签收, 处置, 核查.</summary>
public enum CaseStep
{
    Register = 0,
    Dispatch = 1,
    Accept = 2,
    Resolve = 3,
    Verify = 4,
}

public enum AttributeType
{
    Text = 0,
    Number = 1,
    Choice = 2,
    Boolean = 3,
}

/// <summary>Working hours allowed for one step, by urgency.</summary>
public sealed record StepLimit(double Normal, double Urgent, double Critical)
{
    public double For(CaseUrgency urgency) => urgency switch
    {
        CaseUrgency.Urgent => Urgent,
        CaseUrgency.Critical => Critical,
        _ => Normal,
    };

    public bool IsValid => Normal > 0 && Urgent > 0 && Critical > 0 && Urgent <= Normal && Critical <= Urgent;
}

/// <summary>Time limits of every step, in working hours of the jurisdiction's calendar.</summary>
public sealed record TimeLimits(StepLimit Register, StepLimit Dispatch, StepLimit Accept, StepLimit Resolve, StepLimit Verify)
{
    public double WorkingHours(CaseStep step, CaseUrgency urgency) => Of(step).For(urgency);

    public StepLimit Of(CaseStep step) => step switch
    {
        CaseStep.Register => Register,
        CaseStep.Dispatch => Dispatch,
        CaseStep.Accept => Accept,
        CaseStep.Resolve => Resolve,
        _ => Verify,
    };

    public bool IsValid => Enum.GetValues<CaseStep>().All(s => Of(s).IsValid);
}

/// <summary>An extra field a category asks the reporter for (the spill's size, the lamp's pole number…).</summary>
public sealed record CategoryAttribute(
    string Name,
    string LabelZh,
    string LabelEn,
    AttributeType Type,
    bool Required,
    IReadOnlyList<string>? Choices = null);

/// <summary>
/// A node of the two-level catalogue: a 大类 (code of two digits, no parent) groups 小类 (four digits,
/// the first two are the parent's). Cases are filed under a 小类 only.
/// </summary>
public sealed class CaseCategory : IVersioned, IAudited
{
    private CaseCategory()
    {
    }

    public Guid Id { get; private set; }

    public string Code { get; private set; } = "";

    public string? ParentCode { get; private set; }

    public string NameZh { get; private set; } = "";

    public string NameEn { get; private set; } = "";

    public IReadOnlyList<string> Keywords { get; private set; } = [];

    public bool AllowAnonymous { get; private set; }

    /// <summary>Open cases of this category nearer than this are offered as possible duplicates at intake.</summary>
    public int DuplicateRadiusMeters { get; private set; }

    public int DuplicateWindowHours { get; private set; }

    public TimeLimits Limits { get; private set; } = null!;

    public IReadOnlyList<CategoryAttribute> Attributes { get; private set; } = [];

    public int SortOrder { get; private set; }

    public bool Active { get; private set; } = true;

    public long Version { get; set; }

    public string AuditKey => Code;

    public bool IsMajor => ParentCode is null;

    public static CaseCategory Create(string code, string? parentCode, string nameZh, string nameEn, IEnumerable<string> keywords,
        bool allowAnonymous, int duplicateRadiusMeters, int duplicateWindowHours, TimeLimits limits,
        IEnumerable<CategoryAttribute>? attributes = null, int sortOrder = 0)
    {
        var category = new CaseCategory { Id = Guid.CreateVersion7(), Code = code.Trim() };
        if (!IsWellFormedCode(category.Code, parentCode))
        {
            throw new RuleViolationException(
                CasesText.Format("Category.CategoryCodeInvalidMajor", code));
        }
        category.ParentCode = parentCode;
        category.Update(nameZh, nameEn, keywords, allowAnonymous, duplicateRadiusMeters, duplicateWindowHours, limits, attributes ?? [], sortOrder);
        return category;
    }

    public void Update(string nameZh, string nameEn, IEnumerable<string> keywords, bool allowAnonymous, int duplicateRadiusMeters,
        int duplicateWindowHours, TimeLimits limits, IEnumerable<CategoryAttribute> attributes, int sortOrder)
    {
        if (string.IsNullOrWhiteSpace(nameZh) || string.IsNullOrWhiteSpace(nameEn))
        {
            throw new RuleViolationException(CasesText.Get("Category.CategoryNeedsChineseEnglish"));
        }
        if (limits is null || !limits.IsValid)
        {
            throw new RuleViolationException(
                CasesText.Format("Category.TimeLimitsMustPositive", Code));
        }
        if (duplicateRadiusMeters < 0 || duplicateWindowHours < 0)
        {
            throw new RuleViolationException(CasesText.Get("Category.DuplicateRadiusWindowNegative"));
        }
        var attributeList = attributes.ToList();
        foreach (var attribute in attributeList)
        {
            if (string.IsNullOrWhiteSpace(attribute.Name) || string.IsNullOrWhiteSpace(attribute.LabelZh))
            {
                throw new RuleViolationException(CasesText.Format("Category.ExtraFieldsNeedName", Code));
            }
            if (attribute.Type == AttributeType.Choice && attribute.Choices is not { Count: > 0 })
            {
                throw new RuleViolationException(
                    CasesText.Format("Category.ChoiceFieldNeedsChoices", Code, attribute.Name));
            }
        }
        if (attributeList.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() != attributeList.Count)
        {
            throw new RuleViolationException(CasesText.Format("Category.ExtraFieldNamesRepeat", Code));
        }
        NameZh = nameZh.Trim();
        NameEn = nameEn.Trim();
        Keywords = keywords.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        AllowAnonymous = allowAnonymous;
        DuplicateRadiusMeters = duplicateRadiusMeters;
        DuplicateWindowHours = duplicateWindowHours;
        Limits = limits;
        Attributes = attributeList;
        SortOrder = sortOrder;
    }

    public void Deactivate() => Active = false;

    public void Activate() => Active = true;

    public static bool IsWellFormedCode(string code, string? parentCode) => parentCode is null
        ? code.Length == 2 && code.All(char.IsAsciiDigit)
        : code.Length == 4 && code.All(char.IsAsciiDigit) && code.StartsWith(parentCode, StringComparison.Ordinal);

    /// <summary>
    /// Checks the extra fields a reporter filled in against what this category asks for, and returns them
    /// normalised (numbers in invariant form, booleans as true/false). Errors are keyed by field name,
    /// ready for a validation problem.
    /// </summary>
    public (IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string[]> Errors) CheckAttributes(
        IReadOnlyDictionary<string, string>? given)
    {
        given ??= new Dictionary<string, string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var attribute in Attributes)
        {
            var raw = given.TryGetValue(attribute.Name, out var v) ? v?.Trim() : null;
            if (string.IsNullOrEmpty(raw))
            {
                if (attribute.Required)
                {
                    errors[attribute.Name] = [CasesText.Format("Category.Required", attribute.LabelZh, attribute.LabelEn)];
                }
                continue;
            }
            switch (attribute.Type)
            {
                case AttributeType.Number when double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                    values[attribute.Name] = number.ToString(CultureInfo.InvariantCulture);
                    break;
                case AttributeType.Number:
                    errors[attribute.Name] = [CasesText.Format("Category.MustNumber", attribute.LabelZh, attribute.LabelEn)];
                    break;
                case AttributeType.Boolean when bool.TryParse(raw, out var flag):
                    values[attribute.Name] = flag ? "true" : "false";
                    break;
                case AttributeType.Boolean:
                    errors[attribute.Name] = [CasesText.Format("Category.MustTrueFalse", attribute.LabelZh, attribute.LabelEn)];
                    break;
                case AttributeType.Choice when attribute.Choices!.Contains(raw, StringComparer.Ordinal):
                    values[attribute.Name] = raw;
                    break;
                case AttributeType.Choice:
                    errors[attribute.Name] = [CasesText.Format("Category.MustChoose", attribute.LabelZh, attribute.LabelEn, string.Join("、", attribute.Choices!))];
                    break;
                default:
                    values[attribute.Name] = raw.Length > 500 ? raw[..500] : raw;
                    break;
            }
        }
        foreach (var unknown in given.Keys.Where(k => Attributes.All(a => a.Name != k)))
        {
            errors[unknown] = [CasesText.Format("Category.CategoryField", Code, unknown)];
        }
        return (values, errors);
    }
}

internal sealed class CaseCategoryConfiguration : IEntityTypeConfiguration<CaseCategory>
{
    public void Configure(EntityTypeBuilder<CaseCategory> builder)
    {
        builder.ToTable("case_categories");
        builder.Property(c => c.Code).HasMaxLength(8);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.ParentCode).HasMaxLength(8);
        builder.HasIndex(c => c.ParentCode);
        builder.Property(c => c.NameZh).HasMaxLength(64);
        builder.Property(c => c.NameEn).HasMaxLength(128);
        builder.Property(c => c.Keywords).HasJsonListConversion();
        builder.Property(c => c.Limits).HasJsonConversion();
        builder.Property(c => c.Attributes).HasJsonListConversion();
    }
}
