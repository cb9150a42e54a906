using Gongzhi.Modules.Participation.Ballots;
using Gongzhi.Modules.Participation.Notices;
using Gongzhi.Modules.Participation.Proposals;
using Gongzhi.Modules.Participation.Residence;
using Gongzhi.Platform;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Api;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Participation;

public sealed record ResidentResponse(Guid Id, string DisplayName, string CommunityCode, string DeclaredAddress, ResidenceState State, string? Reason,
    string? DecidedBy, DateTimeOffset DeclaredAt, DateTimeOffset? DecidedAt, long Version)
{
    internal static ResidentResponse From(ResidentProfile p) =>
        new(p.Id, p.DisplayName, p.JurisdictionCode, p.DeclaredAddress, p.State, p.Reason, p.DecidedBy, p.DeclaredAt, p.DecidedAt, p.Version);
}

public sealed record DeclareRequest(string? CommunityCode, string? Address);

public sealed record DecisionRequest(string? Reason, long? Version);

/// <summary>Residents' profiles under <c>/api/v1/participation/residents</c>.</summary>
internal static class ResidenceApi
{
    public static void MapResidenceApi(this RouteGroupBuilder participation)
    {
        var group = participation.MapGroup("/residents");
        group.MapGet("/me", MineAsync);
        group.MapPost("/me", DeclareAsync);
        group.MapGet("/", ListAsync);
        group.MapPost("/{id:guid}/verify", VerifyAsync);
        group.MapPost("/{id:guid}/refuse", RefuseAsync);
    }

