using System.Globalization;
using System.Text.RegularExpressions;

namespace Gongzhi.Modules.Cases.Catalogue.Pages;

/// <summary>
/// What the category edit page posts: the <see cref="CaseCategoryRequest"/> in form shape (keywords and choices
/// as text, one row per step of the limits, one row per extra field). <see cref="CategoryEdits.Validate"/> has
/// the only word on what is valid, as it does for the API.
/// </summary>
public sealed partial class CategoryForm
{
    private static readonly char[] Separators = [',', '，', '、', ';', '；', '\n', '\r'];

    public string? Code { get; set; }

    public string? ParentCode { get; set; }

    public string? NameZh { get; set; }

    public string? NameEn { get; set; }

    public string? Keywords { get; set; }

    public bool AllowAnonymous { get; set; }

    public int? DuplicateRadiusMeters { get; set; }

    public int? DuplicateWindowHours { get; set; }

    public int? SortOrder { get; set; }

    /// <summary>One row per <see cref="CaseStep"/>, in its order.</summary>
    public List<LimitRow> Limits { get; set; } = [];

    public List<AttributeRow> Attributes { get; set; } = [];

    public long Version { get; set; }

    public static CategoryForm From(CaseCategory c) => new()
    {
        Code = c.Code,
        ParentCode = c.ParentCode,
        NameZh = c.NameZh,
        NameEn = c.NameEn,
        Keywords = string.Join("、", c.Keywords),
        AllowAnonymous = c.AllowAnonymous,
        DuplicateRadiusMeters = c.DuplicateRadiusMeters,
        DuplicateWindowHours = c.DuplicateWindowHours,
        SortOrder = c.SortOrder,
        Limits = LimitRows(c.Limits),
        Attributes = c.Attributes.Select(a => new AttributeRow
        {
            Name = a.Name,
            LabelZh = a.LabelZh,
            LabelEn = a.LabelEn,
            Type = a.Type,
            Required = a.Required,
            Choices = a.Choices is null ? null : string.Join("、", a.Choices),
        }).ToList(),
        Version = c.Version,
    };

    /// <summary>A new category; a new 小类 starts from its 大类's settings, which most 小类 share.</summary>
    public static CategoryForm New(CaseCategory? parent) => parent is null
        ? new() { DuplicateRadiusMeters = 50, DuplicateWindowHours = 72, Limits = LimitRows(null) }
        : new()
        {
            ParentCode = parent.Code,
            Code = parent.Code,
            AllowAnonymous = parent.AllowAnonymous,
            DuplicateRadiusMeters = parent.DuplicateRadiusMeters,
            DuplicateWindowHours = parent.DuplicateWindowHours,
            Limits = LimitRows(parent.Limits),
        };

    /// <summary>
    /// The request this form stands for, and for each extra field of the request the form row it came from (rows
    /// marked for removal and blank rows are left out), so that an error on <c>attributes[i]</c> finds its row.
    /// </summary>
    public (CaseCategoryRequest Request, IReadOnlyList<int> AttributeRows) ToRequest()
    {
        var rows = Attributes.Select((row, index) => (row, index)).Where(r => !r.row.Remove && !r.row.IsBlank).ToList();
        var steps = Enum.GetValues<CaseStep>();
        var limits = steps.Select((_, i) => i < Limits.Count ? Limits[i].ToLimit() : new StepLimit(0, 0, 0)).ToArray();
        var request = new CaseCategoryRequest(
            Code?.Trim(),
            string.IsNullOrWhiteSpace(ParentCode) ? null : ParentCode.Trim(),
            NameZh,
            NameEn,
            Split(Keywords),
            AllowAnonymous,
            DuplicateRadiusMeters,
            DuplicateWindowHours,
            new TimeLimits(limits[0], limits[1], limits[2], limits[3], limits[4]),
            rows.Select(r => new CategoryAttribute(r.row.Name?.Trim() ?? "", r.row.LabelZh?.Trim() ?? "", r.row.LabelEn?.Trim() ?? "", r.row.Type,
                r.row.Required, r.row.Type == AttributeType.Choice ? Split(r.row.Choices) : null)).ToList(),
            SortOrder,
            Version);
        return (request, rows.Select(r => r.index).ToList());
    }

    /// <summary>The rows to show: all of them, and a blank one to add a field unless the last is blank already.</summary>
    public IEnumerable<AttributeRow> WithBlankRow() => Attributes.Count > 0 && Attributes[^1].IsBlank ? Attributes : Attributes.Append(new AttributeRow());

    /// <summary>Errors keyed for this form: an extra field's errors name the request's index, the page shows them at the row it came from.</summary>
    public static Dictionary<string, string[]> ErrorsByRow(IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<int> attributeRows) =>
        errors.ToDictionary(
            e => AttributeIndex().Replace(e.Key, m => $"attributes[{attributeRows[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]}]"),
            e => e.Value);

    private static List<LimitRow> LimitRows(TimeLimits? limits) => Enum.GetValues<CaseStep>()
        .Select(step => limits?.Of(step) is { } l ? new LimitRow { Normal = l.Normal, Urgent = l.Urgent, Critical = l.Critical } : new LimitRow())
        .ToList();

    private static List<string> Split(string? text) =>
        (text ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    [GeneratedRegex(@"^attributes\[(\d+)\]")]
    private static partial Regex AttributeIndex();
}

/// <summary>The working hours of one step, by urgency.</summary>
public sealed class LimitRow
{
    public double? Normal { get; set; }

    public double? Urgent { get; set; }

    public double? Critical { get; set; }

    // A missing number is sent as 0, which validation refuses for the step.
    internal StepLimit ToLimit() => new(Normal ?? 0, Urgent ?? 0, Critical ?? 0);

    internal static string Show(double? hours) => hours?.ToString(CultureInfo.InvariantCulture) ?? "";
}

/// <summary>One extra field; <see cref="Choices"/> as comma-separated text.</summary>
public sealed class AttributeRow
{
    public string? Name { get; set; }

    public string? LabelZh { get; set; }

    public string? LabelEn { get; set; }

    public AttributeType Type { get; set; }

    public bool Required { get; set; }

    public string? Choices { get; set; }

    public bool Remove { get; set; }

    internal bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(LabelZh) && string.IsNullOrWhiteSpace(LabelEn)
        && string.IsNullOrWhiteSpace(Choices);
}
