using Gongzhi.Modules.SocialForces.Registry;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.SocialForces.Purchase;

public sealed record PublishProjectRequest(string? Title, string? JurisdictionCode, decimal? Budget, string? Need);

public sealed record MilestoneRequest(string? Title, decimal? Amount, DateOnly? DueOn);

public sealed record AwardRequest(Guid? OrganisationId, decimal? Amount, IReadOnlyList<MilestoneRequest>? Milestones);

public sealed record MilestoneActionRequest(string? Deliverable, long? Version);

public sealed record MilestoneResponse(Guid Id, Guid ContractId, int Number, string Title, decimal Amount, DateOnly DueOn, MilestoneState State,
    string? Deliverable, DateTimeOffset? DeliveredAt, DateTimeOffset? AcceptedAt, DateTimeOffset? PaidAt, long Version)
{
    internal static MilestoneResponse From(ContractMilestone m) => new(m.Id, m.ContractId, m.Number, m.Title, Fen.Yuan(m.Amount), m.DueOn, m.State,
        m.Deliverable, m.DeliveredAt, m.AcceptedAt, m.PaidAt, m.Version);
}

public sealed record ContractResponse(Guid Id, Guid ProjectId, Guid OrganisationId, string OrganisationName, decimal Amount, DateTimeOffset AwardedAt,
    IReadOnlyList<MilestoneResponse> Milestones);

public sealed record ProjectResponse(Guid Id, string Title, string JurisdictionCode, string? Need, decimal Budget, decimal Awarded,
    DateTimeOffset CreatedAt, IReadOnlyList<ContractResponse> Contracts);