    internal static async Task<Results<Ok<ResidentResponse>, NotFound>> MineAsync(ResidenceService residence, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        await residence.MineAsync(callers.Current, cancellationToken) is { } mine ? TypedResults.Ok(ResidentResponse.From(mine)) : TypedResults.NotFound();

    internal static async Task<Ok<ResidentResponse>> DeclareAsync(DeclareRequest request, ResidenceService residence, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(ResidentResponse.From(await residence.DeclareAsync(callers.Current, request.CommunityCode, request.Address, cancellationToken)));

    /// <param name="state">pending, verified or refused; a name, never a number.</param>
    internal static async Task<Ok<List<ResidentResponse>>> ListAsync(string? state, ResidenceService residence, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await residence.ListAsync(callers.Current, DefinedEnums.Filter<ResidenceState>(state, "state"), cancellationToken))
            .Select(ResidentResponse.From).ToList());

    internal static async Task<Ok<ResidentResponse>> VerifyAsync(Guid id, DecisionRequest? request, ResidenceService residence, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(ResidentResponse.From(await residence.VerifyAsync(callers.Current, id, request?.Version, cancellationToken)));

    internal static async Task<Ok<ResidentResponse>> RefuseAsync(Guid id, DecisionRequest request, ResidenceService residence, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(ResidentResponse.From(await residence.RefuseAsync(callers.Current, id, request.Reason, request.Version, cancellationToken)));
}

public sealed record VoteRequest(Guid? OptionId);

/// <summary>Ballots under <c>/api/v1/participation/ballots</c>.</summary>
internal static class BallotsApi
{
    public static void MapBallotsApi(this RouteGroupBuilder participation)
    {
        var group = participation.MapGroup("/ballots");
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/votes", VoteAsync);
        group.MapGet("/{id:guid}/results", ResultsAsync);
    }

    internal static async Task<Ok<List<BallotResponse>>> ListAsync(BallotService ballots, ICallerAccessor callers, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return TypedResults.Ok((await ballots.ListAsync(callers.Current, cancellationToken)).Select(b => BallotResponse.From(b, now)).ToList());
    }

    internal static async Task<Created<BallotResponse>> CreateAsync(CreateBallotRequest request, BallotService ballots, ICallerAccessor callers,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var ballot = await ballots.CreateAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/participation/ballots/{ballot.Id}", BallotResponse.From(ballot, clock.GetUtcNow()));
    }

    internal static async Task<Ok<BallotResponse>> GetAsync(Guid id, BallotService ballots, ICallerAccessor callers, TimeProvider clock,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(BallotResponse.From(await ballots.GetAsync(callers.Current, id, cancellationToken), clock.GetUtcNow()));

    /// <summary>201 with no body that names the choice: the answer to a secret vote says only that it was counted.</summary>
    internal static async Task<Created> VoteAsync(Guid id, VoteRequest request, BallotService ballots, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        await ballots.VoteAsync(callers.Current, id, request.OptionId, cancellationToken);
        return TypedResults.Created($"/api/v1/participation/ballots/{id}/results");
    }

    internal static async Task<Ok<BallotResults>> ResultsAsync(Guid id, BallotService ballots, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ballots.ResultsAsync(callers.Current, id, cancellationToken));
}

public sealed record ProposalResponse(Guid Id, string Title, string Body, string JurisdictionCode, string ProposerName, ProposalState State,
    int SupportCount, DateTimeOffset CreatedAt, DateTimeOffset SupportUntil, DateTimeOffset? OnAgendaAt, ProposalOutcome? Outcome,
    string? OutcomeText, string? OutcomeOwner, DateTimeOffset? OutcomeDueAt, DateTimeOffset? DecidedAt, long Version, int HouseholdCount)
{
    internal static ProposalResponse From(Proposal p) => new(p.Id, p.Title, p.Body, p.JurisdictionCode, p.ProposerName, p.State, p.SupportCount,
        p.CreatedAt, p.SupportUntil, p.OnAgendaAt, p.Outcome, p.OutcomeText, p.OutcomeOwner, p.OutcomeDueAt, p.DecidedAt, p.Version, p.HouseholdCount);
}

/// <summary>A hidden comment keeps its place and the moderator's reason; its text is withheld.</summary>
public sealed record CommentResponse(Guid Id, string AuthorName, string? Body, DateTimeOffset CreatedAt, bool Hidden, string? HiddenReason)
{
    internal static CommentResponse From(ProposalComment c) =>
        new(c.Id, c.AuthorName, c.Hidden ? null : c.Body, c.CreatedAt, c.Hidden, c.HiddenReason);
}

public sealed record SimilarProposalResponse(Guid Id, string Title, int SupportCount);

public sealed record CreateProposalRequest(string? Title, string? Body, string? JurisdictionCode);

public sealed record CommentRequest(string? Body);

public sealed record HideRequest(string? Reason);

public sealed record ThresholdRequest(int? MinSupporters, decimal? HouseholdShare, int? Households, int? WindowDays);

public sealed record ThresholdResponse(string JurisdictionCode, int? MinSupporters, decimal? HouseholdShare, int? Households, int WindowDays, int Required)
{
    internal static ThresholdResponse From(SupportThreshold t) =>
        new(t.JurisdictionCode, t.MinSupporters, t.HouseholdShare, t.Households, t.WindowDays, t.Required);
}

/// <summary>The deliberation hall under <c>/api/v1/participation/proposals</c>.</summary>
internal static class ProposalsApi
{
    public static void MapProposalsApi(this RouteGroupBuilder participation)
    {
        var group = participation.MapGroup("/proposals");
        group.MapGet("/", ListAsync);
        group.MapGet("/similar", SimilarAsync);
        group.MapPost("/", SubmitAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/support", SupportAsync);
        group.MapPost("/{id:guid}/outcome", DecideAsync);
        group.MapGet("/{id:guid}/comments", CommentsAsync);
        group.MapPost("/{id:guid}/comments", CommentAsync);
        group.MapPost("/comments/{commentId:guid}/hide", HideAsync);
        participation.MapGet("/thresholds/{code}", ThresholdAsync);
        participation.MapPut("/thresholds/{code}", SetThresholdAsync);
    }

    /// <param name="sort">hot (default), newest or mostSupported; a name, never a number.</param>
    /// <param name="q">Words the title or text holds (a substring: two Chinese characters find a word); title hits first.</param>
    internal static async Task<Ok<List<ProposalResponse>>> ListAsync(string? scope, string? sort, int? take, string? q, ProposalService proposals,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var order = DefinedEnums.Filter<ProposalSort>(sort, "sort");
        return TypedResults.Ok((await proposals.ListAsync(callers.Current, scope, order ?? ProposalSort.Hot, take ?? 50, cancellationToken, q))
            .Select(ProposalResponse.From).ToList());
    }

    /// <summary>Up to five open proposals of the community whose titles share words with <paramref name="title"/>, most shared first.</summary>
    internal static async Task<Ok<List<SimilarProposalResponse>>> SimilarAsync(string? communityCode, string? title, ProposalService proposals,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok((await proposals.SimilarAsync(callers.Current, communityCode, title, 5, cancellationToken))
            .Select(p => new SimilarProposalResponse(p.Id, p.Title, p.SupportCount)).ToList());

    internal static async Task<Created<ProposalResponse>> SubmitAsync(CreateProposalRequest request, ProposalService proposals, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var proposal = await proposals.SubmitAsync(callers.Current, request.Title, request.Body, request.JurisdictionCode, cancellationToken);
        return TypedResults.Created($"/api/v1/participation/proposals/{proposal.Id}", ProposalResponse.From(proposal));
    }

    internal static async Task<Ok<ProposalResponse>> GetAsync(Guid id, ProposalService proposals, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(ProposalResponse.From(await proposals.GetAsync(callers.Current, id, cancellationToken)));

    internal static async Task<Created<ProposalResponse>> SupportAsync(Guid id, ProposalService proposals, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Created($"/api/v1/participation/proposals/{id}", ProposalResponse.From(await proposals.SupportAsync(callers.Current, id, cancellationToken)));

    internal static async Task<Ok<ProposalResponse>> DecideAsync(Guid id, DecideRequest request, ProposalService proposals, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(ProposalResponse.From(await proposals.DecideAsync(callers.Current, id, request, cancellationToken)));

    internal static async Task<Ok<List<CommentResponse>>> CommentsAsync(Guid id, ProposalService proposals, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await proposals.CommentsAsync(callers.Current, id, cancellationToken)).Select(CommentResponse.From).ToList());

    internal static async Task<Created<CommentResponse>> CommentAsync(Guid id, CommentRequest request, ProposalService proposals, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var comment = await proposals.CommentAsync(callers.Current, id, request.Body, cancellationToken);
        return TypedResults.Created($"/api/v1/participation/proposals/{id}/comments", CommentResponse.From(comment));
    }

    internal static async Task<Ok<CommentResponse>> HideAsync(Guid commentId, HideRequest request, ProposalService proposals, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(CommentResponse.From(await proposals.HideCommentAsync(callers.Current, commentId, request.Reason, cancellationToken)));

    internal static async Task<Ok<ThresholdResponse>> ThresholdAsync(string code, ProposalService proposals, CancellationToken cancellationToken) =>
        TypedResults.Ok(ThresholdResponse.From(await proposals.ThresholdForAsync(code, cancellationToken)));

    internal static async Task<Ok<ThresholdResponse>> SetThresholdAsync(string code, ThresholdRequest request, ProposalService proposals,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(ThresholdResponse.From(await proposals.SetThresholdAsync(callers.Current, code, request.MinSupporters, request.HouseholdShare,
            request.Households, request.WindowDays, cancellationToken)));
}

public sealed record ReadResponse(Guid NoticeId, DateTimeOffset ReadAt);

/// <summary>Notices under <c>/api/v1/participation/notices</c>.</summary>
internal static class NoticesApi
{
    public static void MapNoticesApi(this RouteGroupBuilder participation)
    {
        var group = participation.MapGroup("/notices");
        group.MapGet("/", ListAsync);
        group.MapPost("/", PublishAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/read", ReadAsync);
        group.MapGet("/{id:guid}/receipts", ReceiptsAsync);
    }

    internal static async Task<Ok<List<NoticeResponse>>> ListAsync(NoticeService notices, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await notices.ListAsync(callers.Current, cancellationToken));

    internal static async Task<Created<NoticeResponse>> PublishAsync(CreateNoticeRequest request, NoticeService notices, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var notice = await notices.PublishAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/participation/notices/{notice.Id}", NoticeResponse.From(notice, null));
    }

    internal static async Task<Ok<NoticeResponse>> GetAsync(Guid id, NoticeService notices, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var notice = await notices.GetAsync(callers.Current, id, cancellationToken);
        return TypedResults.Ok(NoticeResponse.From(notice, await notices.ReadAtAsync(callers.Current, id, cancellationToken)));
    }

    internal static async Task<Ok<ReadResponse>> ReadAsync(Guid id, NoticeService notices, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ReadResponse(id, await notices.ReadAsync(callers.Current, id, cancellationToken)));

    internal static async Task<Ok<NoticeReceipts>> ReceiptsAsync(Guid id, NoticeService notices, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await notices.ReceiptsAsync(callers.Current, id, cancellationToken));
}
