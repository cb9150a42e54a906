using Gongzhi.Modules.Access;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Catalogue;

public sealed record CaseCategoryResponse(Guid Id, string Code, string? ParentCode, string NameZh, string NameEn, IReadOnlyList<string> Keywords,
    bool AllowAnonymous, int DuplicateRadiusMeters, int DuplicateWindowHours, TimeLimits Limits, IReadOnlyList<CategoryAttribute> Attributes,
    int SortOrder, bool Active, long Version)
{
    internal static CaseCategoryResponse From(CaseCategory c) => new(c.Id, c.Code, c.ParentCode, c.NameZh, c.NameEn, c.Keywords, c.AllowAnonymous,
        c.DuplicateRadiusMeters, c.DuplicateWindowHours, c.Limits, c.Attributes, c.SortOrder, c.Active, c.Version);
}

/// <summary>The version read, for turning a category on or off.</summary>
public sealed record CategoryVersionRequest(long? Version);

/// <summary>
/// The catalogue as administrators keep it. Staff read it (it is the vocabulary of their queues and
/// reports, inactive categories included, since older cases still carry them); only administrators change it.
/// Reads go to the database, not to the <see cref="CategoryCatalogue"/>, so that the version an editor reads is current.
/// </summary>
internal static class CategoryCatalogueApi
{
    public static void MapCategoryCatalogueApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/case-categories").WithTags("Case categories").RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListAsync);
        group.MapGet("/{code}", GetAsync);
        var admin = group.MapGroup("").RequireAuthorization(Policies.CityAdmin);
        admin.MapPost("/", CreateAsync);
        admin.MapPut("/{code}", UpdateAsync);
        admin.MapPost("/{code}/deactivate", DeactivateAsync);
        admin.MapPost("/{code}/activate", ActivateAsync);
    }

    /// <summary>
    /// All categories as a tree in reading order: each 大类 followed by its 小类, both by sort order then code.
    /// <c>parent</c> narrows to the 小类 of one 大类; <c>active</c> to the active or the inactive ones.
    /// </summary>
    internal static async Task<Ok<List<CaseCategoryResponse>>> ListAsync(string? parent, bool? active, GongzhiDbContext db,
        CancellationToken cancellationToken)
    {
        var query = db.Set<CaseCategory>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(parent))
        {
            var parentCode = parent.Trim();
            query = query.Where(c => c.ParentCode == parentCode);
        }
        if (active is { } a)
        {
            query = query.Where(c => c.Active == a);
        }
        var list = await query.ToListAsync(cancellationToken);
        return TypedResults.Ok(CategoryTree.Order(list).Select(CaseCategoryResponse.From).ToList());
    }

    internal static async Task<Results<Ok<CaseCategoryResponse>, NotFound>> GetAsync(string code, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var category = await db.Set<CaseCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, cancellationToken);
        return category is null ? TypedResults.NotFound() : TypedResults.Ok(CaseCategoryResponse.From(category));
    }

    internal static async Task<Results<Created<CaseCategoryResponse>, ValidationProblem>> CreateAsync(CaseCategoryRequest body, CategoryEdits edits,
        CancellationToken cancellationToken)
    {
        var result = await edits.CreateAsync(body, cancellationToken);
        return result.Category is { } category
            ? TypedResults.Created($"/api/v1/case-categories/{category.Code}", CaseCategoryResponse.From(category))
            : TypedResults.ValidationProblem(result.Errors);
    }

    /// <summary>The whole editable record with the version read; a stale version is answered 409.</summary>
    internal static async Task<Results<Ok<CaseCategoryResponse>, NotFound, ValidationProblem>> UpdateAsync(string code, CaseCategoryRequest body,
        CategoryEdits edits, CancellationToken cancellationToken) =>
        Answer(await edits.UpdateAsync(code, body, cancellationToken));

    /// <summary>Off for new reports; a 大类's active 小类 go off with it (see <see cref="CategoryEdits.SetActiveAsync"/>).</summary>
    internal static async Task<Results<Ok<CaseCategoryResponse>, NotFound, ValidationProblem>> DeactivateAsync(string code, CategoryVersionRequest body,
        CategoryEdits edits, CancellationToken cancellationToken) =>
        Answer(await edits.SetActiveAsync(code, false, body.Version, cancellationToken));

    /// <summary>On again; refused (409) for a 小类 whose 大类 is off.</summary>
    internal static async Task<Results<Ok<CaseCategoryResponse>, NotFound, ValidationProblem>> ActivateAsync(string code, CategoryVersionRequest body,
        CategoryEdits edits, CancellationToken cancellationToken) =>
        Answer(await edits.SetActiveAsync(code, true, body.Version, cancellationToken));

    private static Results<Ok<CaseCategoryResponse>, NotFound, ValidationProblem> Answer(CategoryEditResult result) => result switch
    {
        { Missing: true } => TypedResults.NotFound(),
        { Category: { } category } => TypedResults.Ok(CaseCategoryResponse.From(category)),
        _ => TypedResults.ValidationProblem(result.Errors),
    };
}
