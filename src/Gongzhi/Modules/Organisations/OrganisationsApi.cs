using Gongzhi.Modules.Access;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Organisations;

public sealed record OrganisationResponse(Guid Id, string Code, string Name, string? NameEn, OrganisationKind Kind, string JurisdictionCode,
    Guid? ParentId, string? Phone, string? Address, bool Active, long Version)
{
    internal static OrganisationResponse From(Organisation o) =>
        new(o.Id, o.Code, o.Name, o.NameEn, o.Kind, o.JurisdictionCode, o.ParentId, o.Phone, o.Address, o.Active, o.Version);
}

public sealed record OrganisationPage(IReadOnlyList<OrganisationResponse> Items, int Total, int Skip, int Take);

public sealed record CreateOrganisationRequest(string? Code, string? Name, string? NameEn, OrganisationKind? Kind, string? JurisdictionCode,
    Guid? ParentId, string? Phone, string? Address);

/// <summary>The whole editable record; <c>version</c> is the one read with GET, so a stale edit is refused.</summary>
public sealed record UpdateOrganisationRequest(string? Name, string? NameEn, OrganisationKind? Kind, string? JurisdictionCode,
    Guid? ParentId, string? Phone, string? Address, long? Version);

/// <summary>
/// Who may change organisations. Administrators keep the government structure (departments, command
/// centres, street offices, committees, party organisations) inside their scope. Street staff register
/// the resident units, enterprises and social organisations of their own street, which they meet in
/// joint conferences and "双报到"; the context's write guard keeps them inside their street.
/// </summary>
public static class OrganisationPermissions
{
    public static readonly IReadOnlySet<OrganisationKind> StreetRegisteredKinds =
        new HashSet<OrganisationKind> { OrganisationKind.ResidentUnit, OrganisationKind.Enterprise, OrganisationKind.SocialOrganisation };

    public static bool MayEdit(Caller caller, OrganisationKind kind) =>
        caller.IsAdmin || (caller.IsInRole(Roles.StreetStaff) && StreetRegisteredKinds.Contains(kind));
}

