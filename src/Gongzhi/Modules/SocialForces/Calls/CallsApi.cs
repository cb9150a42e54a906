using Gongzhi.Modules.SocialForces.Purchase;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.SocialForces.Calls;

public sealed record CriterionRequest(string? Name, int? Weight);

public sealed record PublishCallRequest(DateTimeOffset? Deadline, IReadOnlyList<CriterionRequest>? Criteria);

public sealed record ApplyRequest(string? Proposal, decimal? Amount);

public sealed record ScoreRequest(int? Criterion, int? Score);

public sealed record ScoreApplicationRequest(IReadOnlyList<ScoreRequest>? Scores);

public sealed record AwardCallRequest(Guid? ApplicationId, string? Reason, IReadOnlyList<MilestoneRequest>? Milestones);

public sealed record CriterionResponse(int Number, string Name, int Weight);

/// <summary>An applicant's place in the published result: organisation and weighted total, nothing personal.</summary>
public sealed record RankResponse(Guid ApplicationId, string OrganisationName, decimal Amount, decimal? Total);

public sealed record CallAwardResponse(Guid ApplicationId, string OrganisationName, decimal Amount, decimal? Total, string? Reason,
    DateTimeOffset? AwardedAt, IReadOnlyList<RankResponse> Ranking);

/// <summary>A call as published: rubric, deadline, the number of applications, and after the award its result.</summary>
public sealed record CallResponse(Guid Id, Guid ProjectId, string Title, string JurisdictionCode, decimal Budget, DateTimeOffset Deadline,
    CallState State, IReadOnlyList<CriterionResponse> Criteria, int Applications, CallAwardResponse? Award);

/// <summary>
/// An application. <see cref="Total"/> is the weighted total (0–100) of the panel's 0–10 scores; <see cref="MyScores"/>
/// the caller's own scores by criterion number (panel members only).
/// </summary>
public sealed record CallApplicationResponse(Guid Id, Guid CallId, Guid OrganisationId, string OrganisationName, string Proposal, decimal Amount,
    DateTimeOffset SubmittedAt, decimal? Total, int Scorers, IReadOnlyDictionary<int, int>? MyScores);

/// <summary>Calls for proposals under <c>/api/v1/social/…</c>; the calls themselves are public under <c>/api/v1/public/social/calls</c>.</summary>
public static class CallsApi
{
    internal static void MapCallsApi(this RouteGroupBuilder social)
    {
        social.MapPost("/projects/{id:guid}/calls", PublishAsync);
        social.MapGet("/calls/{id:guid}/applications", ApplicationsAsync);
        social.MapPost("/calls/{id:guid}/applications", ApplyAsync);
        social.MapPost("/calls/{id:guid}/award", AwardAsync);
        social.MapPost("/applications/{id:guid}/scores", ScoreAsync);
    }

    internal static void MapPublicCallsApi(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/api/v1/public/social/calls").AllowAnonymous().WithTags("SocialForces");
        calls.MapGet("/", ListAsync);
        calls.MapGet("/{id:guid}", GetAsync);
    }

    internal static async Task<Created<CallResponse>> PublishAsync(Guid id, PublishCallRequest request, ICallerAccessor callers, CallService service,
        CancellationToken cancellationToken)
    {
        var call = await service.PublishAsync(callers.Current, id, request.Deadline,
            request.Criteria?.Select(c => new ProposalCall.CriterionInput(c.Name, c.Weight)).ToList(), cancellationToken);
        return TypedResults.Created($"/api/v1/public/social/calls/{call.Id}", call);
    }

    internal static async Task<Ok<List<CallResponse>>> ListAsync(string? scope, CallService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListPublicAsync(scope, cancellationToken));

    internal static async Task<Ok<CallResponse>> GetAsync(Guid id, CallService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ViewPublicAsync(id, cancellationToken));

    internal static async Task<Results<Created<CallApplicationResponse>, Ok<CallApplicationResponse>>> ApplyAsync(Guid id, ApplyRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ICallerAccessor callers, CallService service, CancellationToken cancellationToken)
    {
        var (application, created) = await service.ApplyAsync(callers.Current, id, request.Proposal, request.Amount, idempotencyKey, cancellationToken);
        return created
            ? TypedResults.Created($"/api/v1/social/calls/{id}/applications", application)
            : TypedResults.Ok(application);
    }

    internal static async Task<Ok<List<CallApplicationResponse>>> ApplicationsAsync(Guid id, ICallerAccessor callers, CallService service,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ApplicationsAsync(callers.Current, id, cancellationToken));

