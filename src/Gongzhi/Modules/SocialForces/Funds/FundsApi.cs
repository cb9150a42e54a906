using Gongzhi.Modules.SocialForces.Purchase;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.SocialForces.Funds;

public sealed record OpenFundRequest(string? Name, string? JurisdictionCode);

public sealed record ReceiveRequest(DonationForm? Form, decimal? Amount, string? Donor, string? Purpose);

public sealed record AllocateRequest(decimal? Amount, string? Purpose, Guid? ProjectId);

public sealed record UseRequest(decimal? Amount, string? Purpose);

public sealed record FundResponse(Guid Id, string Name, string JurisdictionCode, decimal Balance, decimal Reserved, long Movements)
{
    internal static FundResponse From(CommunityFund f) => new(f.Id, f.Name, f.JurisdictionCode, Fen.Yuan(f.Balance), Fen.Yuan(f.Reserved), f.Movements);
}

/// <summary>A published ledger line: no personal data (the donor masked or 匿名).</summary>
public sealed record FundMovementResponse(Guid Id, long Sequence, FundMovementKind Kind, DonationForm Form, decimal Amount, decimal Delta, decimal BalanceAfter,
    string? Donor, string Purpose, Guid? ProjectId, Guid? AllocationId, DateTimeOffset At)
{
    internal static FundMovementResponse From(FundMovement m) => new(m.Id, m.Sequence, m.Kind, m.Form, Fen.Yuan(m.Amount), Fen.Yuan(m.Delta),
        Fen.Yuan(m.BalanceAfter), m.Donor, m.Purpose, m.ProjectId, m.AllocationId, m.At);
}

public sealed record FundLedgerResponse(FundResponse Fund, IReadOnlyList<FundMovementResponse> Movements);

/// <summary>Community funds under <c>/api/v1/social/funds</c>; their ledgers are public under <c>/api/v1/public/social/funds</c>.</summary>
public static class FundsApi
{
    internal static void MapFundsApi(this RouteGroupBuilder social)
    {
        var group = social.MapGroup("/funds");
        group.MapPost("/", OpenAsync);
        group.MapPost("/{id:guid}/receipts", ReceiveAsync);
        group.MapPost("/{id:guid}/allocations", AllocateAsync);
        group.MapPost("/{id:guid}/allocations/{allocation:guid}/uses", UseAsync);
    }

    internal static void MapPublicFundsApi(this IEndpointRouteBuilder app)
    {
        var funds = app.MapGroup("/api/v1/public/social/funds").AllowAnonymous().WithTags("SocialForces");
        funds.MapGet("/", ListAsync);
        funds.MapGet("/{id:guid}", GetAsync);
    }

    internal static async Task<Created<FundResponse>> OpenAsync(OpenFundRequest request, ICallerAccessor callers, FundService service,
        CancellationToken cancellationToken)
    {
        var fund = await service.OpenAsync(callers.Current, request.Name, request.JurisdictionCode, cancellationToken);
        return TypedResults.Created($"/api/v1/public/social/funds/{fund.Id}", FundResponse.From(fund));
    }

    internal static async Task<Created<FundMovementResponse>> ReceiveAsync(Guid id, ReceiveRequest request, ICallerAccessor callers, FundService service,
        CancellationToken cancellationToken) =>
        Created(id, await service.RecordAsync(callers.Current, id, FundMovementKind.Received, request.Form, request.Amount, request.Donor, request.Purpose,
            null, null, cancellationToken));

    internal static async Task<Created<FundMovementResponse>> AllocateAsync(Guid id, AllocateRequest request, ICallerAccessor callers, FundService service,
        CancellationToken cancellationToken) =>
        Created(id, await service.RecordAsync(callers.Current, id, FundMovementKind.Allocated, DonationForm.Money, request.Amount, null, request.Purpose,
            request.ProjectId, null, cancellationToken));

    internal static async Task<Created<FundMovementResponse>> UseAsync(Guid id, Guid allocation, UseRequest request, ICallerAccessor callers,
        FundService service, CancellationToken cancellationToken) =>
        Created(id, await service.RecordAsync(callers.Current, id, FundMovementKind.Used, DonationForm.Money, request.Amount, null, request.Purpose,
            null, allocation, cancellationToken));

    internal static async Task<Ok<List<FundResponse>>> ListAsync(string? scope, FundService service, CancellationToken cancellationToken) =>
        TypedResults.Ok((await service.ListPublicAsync(scope, cancellationToken)).Select(FundResponse.From).ToList());

    internal static async Task<Ok<FundLedgerResponse>> GetAsync(Guid id, FundService service, CancellationToken cancellationToken)
    {
        var (fund, movements) = await service.ViewPublicAsync(id, cancellationToken);
        return TypedResults.Ok(new FundLedgerResponse(FundResponse.From(fund), movements.Select(FundMovementResponse.From).ToList()));
    }

    private static Created<FundMovementResponse> Created(Guid fund, FundMovement movement) =>
        TypedResults.Created($"/api/v1/public/social/funds/{fund}", FundMovementResponse.From(movement));
}
