using System.Text.RegularExpressions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Catalogue;

/// <summary>
/// A category as an administrator writes it (the API's body, and what the edit page posts). <c>code</c> and
/// <c>parentCode</c> are read on create only: a code is fixed, since cases and routing rules refer to it.
/// Missing keywords and extra fields mean none, a missing <c>allowAnonymous</c> means no, a missing
/// <c>sortOrder</c> 0; <c>version</c> is the one read, required on update.
/// </summary>
public sealed record CaseCategoryRequest(
    string? Code = null,
    string? ParentCode = null,
    string? NameZh = null,
    string? NameEn = null,
    IReadOnlyList<string>? Keywords = null,
    bool? AllowAnonymous = null,
    int? DuplicateRadiusMeters = null,
    int? DuplicateWindowHours = null,
    TimeLimits? Limits = null,
    IReadOnlyList<CategoryAttribute>? Attributes = null,
    int? SortOrder = null,
    long? Version = null);

/// <summary>The outcome of an edit: the saved category, or field errors keyed as in the request, or nothing found.</summary>
public sealed record CategoryEditResult(CaseCategory? Category, IReadOnlyDictionary<string, string[]> Errors, bool Missing = false)
{
    internal static CategoryEditResult NotFound() => new(null, new Dictionary<string, string[]>(), Missing: true);

    internal static CategoryEditResult Invalid(Dictionary<string, string[]> errors) => new(null, errors);

    internal static CategoryEditResult Saved(CaseCategory category) => new(category, new Dictionary<string, string[]>());
}

/// <summary>
/// Every change to the catalogue, for the API and the admin pages alike: validates field by field, saves
/// (audited by the context, version-checked) and refreshes this node's <see cref="CategoryCatalogue"/>
/// once the save has committed. A stale version throws <see cref="DbUpdateConcurrencyException"/>, a
/// broken rule <see cref="RuleViolationException"/>; both become 409 problems in the API.
/// </summary>
public sealed partial class CategoryEdits(GongzhiDbContext db, CategoryCatalogue catalogue)
{
    public const int MaxKeywords = 50;
    public const int MaxKeywordLength = 32;
    public const int MaxAttributes = 20;
    public const int MaxDuplicateRadiusMeters = 10_000;

    /// <summary>A year: a window longer than that would offer cases nobody remembers as duplicates.</summary>
    public const int MaxDuplicateWindowHours = 24 * 366;