    internal static async Task<Ok<CallApplicationResponse>> ScoreAsync(Guid id, ScoreApplicationRequest request, ICallerAccessor callers, CallService service,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ScoreAsync(callers.Current, id,
            request.Scores?.Select(s => new Rubric.ScoreInput(s.Criterion, s.Score)).ToList(), cancellationToken));

    internal static async Task<Created<ContractResponse>> AwardAsync(Guid id, AwardCallRequest request, ICallerAccessor callers, CallService service,
        CancellationToken cancellationToken)
    {
        var contract = await service.AwardAsync(callers.Current, id, request.ApplicationId, request.Reason,
            request.Milestones?.Select(m => new ServiceContract.MilestoneInput(m.Title, m.Amount, m.DueOn)).ToList(), cancellationToken);
        return TypedResults.Created($"/api/v1/social/projects/{contract.ProjectId}", contract);
    }
}

internal static class CallQueries
{
    public static Task<List<CallCriterion>> CriteriaAsync(GongzhiDbContext db, Guid callId, CancellationToken cancellationToken) =>
        db.Set<CallCriterion>().AsNoTracking().Where(c => c.CallId == callId).OrderBy(c => c.Number).ToListAsync(cancellationToken);

    /// <summary>Calls as published, open ones first; after the award with the ranking of every applicant.</summary>
    public static async Task<List<CallResponse>> ListAsync(GongzhiDbContext db, string? scope, CancellationToken cancellationToken, Guid? only = null)
    {
        var query = db.Set<ProposalCall>().AsNoTracking();
        if (only is { } id)
        {
            query = query.Where(c => c.Id == id);
        }
        if (!string.IsNullOrWhiteSpace(scope) && JurisdictionCode.IsWellFormed(scope.Trim()))
        {
            var prefix = JurisdictionCode.QueryPrefix(scope.Trim());
            query = query.Where(c => c.JurisdictionCode.StartsWith(prefix));
        }
        var calls = (await query.OrderByDescending(c => c.PublishedAt).Take(200).ToListAsync(cancellationToken))
            .OrderBy(c => c.State == CallState.Open ? 0 : 1).ToList();
        var ids = calls.Select(c => c.Id).ToList();
        var criteria = (await db.Set<CallCriterion>().AsNoTracking().Where(c => ids.Contains(c.CallId)).ToListAsync(cancellationToken))
            .ToLookup(c => c.CallId);
        var applications = (await db.Set<ProposalApplication>().AsNoTracking().Where(a => ids.Contains(a.CallId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.CallId);
        var awarded = calls.Where(c => c.State == CallState.Awarded).Select(c => c.Id).ToList();
        var scores = (await db.Set<ApplicationScore>().AsNoTracking().Where(s => awarded.Contains(s.CallId)).ToListAsync(cancellationToken))
            .ToLookup(s => s.ApplicationId);
        return [.. calls.Select(c =>
        {
            var rubric = criteria[c.Id].OrderBy(r => r.Number).ToList();
            CallAwardResponse? award = null;
            if (c.State == CallState.Awarded && applications[c.Id].FirstOrDefault(a => a.Id == c.AwardedApplicationId) is { } winner)
            {
                var ranking = applications[c.Id].Select(a => new RankResponse(a.Id, a.OrganisationName, Fen.Yuan(a.Amount), Rubric.Total(rubric, scores[a.Id])))
                    .OrderByDescending(r => r.Total).ThenBy(r => r.OrganisationName, StringComparer.Ordinal).ToList();
                award = new CallAwardResponse(winner.Id, winner.OrganisationName, Fen.Yuan(winner.Amount), Rubric.Total(rubric, scores[winner.Id]),
                    c.AwardReason, c.AwardedAt, ranking);
            }
            return ToResponse(c, rubric, applications[c.Id].Count(), award);
        })];
    }

    public static CallResponse ToResponse(ProposalCall c, IEnumerable<CallCriterion> criteria, int applications, CallAwardResponse? award) =>
        new(c.Id, c.ProjectId, c.Title, c.JurisdictionCode, Fen.Yuan(c.Budget), c.Deadline, c.State,
            [.. criteria.OrderBy(r => r.Number).Select(r => new CriterionResponse(r.Number, r.Name, r.Weight))], applications, award);

    public static CallApplicationResponse ToResponse(ProposalApplication a, decimal? total, int scorers, IReadOnlyDictionary<int, int>? mine) =>
        new(a.Id, a.CallId, a.OrganisationId, a.OrganisationName, a.Proposal, Fen.Yuan(a.Amount), a.SubmittedAt, total, scorers, mine);
}
