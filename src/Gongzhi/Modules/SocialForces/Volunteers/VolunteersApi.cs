using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.SocialForces.Volunteers;

public sealed record RegisterVolunteerRequest(string? JurisdictionCode, IReadOnlyList<string>? Skills, string? Availability);

public sealed record VolunteerResponse(Guid Id, string DisplayName, string JurisdictionCode, IReadOnlyList<string> Skills, string? Availability,
    long PointBalance, decimal Hours)
{
    internal static VolunteerResponse From(Volunteer v) => new(v.Id, v.DisplayName, v.JurisdictionCode, v.Skills, v.Availability, v.PointBalance,
        v.HoursTenths / 10m);
}

public sealed record MovementResponse(Guid Id, MovementKind Kind, long Points, decimal Hours, Guid? ReferenceId, string Note, DateTimeOffset At)
{
    internal static MovementResponse From(PointMovement m) => new(m.Id, m.Kind, m.Points, m.HoursTenths / 10m, m.ReferenceId, m.Note, m.At);
}

public sealed record ListRewardRequest(string? Title, string? JurisdictionCode, long? Cost, int? Stock);

public sealed record RewardResponse(Guid Id, string Title, string JurisdictionCode, long Cost, int Stock)
{
    internal static RewardResponse From(Reward r) => new(r.Id, r.Title, r.JurisdictionCode, r.Cost, r.Stock);
}

/// <summary>Volunteers, their points ledger and the rewards under <c>/api/v1/social</c>.</summary>
public static class VolunteersApi
{
    internal static void MapVolunteersApi(this RouteGroupBuilder social)
    {
        social.MapPost("/volunteers", RegisterAsync);
        social.MapGet("/volunteers/me", MeAsync);
        social.MapGet("/volunteers/me/movements", MovementsAsync);
        social.MapGet("/rewards", RewardsAsync);
        social.MapPost("/rewards", ListRewardAsync);
        social.MapPost("/rewards/{id:guid}/redeem", RedeemAsync);
    }

    internal static async Task<Created<VolunteerResponse>> RegisterAsync(RegisterVolunteerRequest request, ICallerAccessor callers, PointsLedger ledger,
        CancellationToken cancellationToken)
    {
        var volunteer = await ledger.RegisterAsync(callers.Current, request.JurisdictionCode, request.Skills, request.Availability, cancellationToken);
        return TypedResults.Created("/api/v1/social/volunteers/me", VolunteerResponse.From(volunteer));
    }

    internal static async Task<Results<Ok<VolunteerResponse>, NotFound>> MeAsync(ICallerAccessor callers, PointsLedger ledger,
        CancellationToken cancellationToken) =>
        await ledger.OfAsync(callers.Current.UserId, cancellationToken) is { } v ? TypedResults.Ok(VolunteerResponse.From(v)) : TypedResults.NotFound();

    internal static async Task<Results<Ok<List<MovementResponse>>, NotFound>> MovementsAsync(ICallerAccessor callers, PointsLedger ledger,
        CancellationToken cancellationToken) =>
        await ledger.OfAsync(callers.Current.UserId, cancellationToken) is { } v
            ? TypedResults.Ok((await ledger.MovementsAsync(v.Id, 500, cancellationToken)).Select(MovementResponse.From).ToList())
            : TypedResults.NotFound();

    internal static async Task<Ok<List<RewardResponse>>> RewardsAsync(ICallerAccessor callers, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        db.Caller = callers.Current;
        var rewards = await db.Set<Reward>().AsNoTracking().Where(r => !r.Withdrawn).OrderBy(r => r.Cost).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(rewards.Select(RewardResponse.From).ToList());
    }

    internal static async Task<Created<RewardResponse>> ListRewardAsync(ListRewardRequest request, ICallerAccessor callers, PointsLedger ledger,
        CancellationToken cancellationToken)
    {
        var reward = await ledger.ListRewardAsync(callers.Current, request.Title, request.JurisdictionCode, request.Cost, request.Stock, cancellationToken);
        return TypedResults.Created($"/api/v1/social/rewards/{reward.Id}", RewardResponse.From(reward));
    }

    internal static async Task<Ok<MovementResponse>> RedeemAsync(Guid id, ICallerAccessor callers, PointsLedger ledger,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(MovementResponse.From(await ledger.RedeemAsync(callers.Current, id, cancellationToken)));
}