internal static class OrganisationsApi
{
    public static void MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/organisations").WithTags("Organisations").RequireAuthorization();
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapGet("/by-code/{code}", GetByCodeAsync);
        var editors = group.MapGroup("").RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.StreetStaff));
        editors.MapPost("/", CreateAsync);
        editors.MapPut("/{id:guid}", UpdateAsync);
        editors.MapPost("/{id:guid}/deactivate", DeactivateAsync);
        editors.MapPost("/{id:guid}/activate", ActivateAsync);
    }

    /// <summary>
    /// Organisations the caller can see (their jurisdiction, its ancestors and descendants), sorted by code.
    /// <c>scope</c> narrows to a node and everything below it; <c>q</c> searches code and names.
    /// </summary>
    internal static async Task<Results<Ok<OrganisationPage>, ValidationProblem, ForbidHttpResult>> ListAsync(string? scope, string? kind,
        string? q, int? skip,
        int? take, bool? active, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        scope = string.IsNullOrWhiteSpace(scope) ? null : scope.Trim();
        if (scope is not null && !JurisdictionCode.IsWellFormed(scope))
        {
            errors["scope"] = [Gongzhi.Platform.PlatformText.Get("Validation.NotAJurisdictionCode")];
        }
        OrganisationKind? parsedKind = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (Enum.TryParse<OrganisationKind>(kind.Trim(), ignoreCase: true, out var k) && Enum.IsDefined(k) && !int.TryParse(kind, out _))
            {
                parsedKind = k;
            }
            else
            {
                errors["kind"] = [OrganisationsText.Format("Kind.OneOf", string.Join(", ", Enum.GetNames<OrganisationKind>()))];
            }
        }
        if (skip is < 0)
        {
            errors["skip"] = [OrganisationsText.Get("Skip.Negative")];
        }
        if (take is < 1 or > 500)
        {
            errors["take"] = [OrganisationsText.Get("Take.Range")];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (scope is not null && !db.Caller.CanSee(scope))
        {
            return TypedResults.Forbid();
        }
        var query = OrganisationQueries.Filter(db.Set<Organisation>().AsNoTracking(), scope, parsedKind, q, active);
        var size = take ?? 50;
        var from = skip ?? 0;
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(o => o.Code).Skip(from).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new OrganisationPage(items.Select(OrganisationResponse.From).ToList(), total, from, size));
    }

    internal static async Task<Results<Ok<OrganisationResponse>, NotFound>> GetAsync(Guid id, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        // A query rather than Find, so that the scope filter applies: an organisation the caller may not see does not exist for them.
        var organisation = await db.Set<Organisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        return organisation is null ? TypedResults.NotFound() : TypedResults.Ok(OrganisationResponse.From(organisation));
    }

    /// <summary>By the stable code (<c>420103.cgj</c>) that routing rules and accounts refer to.</summary>
    internal static async Task<Results<Ok<OrganisationResponse>, NotFound>> GetByCodeAsync(string code, GongzhiDbContext db,
        CancellationToken cancellationToken)
    {
        var organisation = await db.Set<Organisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Code == code, cancellationToken);
        return organisation is null ? TypedResults.NotFound() : TypedResults.Ok(OrganisationResponse.From(organisation));
    }

    internal static async Task<Results<Created<OrganisationResponse>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> CreateAsync(
        CreateOrganisationRequest request, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var errors = Organisation.Validate(request.Code ?? "", request.Name, request.NameEn, request.Kind, request.JurisdictionCode, request.Phone,
            request.Address);
        await CheckParentAsync(db, request.ParentId, null, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!OrganisationPermissions.MayEdit(db.Caller, request.Kind!.Value))
        {
            return TypedResults.Forbid();
        }
        var code = request.Code!.Trim();
        if (await OrganisationQueries.CodeTakenAsync(db, code, cancellationToken))
        {
            return DuplicateCode(code);
        }
        var organisation = Organisation.Create(code, request.Name!, request.NameEn, request.Kind.Value, request.JurisdictionCode!, request.ParentId,
            request.Phone, request.Address);
        db.Add(organisation);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone may have created the same code between the check and the insert.
            if (await CodeTakenElsewhereAsync(db, organisation, cancellationToken))
            {
                return DuplicateCode(code);
            }
            throw;
        }
        return TypedResults.Created($"/api/v1/organisations/{organisation.Id}", OrganisationResponse.From(organisation));
    }

    internal static async Task<Results<Ok<OrganisationResponse>, NotFound, ValidationProblem, ForbidHttpResult>> UpdateAsync(Guid id,
        UpdateOrganisationRequest request, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var errors = Organisation.Validate(null, request.Name, request.NameEn, request.Kind, request.JurisdictionCode, request.Phone, request.Address);
        if (request.Version is null)
        {
            errors["version"] = [Gongzhi.Platform.PlatformText.Get("Validation.VersionRequired")];
        }
        await CheckParentAsync(db, request.ParentId, id, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var organisation = await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return TypedResults.NotFound();
        }
        if (!OrganisationPermissions.MayEdit(db.Caller, organisation.Kind) || !OrganisationPermissions.MayEdit(db.Caller, request.Kind!.Value))
        {
            return TypedResults.Forbid();
        }
        // The concurrency check compares against the version the client read, not the one just loaded.
        db.Entry(organisation).Property(o => o.Version).OriginalValue = request.Version!.Value;
        organisation.Update(request.Name!, request.NameEn, request.Kind.Value, request.JurisdictionCode!, request.ParentId, request.Phone,
            request.Address);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OrganisationResponse.From(organisation));
    }

    /// <summary>An inactive organisation stays in the records (cases refer to it) but is offered for no new work.</summary>
    internal static Task<Results<Ok<OrganisationResponse>, NotFound, ForbidHttpResult>> DeactivateAsync(Guid id, GongzhiDbContext db,
        CancellationToken cancellationToken) => SetActiveAsync(id, false, db, cancellationToken);

    internal static Task<Results<Ok<OrganisationResponse>, NotFound, ForbidHttpResult>> ActivateAsync(Guid id, GongzhiDbContext db,
        CancellationToken cancellationToken) => SetActiveAsync(id, true, db, cancellationToken);

    private static async Task<Results<Ok<OrganisationResponse>, NotFound, ForbidHttpResult>> SetActiveAsync(Guid id, bool active,
        GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var organisation = await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return TypedResults.NotFound();
        }
        if (!OrganisationPermissions.MayEdit(db.Caller, organisation.Kind))
        {
            return TypedResults.Forbid();
        }
        if (active)
        {
            organisation.Activate();
        }
        else
        {
            organisation.Deactivate();
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OrganisationResponse.From(organisation));
    }

    /// <summary>A parent must be an organisation the caller can see, and not the organisation itself.</summary>
    internal static async Task CheckParentAsync(GongzhiDbContext db, Guid? parentId, Guid? self, Dictionary<string, string[]> errors,
        CancellationToken cancellationToken)
    {
        if (parentId is not { } parent)
        {
            return;
        }
        if (parent == self)
        {
            errors["parentId"] = [OrganisationsText.Get("Parent.Self")];
        }
        else if (!await db.Set<Organisation>().AnyAsync(o => o.Id == parent, cancellationToken))
        {
            errors["parentId"] = [OrganisationsText.Get("Parent.Unknown")];
        }
    }

    // A code is unique across the city: one taken in an area the caller cannot see is still taken.
    private static Task<bool> CodeTakenElsewhereAsync(GongzhiDbContext db, Organisation organisation, CancellationToken cancellationToken) =>
        db.Set<Organisation>().IgnoreQueryFilters().AnyAsync(o => o.Code == organisation.Code && o.Id != organisation.Id, cancellationToken);

    private static ProblemHttpResult DuplicateCode(string code) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
        title: "Conflict", detail: OrganisationsText.Format("Code.Taken", code));
}
