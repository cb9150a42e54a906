using Gongzhi.Modules.Access;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Routing;

public sealed record RoutingRuleResponse(Guid Id, string CategoryCode, string JurisdictionPrefix, Guid LeadOrganisationId,
    IReadOnlyList<Guid> AssistingOrganisationIds, bool Active, long Version)
{
    internal static RoutingRuleResponse From(RoutingRule r) =>
        new(r.Id, r.CategoryCode, r.JurisdictionPrefix, r.LeadOrganisationId, r.AssistingOrganisationIds, r.Active, r.Version);
}

/// <summary>A rule as an administrator writes it; <c>version</c> is required on update.</summary>
public sealed record RoutingRuleRequest(string? CategoryCode, string? JurisdictionPrefix, Guid? LeadOrganisationId,
    IReadOnlyList<Guid>? AssistingOrganisationIds, bool? Active, long? Version);

public sealed record RoutingOverrideResponse(long Id, Guid CaseId, string CaseReference, string CategoryCode, string JurisdictionCode,
    Guid? SuggestedOrganisationId, Guid ChosenOrganisationId, string Actor, string? Note, DateTimeOffset At);

internal static class RoutingApi
{
    public static void MapRoutingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/routing-rules").WithTags("Routing rules");
        var admin = group.MapGroup("").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", ListAsync);
        admin.MapPost("/", CreateAsync);
        admin.MapPut("/{id:guid}", UpdateAsync);
        admin.MapDelete("/{id:guid}", DeleteAsync);
        group.MapGet("/overrides", OverridesAsync).RequireAuthorization(Policies.Supervisor);
    }

    /// <summary>The rules that apply inside the caller's scope, by category then prefix; <c>category</c> narrows to a 大类 or 小类.</summary>
    internal static async Task<Ok<List<RoutingRuleResponse>>> ListAsync(string? category, RoutingEdits edits, CancellationToken cancellationToken)
    {
        var rules = edits.Visible().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(category))
        {
            rules = rules.Where(r => r.CategoryCode.StartsWith(category.Trim()));
        }
        var list = await rules.OrderBy(r => r.CategoryCode).ThenBy(r => r.JurisdictionPrefix).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(RoutingRuleResponse.From).ToList());
    }

    internal static async Task<Results<Created<RoutingRuleResponse>, ValidationProblem>> CreateAsync(RoutingRuleRequest body, RoutingEdits edits,
        CancellationToken cancellationToken)
    {
        var result = await edits.CreateAsync(body, cancellationToken);
        return result.Rule is { } rule
            ? TypedResults.Created($"/api/v1/routing-rules/{rule.Id}", RoutingRuleResponse.From(rule))
            : TypedResults.ValidationProblem(result.Errors);
    }

    internal static async Task<Results<Ok<RoutingRuleResponse>, NotFound, ValidationProblem>> UpdateAsync(Guid id, RoutingRuleRequest body,
        RoutingEdits edits, CancellationToken cancellationToken)
    {
        var result = await edits.UpdateAsync(id, body, cancellationToken);
        return result switch
        {
            { Missing: true } => TypedResults.NotFound(),
            { Rule: { } rule } => TypedResults.Ok(RoutingRuleResponse.From(rule)),
            _ => TypedResults.ValidationProblem(result.Errors),
        };
    }

    internal static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, RoutingEdits edits, CancellationToken cancellationToken) =>
        await edits.DeleteAsync(id, version: null, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>Dispatches that overrode the suggestion, newest first, inside <c>scope</c> (default: the caller's own).</summary>
    internal static async Task<Results<Ok<List<RoutingOverrideResponse>>, ValidationProblem, ForbidHttpResult>> OverridesAsync(string? scope,
        int? take, GongzhiDbContext db, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        scope = string.IsNullOrWhiteSpace(scope) ? caller.ScopeCode : scope.Trim();
        if (!JurisdictionCode.IsWellFormed(scope))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scope"] = [Gongzhi.Platform.PlatformText.Get("Validation.NotAJurisdictionCode")] });
        }
        if (!caller.Covers(scope))
        {
            return TypedResults.Forbid();
        }
        var prefix = JurisdictionCode.QueryPrefix(scope);
        var list = await db.Set<RoutingOverride>().AsNoTracking().Where(o => o.JurisdictionCode.StartsWith(prefix))
            .OrderByDescending(o => o.Id).Take(Math.Clamp(take ?? 100, 1, 500))
            .Select(o => new RoutingOverrideResponse(o.Id, o.CaseId, o.CaseReference, o.CategoryCode, o.JurisdictionCode, o.SuggestedOrganisationId,
                o.ChosenOrganisationId, o.Actor, o.Note, o.At))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(list);
    }
}