    public async Task<CategoryEditResult> CreateAsync(CaseCategoryRequest request, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        var code = request.Code?.Trim() ?? "";
        var parentCode = string.IsNullOrWhiteSpace(request.ParentCode) ? null : request.ParentCode.Trim();
        if (parentCode is not null)
        {
            var parent = await db.Set<CaseCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == parentCode, cancellationToken);
            if (parent is not { IsMajor: true })
            {
                errors["parentCode"] = [$"“{parentCode}”不是已有的大类。 / '{parentCode}' is not an existing major category."];
            }
        }
        if (!CaseCategory.IsWellFormedCode(code, parentCode))
        {
            errors["code"] = [parentCode is null
                ? "大类编码为两位数字。 / A major category's code has two digits."
                : $"小类编码为四位数字，以大类编码 {parentCode} 开头。 / A minor category's code has four digits and starts with {parentCode}."];
        }
        else if (await db.Set<CaseCategory>().AnyAsync(c => c.Code == code, cancellationToken))
        {
            errors["code"] = [CodeTaken(code)];
        }
        if (errors.Count > 0)
        {
            return CategoryEditResult.Invalid(errors);
        }
        var category = CaseCategory.Create(code, parentCode, request.NameZh!, request.NameEn!, request.Keywords ?? [], request.AllowAnonymous ?? false,
            request.DuplicateRadiusMeters!.Value, request.DuplicateWindowHours!.Value, request.Limits!, Attributes(request), request.SortOrder ?? 0);
        if (parentCode is not null && !await db.Set<CaseCategory>().AnyAsync(c => c.Code == parentCode && c.Active, cancellationToken))
        {
            // A 小类 is not offered while its 大类 is off; it waits, inactive, until someone turns both on.
            category.Deactivate();
        }
        db.Add(category);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone created the same code between the check and the insert.
            return CategoryEditResult.Invalid(new() { ["code"] = [CodeTaken(code)] });
        }
        catalogue.Invalidate();
        return CategoryEditResult.Saved(category);
    }

    public async Task<CategoryEditResult> UpdateAsync(string code, CaseCategoryRequest request, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (request.Version is null)
        {
            errors["version"] = ["请提供读取时的版本号。 / Send the version you read, so that a concurrent change is not overwritten."];
        }
        var category = await db.Set<CaseCategory>().FirstOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (category is null)
        {
            return CategoryEditResult.NotFound();
        }
        if (errors.Count > 0)
        {
            return CategoryEditResult.Invalid(errors);
        }
        // The concurrency check compares against the version the editor read, not the one just loaded.
        db.Entry(category).Property(c => c.Version).OriginalValue = request.Version!.Value;
        category.Update(request.NameZh!, request.NameEn!, request.Keywords ?? [], request.AllowAnonymous ?? false, request.DuplicateRadiusMeters!.Value,
            request.DuplicateWindowHours!.Value, request.Limits!, Attributes(request), request.SortOrder ?? 0);
        await db.SaveChangesAsync(cancellationToken);
        catalogue.Invalidate();
        return CategoryEditResult.Saved(category);
    }

    /// <summary>
    /// Turns a category on or off. Off, it is offered for no new report (intake refuses it, Open311 and the
    /// report form no longer list it); cases filed under it earlier keep it. Turning a 大类 off turns its
    /// active 小类 off with it, in the same save, so that no 小类 stays on under a 大类 that is off. Turning a
    /// 大类 on again turns on none of them (which were on before is not recorded): the administrator turns
    /// on the ones wanted, which is refused while their 大类 is off.
    /// </summary>
    public async Task<CategoryEditResult> SetActiveAsync(string code, bool active, long? version, CancellationToken cancellationToken)
    {
        var category = await db.Set<CaseCategory>().FirstOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (category is null)
        {
            return CategoryEditResult.NotFound();
        }
        if (version is null)
        {
            return CategoryEditResult.Invalid(new()
            {
                ["version"] = ["请提供读取时的版本号。 / Send the version you read, so that a concurrent change is not overwritten."],
            });
        }
        db.Entry(category).Property(c => c.Version).OriginalValue = version.Value;
        if (active)
        {
            if (category.ParentCode is { } parentCode && !await db.Set<CaseCategory>().AnyAsync(c => c.Code == parentCode && c.Active, cancellationToken))
            {
                throw new RuleViolationException(
                    $"大类 {parentCode} 已停用，请先启用大类。 / The major category {parentCode} is inactive: activate it first.");
            }
            category.Activate();
        }
        else
        {
            category.Deactivate();
            if (category.IsMajor)
            {
                var prefix = category.Code;
                foreach (var minor in await db.Set<CaseCategory>().Where(c => c.ParentCode == prefix && c.Active).ToListAsync(cancellationToken))
                {
                    minor.Deactivate();
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        catalogue.Invalidate();
        return CategoryEditResult.Saved(category);
    }

    /// <summary>Field errors of the editable fields, keyed as the request names them (<c>limits.resolve</c>, <c>attributes[0].name</c>).</summary>
    public static Dictionary<string, string[]> Validate(CaseCategoryRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var nameZh = request.NameZh?.Trim() ?? "";
        if (nameZh.Length is 0 or > 64)
        {
            errors["nameZh"] = ["中文名称必填，最多 64 字。 / A Chinese name of 1–64 characters is required."];
        }
        var nameEn = request.NameEn?.Trim() ?? "";
        if (nameEn.Length is 0 or > 128)
        {
            errors["nameEn"] = ["英文名称必填，最多 128 字符。 / An English name of 1–128 characters is required."];
        }
        var keywords = request.Keywords ?? [];
        if (keywords.Count > MaxKeywords || keywords.Any(k => k is null || k.Trim().Length > MaxKeywordLength))
        {
            errors["keywords"] = [$"关键词最多 {MaxKeywords} 个，每个最多 {MaxKeywordLength} 字。 / At most {MaxKeywords} keywords of up to {MaxKeywordLength} characters each."];
        }
        if (request.DuplicateRadiusMeters is not (>= 0 and <= MaxDuplicateRadiusMeters))
        {
            errors["duplicateRadiusMeters"] = [$"查重半径为 0–{MaxDuplicateRadiusMeters} 米（0 为不查重）。 / A radius of 0–{MaxDuplicateRadiusMeters} metres is required (0 turns duplicate offers off)."];
        }
        if (request.DuplicateWindowHours is not (>= 0 and <= MaxDuplicateWindowHours))
        {
            errors["duplicateWindowHours"] = [$"查重时间窗为 0–{MaxDuplicateWindowHours} 小时。 / A window of 0–{MaxDuplicateWindowHours} hours is required."];
        }
        ValidateLimits(request.Limits, errors);
        ValidateAttributes(request.Attributes ?? [], errors);
        return errors;
    }

    private static void ValidateLimits(TimeLimits? limits, Dictionary<string, string[]> errors)
    {
        if (limits is null)
        {
            errors["limits"] = ["请填写各环节时限。 / The time limits of every step are required."];
            return;
        }
        foreach (var step in Enum.GetValues<CaseStep>())
        {
            var limit = limits.Of(step);
            if (limit is null || !limit.IsValid || !double.IsFinite(limit.Normal))
            {
                errors[LimitKey(step)] = ["时限须为正的工作小时数，且紧急不长于一般、特急不长于紧急。 / Positive working hours, urgent no longer than normal and critical no longer than urgent."];
            }
        }
    }

    private static void ValidateAttributes(IReadOnlyList<CategoryAttribute> attributes, Dictionary<string, string[]> errors)
    {
        if (attributes.Count > MaxAttributes)
        {
            errors["attributes"] = [$"附加字段最多 {MaxAttributes} 个。 / At most {MaxAttributes} extra fields."];
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            var key = $"attributes[{i}]";
            if (attribute is null)
            {
                errors[key] = ["附加字段不能为空。 / An extra field cannot be empty."];
                continue;
            }
            var name = attribute.Name?.Trim() ?? "";
            if (!AttributeName().IsMatch(name))
            {
                errors[$"{key}.name"] = ["字段名为英文字母开头的字母数字，最多 32 个。 / A field name is up to 32 letters and digits, starting with a letter."];
            }
            else if (!names.Add(name))
            {
                errors[$"{key}.name"] = [$"字段名 {name} 重复。 / The field name {name} repeats."];
            }
            if (string.IsNullOrWhiteSpace(attribute.LabelZh) || attribute.LabelZh.Trim().Length > 32)
            {
                errors[$"{key}.labelZh"] = ["中文标签必填，最多 32 字。 / A Chinese label of 1–32 characters is required."];
            }
            if (string.IsNullOrWhiteSpace(attribute.LabelEn) || attribute.LabelEn.Trim().Length > 64)
            {
                errors[$"{key}.labelEn"] = ["英文标签必填，最多 64 字符。 / An English label of 1–64 characters is required."];
            }
            if (!Enum.IsDefined(attribute.Type))
            {
                errors[$"{key}.type"] = ["类型应为 text、number、choice 或 boolean。 / The type is text, number, choice or boolean."];
            }
            else if (attribute.Type == AttributeType.Choice)
            {
                var choices = (attribute.Choices ?? []).Select(c => c?.Trim() ?? "").ToList();
                if (choices.Count == 0 || choices.Any(c => c.Length is 0 or > 32) || choices.Distinct(StringComparer.Ordinal).Count() != choices.Count)
                {
                    errors[$"{key}.choices"] = ["选择字段需要不重复的选项，每个最多 32 字。 / A choice field needs distinct choices of up to 32 characters."];
                }
            }
        }
    }

    public static string LimitKey(CaseStep step) => $"limits.{char.ToLowerInvariant(step.ToString()[0])}{step.ToString()[1..]}";

    /// <summary>The extra fields as stored: trimmed, and with choices only where the type has them.</summary>
    private static List<CategoryAttribute> Attributes(CaseCategoryRequest request) => (request.Attributes ?? [])
        .Select(a => a with
        {
            Name = a.Name.Trim(),
            LabelZh = a.LabelZh.Trim(),
            LabelEn = a.LabelEn.Trim(),
            Choices = a.Type == AttributeType.Choice ? a.Choices!.Select(c => c.Trim()).ToList() : null,
        })
        .ToList();

    private static string CodeTaken(string code) => $"编码 {code} 已被使用。 / The code {code} is taken.";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,31}$")]
    private static partial Regex AttributeName();
}
