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
                errors["parentCode"] = [CasesText.Format("Category.ExistingMajorCategory", parentCode)];
            }
        }
        if (!CaseCategory.IsWellFormedCode(code, parentCode))
        {
            errors["code"] = [parentCode is null
                ? CasesText.Get("Category.MajorCategorySCode")
                : CasesText.Format("Category.MinorCategorySCode", parentCode)];
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
            errors["version"] = [CasesText.Get("Category.SendVersionYouRead")];
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
                ["version"] = [CasesText.Get("Category.SendVersionYouRead")],
            });
        }
        db.Entry(category).Property(c => c.Version).OriginalValue = version.Value;
        if (active)
        {
            if (category.ParentCode is { } parentCode && !await db.Set<CaseCategory>().AnyAsync(c => c.Code == parentCode && c.Active, cancellationToken))
            {
                throw new RuleViolationException(
                    CasesText.Format("Category.MajorCategoryInactiveActivate", parentCode));
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
            errors["nameZh"] = [CasesText.Get("Category.ChineseNameCharactersRequired")];
        }
        var nameEn = request.NameEn?.Trim() ?? "";
        if (nameEn.Length is 0 or > 128)
        {
            errors["nameEn"] = [CasesText.Get("Category.EnglishNameCharactersRequired")];
        }
        var keywords = request.Keywords ?? [];
        if (keywords.Count > MaxKeywords || keywords.Any(k => k is null || k.Trim().Length > MaxKeywordLength))
        {
            errors["keywords"] = [CasesText.Format("Category.MostKeywordsUpCharacters", MaxKeywords, MaxKeywordLength)];
        }
        if (request.DuplicateRadiusMeters is not (>= 0 and <= MaxDuplicateRadiusMeters))
        {
            errors["duplicateRadiusMeters"] = [CasesText.Format("Category.RadiusMetresRequiredTurns", MaxDuplicateRadiusMeters)];
        }
        if (request.DuplicateWindowHours is not (>= 0 and <= MaxDuplicateWindowHours))
        {
            errors["duplicateWindowHours"] = [CasesText.Format("Category.WindowHoursRequired", MaxDuplicateWindowHours)];
        }
        ValidateLimits(request.Limits, errors);
        ValidateAttributes(request.Attributes ?? [], errors);
        return errors;
    }

    private static void ValidateLimits(TimeLimits? limits, Dictionary<string, string[]> errors)
    {
        if (limits is null)
        {
            errors["limits"] = [CasesText.Get("Category.TimeLimitsStepRequired")];
            return;
        }
        foreach (var step in Enum.GetValues<CaseStep>())
        {
            var limit = limits.Of(step);
            if (limit is null || !limit.IsValid || !double.IsFinite(limit.Normal))
            {
                errors[LimitKey(step)] = [CasesText.Get("Category.PositiveWorkingHoursUrgent")];
            }
        }
    }

    private static void ValidateAttributes(IReadOnlyList<CategoryAttribute> attributes, Dictionary<string, string[]> errors)
    {
        if (attributes.Count > MaxAttributes)
        {
            errors["attributes"] = [CasesText.Format("Category.MostExtraFields", MaxAttributes)];
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            var key = $"attributes[{i}]";
            if (attribute is null)
            {
                errors[key] = [CasesText.Get("Category.ExtraFieldEmpty")];
                continue;
            }
            var name = attribute.Name?.Trim() ?? "";
            if (!AttributeName().IsMatch(name))
            {
                errors[$"{key}.name"] = [CasesText.Get("Category.FieldNameUpLetters")];
            }
            else if (!names.Add(name))
            {
                errors[$"{key}.name"] = [CasesText.Format("Category.FieldNameRepeats", name)];
            }
            if (string.IsNullOrWhiteSpace(attribute.LabelZh) || attribute.LabelZh.Trim().Length > 32)
            {
                errors[$"{key}.labelZh"] = [CasesText.Get("Category.ChineseLabelCharactersRequired")];
            }
            if (string.IsNullOrWhiteSpace(attribute.LabelEn) || attribute.LabelEn.Trim().Length > 64)
            {
                errors[$"{key}.labelEn"] = [CasesText.Get("Category.EnglishLabelCharactersRequired")];
            }
            if (!Enum.IsDefined(attribute.Type))
            {
                errors[$"{key}.type"] = [CasesText.Get("Category.TypeTextNumberChoice")];
            }
            else if (attribute.Type == AttributeType.Choice)
            {
                var choices = (attribute.Choices ?? []).Select(c => c?.Trim() ?? "").ToList();
                if (choices.Count == 0 || choices.Any(c => c.Length is 0 or > 32) || choices.Distinct(StringComparer.Ordinal).Count() != choices.Count)
                {
                    errors[$"{key}.choices"] = [CasesText.Get("Category.ChoiceFieldNeedsDistinct")];
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

    private static string CodeTaken(string code) => CasesText.Format("Category.CodeTaken", code);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,31}$")]
    private static partial Regex AttributeName();
}