/// <summary>Government purchase of services under <c>/api/v1/social/projects</c>, and its public disclosure.</summary>
public static class ProjectsApi
{
    internal static void MapProjectsApi(this RouteGroupBuilder social)
    {
        var group = social.MapGroup("/projects");
        group.MapGet("/", ListAsync);
        group.MapPost("/", PublishAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/contracts", AwardAsync);
        group.MapPost("/milestones/{id:guid}/{action}", MilestoneAsync);
    }

    internal static void MapDisclosureApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/public/social/awards", DisclosureAsync).AllowAnonymous().WithTags("SocialForces");

    internal static async Task<Results<Ok<List<ProjectResponse>>, ForbidHttpResult>> ListAsync(string? scope, ICallerAccessor callers,
        ProjectService service, CancellationToken cancellationToken)
    {
        if (!SocialPermissions.Reads(callers.Current))
        {
            return TypedResults.Forbid();
        }
        return TypedResults.Ok(await service.ListAsync(callers.Current, scope, cancellationToken));
    }

    internal static async Task<Results<Ok<ProjectResponse>, ForbidHttpResult>> GetAsync(Guid id, ICallerAccessor callers, ProjectService service,
        CancellationToken cancellationToken)
    {
        if (!SocialPermissions.Reads(callers.Current))
        {
            return TypedResults.Forbid();
        }
        return TypedResults.Ok(await service.ViewAsync(callers.Current, id, cancellationToken));
    }

    internal static async Task<Created<ProjectResponse>> PublishAsync(PublishProjectRequest request, ICallerAccessor callers, ProjectService service,
        CancellationToken cancellationToken)
    {
        var project = await service.PublishAsync(callers.Current, request.Title, request.JurisdictionCode, request.Budget, request.Need,
            cancellationToken);
        return TypedResults.Created($"/api/v1/social/projects/{project.Id}", new ProjectResponse(project.Id, project.Title, project.JurisdictionCode,
            project.Need, Fen.Yuan(project.Budget), Fen.Yuan(project.Awarded), project.CreatedAt, []));
    }

    internal static async Task<Created<ContractResponse>> AwardAsync(Guid id, AwardRequest request, ICallerAccessor callers, ProjectService service,
        CancellationToken cancellationToken)
    {
        var (contract, milestones) = await service.AwardAsync(callers.Current, id, request.OrganisationId, request.Amount,
            request.Milestones?.Select(m => new ServiceContract.MilestoneInput(m.Title, m.Amount, m.DueOn)).ToList(), cancellationToken);
        return TypedResults.Created($"/api/v1/social/projects/{id}", ProjectQueries.ToResponse(contract, milestones));
    }

    internal static async Task<Ok<MilestoneResponse>> MilestoneAsync(Guid id, string action, MilestoneActionRequest? request, ICallerAccessor callers,
        ProjectService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(MilestoneResponse.From(
            await service.MilestoneAsync(callers.Current, id, action, request?.Deliverable, request?.Version, cancellationToken)));

    /// <summary>Awarded projects are public (购买服务信息公开): read as the system, only what is published.</summary>
    internal static async Task<Ok<List<ProjectResponse>>> DisclosureAsync(string? scope, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        db.Caller = Caller.System;
        var projects = await ProjectQueries.ListAsync(db, scope, awardedOnly: true, cancellationToken);
        // Milestone deliverables are working documents, not part of the disclosure.
        return TypedResults.Ok(projects.Select(p => p with
        {
            Contracts = [.. p.Contracts.Select(c => c with { Milestones = [.. c.Milestones.Select(m => m with { Deliverable = null })] })],
        }).ToList());
    }
}

internal static class ProjectQueries
{
    public static async Task<List<ProjectResponse>> ListAsync(GongzhiDbContext db, string? scope, bool awardedOnly, CancellationToken cancellationToken,
        ProviderLens? lens = null)
    {
        var query = db.Set<ServiceProject>().AsNoTracking();
        if (lens is not null)
        {
            var mine = lens.OrganisationId;
            query = query.Where(p => db.Set<ServiceContract>().Any(c => c.ProjectId == p.Id && c.OrganisationId == mine));
        }
        if (!string.IsNullOrWhiteSpace(scope) && JurisdictionCode.IsWellFormed(scope.Trim()))
        {
            var prefix = JurisdictionCode.QueryPrefix(scope.Trim());
            query = query.Where(p => p.JurisdictionCode.StartsWith(prefix));
        }
        if (awardedOnly)
        {
            query = query.Where(p => p.Awarded > 0);
        }
        var projects = await query.OrderByDescending(p => p.CreatedAt).Take(200).ToListAsync(cancellationToken);
        return await WithContractsAsync(db, projects, cancellationToken, lens);
    }

    /// <summary>The projects with their contracts; through an organisation's <paramref name="lens"/> only its own contracts.</summary>
    public static async Task<List<ProjectResponse>> WithContractsAsync(GongzhiDbContext db, IReadOnlyList<ServiceProject> projects,
        CancellationToken cancellationToken, ProviderLens? lens = null)
    {
        var ids = projects.Select(p => p.Id).ToList();
        var query = db.Set<ServiceContract>().AsNoTracking().Where(c => ids.Contains(c.ProjectId));
        if (lens is not null)
        {
            var mine = lens.OrganisationId;
            query = query.Where(c => c.OrganisationId == mine);
        }
        var contracts = await query.OrderBy(c => c.AwardedAt).ToListAsync(cancellationToken);
        var milestones = (await db.Set<ContractMilestone>().AsNoTracking().Where(m => ids.Contains(m.ProjectId)).ToListAsync(cancellationToken))
            .ToLookup(m => m.ContractId);
        var byProject = contracts.ToLookup(c => c.ProjectId);
        return [.. projects.Select(p => new ProjectResponse(p.Id, p.Title, p.JurisdictionCode, p.Need, Fen.Yuan(p.Budget), Fen.Yuan(p.Awarded),
            p.CreatedAt, [.. byProject[p.Id].Select(c => ToResponse(c, milestones[c.Id]))]))];
    }

    public static ContractResponse ToResponse(ServiceContract c, IEnumerable<ContractMilestone> milestones) => new(c.Id, c.ProjectId, c.OrganisationId,
        c.OrganisationName, Fen.Yuan(c.Amount), c.AwardedAt, [.. milestones.OrderBy(m => m.Number).Select(MilestoneResponse.From)]);
}
