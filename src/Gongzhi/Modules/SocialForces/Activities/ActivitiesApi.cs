using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.SocialForces.Activities;

public sealed record CreateActivityRequest(string? Title, string? JurisdictionCode, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? Capacity,
    string? Place);

public sealed record RegistrationResponse(Guid Id, Guid ActivityId, string Status, long Arrival, DateTimeOffset RegisteredAt,
    DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt, decimal HoursCredited)
{
    internal static RegistrationResponse From(ActivityRegistration r) => new(r.Id, r.ActivityId, Name(r.Status), r.Arrival, r.RegisteredAt,
        r.CheckedInAt, r.CheckedOutAt, r.HoursTenthsCredited / 10m);

    internal static string Name(RegistrationStatus status) => status.ToString().ToLowerInvariant();
}

public sealed record ActivityResponse(Guid Id, string Title, string JurisdictionCode, string? Place, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    int Capacity, int Confirmed, int Waitlisted, string OrganisedBy, RegistrationResponse? MyRegistration)
{
    internal static ActivityResponse From(Activity a, ActivityRegistration? mine) => new(a.Id, a.Title, a.JurisdictionCode, a.Place, a.StartsAt,
        a.EndsAt, a.Capacity, a.Confirmed, a.Waitlisted, a.OrganisedByName, mine is null ? null : RegistrationResponse.From(mine));
}

public sealed record ParticipantResponse(Guid Id, string DisplayName, string Status, long Arrival, DateTimeOffset? CheckedInAt,
    DateTimeOffset? CheckedOutAt);

public sealed record CheckInCodeResponse(string Code, DateTimeOffset ExpiresAt);

public sealed record AttendRequest(string? Code);

public sealed record AttendResponse(Guid ActivityId, string Title, string Mode, RegistrationResponse Registration);

/// <summary>Activities under <c>/api/v1/activities</c>: organisers publish them, residents and volunteers register and attend.</summary>
public static class ActivitiesApi
{
    internal static void MapActivitiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/activities").RequireAuthorization().WithTags("Activities");
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapGet("/{id:guid}/registrations", ParticipantsAsync);
        group.MapPost("/{id:guid}/registrations", RegisterAsync);
        group.MapPost("/registrations/{id:guid}/cancel", CancelAsync);
        group.MapPost("/{id:guid}/codes/{mode}", CodeAsync);
        group.MapPost("/attend", AttendAsync);
    }

    internal static async Task<Ok<List<ActivityResponse>>> ListAsync(string? scope, bool? past, ICallerAccessor callers, GongzhiDbContext db,
        TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ActivityQueries.ListAsync(db, callers.Current, scope, past ?? false, clock.GetUtcNow(), cancellationToken));

    internal static async Task<Created<ActivityResponse>> CreateAsync(CreateActivityRequest request, ICallerAccessor callers, ActivityService service,
        CancellationToken cancellationToken)
    {
        var activity = await service.CreateAsync(callers.Current, request.Title, request.JurisdictionCode, request.StartsAt, request.EndsAt,
            request.Capacity, request.Place, cancellationToken);
        return TypedResults.Created($"/api/v1/activities/{activity.Id}", ActivityResponse.From(activity, null));
    }

    internal static async Task<Ok<ActivityResponse>> GetAsync(Guid id, ICallerAccessor callers, ActivityService service,
        CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var activity = await service.FindAsync(caller, id, cancellationToken);
        return TypedResults.Ok(ActivityResponse.From(activity, await service.MineAsync(caller, id, cancellationToken)));
    }

    internal static async Task<Results<Ok<List<ParticipantResponse>>, ForbidHttpResult>> ParticipantsAsync(Guid id, ICallerAccessor callers,
        ActivityService service, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var activity = await service.FindAsync(caller, id, cancellationToken);
        if (!SocialPermissions.Organises(caller, activity.JurisdictionCode))
        {
            return TypedResults.Forbid();
        }
        return TypedResults.Ok(await ActivityQueries.ParticipantsAsync(db, id, cancellationToken));
    }

    internal static async Task<Created<RegistrationResponse>> RegisterAsync(Guid id, ICallerAccessor callers, ActivityService service,
        CancellationToken cancellationToken)
    {
        var registration = await service.RegisterAsync(callers.Current, id, cancellationToken);
        return TypedResults.Created($"/api/v1/activities/{id}", RegistrationResponse.From(registration));
    }

    internal static async Task<Ok<RegistrationResponse>> CancelAsync(Guid id, ICallerAccessor callers, ActivityService service,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(RegistrationResponse.From(await service.CancelAsync(callers.Current, id, cancellationToken)));

    internal static async Task<Results<Ok<CheckInCodeResponse>, NotFound>> CodeAsync(Guid id, string mode, ICallerAccessor callers,
        ActivityService service, CheckInCodes codes, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<AttendanceMode>(mode, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            return TypedResults.NotFound();
        }
        var code = await service.IssueCodeAsync(callers.Current, id, parsed, cancellationToken);
        return TypedResults.Ok(new CheckInCodeResponse(code, clock.GetUtcNow() + codes.Lifetime));
    }

    internal static async Task<Ok<AttendResponse>> AttendAsync(AttendRequest request, ICallerAccessor callers, ActivityService service,
        CancellationToken cancellationToken)
    {
        var (activity, registration, mode) = await service.AttendAsync(callers.Current, request.Code, cancellationToken);
        return TypedResults.Ok(new AttendResponse(activity.Id, activity.Title, mode.ToString().ToLowerInvariant(), RegistrationResponse.From(registration)));
    }
}

/// <summary>The reads of activities that the API and the pages share.</summary>
internal static class ActivityQueries
{
    public static async Task<List<ActivityResponse>> ListAsync(GongzhiDbContext db, Caller caller, string? scope, bool past, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var query = db.Set<Activity>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(scope) && JurisdictionCode.IsWellFormed(scope.Trim()))
        {
            var prefix = JurisdictionCode.QueryPrefix(scope.Trim());
            query = query.Where(a => a.JurisdictionCode.StartsWith(prefix));
        }
        query = past ? query.Where(a => a.EndsAt < now).OrderByDescending(a => a.StartsAt) : query.Where(a => a.EndsAt >= now).OrderBy(a => a.StartsAt);
        var activities = await query.Take(200).ToListAsync(cancellationToken);
        var ids = activities.Select(a => a.Id).ToList();
        var mine = caller.UserId is null ? [] : await db.Set<ActivityRegistration>().AsNoTracking()
            .Where(r => ids.Contains(r.ActivityId) && r.UserId == caller.UserId && r.Status != RegistrationStatus.Cancelled)
            .ToDictionaryAsync(r => r.ActivityId, cancellationToken);
        return [.. activities.Select(a => ActivityResponse.From(a, mine.GetValueOrDefault(a.Id)))];
    }

    public static Task<List<ParticipantResponse>> ParticipantsAsync(GongzhiDbContext db, Guid activityId, CancellationToken cancellationToken) =>
        db.Set<ActivityRegistration>().AsNoTracking().Where(r => r.ActivityId == activityId && r.Status != RegistrationStatus.Cancelled)
            .OrderBy(r => r.Arrival).Take(5000)
            .Select(r => new ParticipantResponse(r.Id, r.DisplayName, r.Status == RegistrationStatus.Confirmed ? "confirmed" : "waitlisted", r.Arrival,
                r.CheckedInAt, r.CheckedOutAt))
            .ToListAsync(cancellationToken);
}
