using Gongzhi.Modules.Access;
using Gongzhi.Modules.Cases.Deadlines;
using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Cases.Whistles;

public sealed record BlowWhistleRequest(IReadOnlyList<Guid>? OrganisationIds, string? Reason);

public sealed record ReportInRequest(string? Note);

public sealed record SummonsResponse(Guid Id, Guid OrganisationId, string? OrganisationName, DateTimeOffset DueAt, DateTimeOffset? ReportedInAt,
    string? ReportedInBy, string? Note, bool Late, bool Missed, DateTimeOffset? MissedAt);

public sealed record WhistleResponse(Guid Id, Guid CaseId, string CaseReference, string JurisdictionCode, string BlownBy, DateTimeOffset BlownAt,
    string Reason, int ReportInMinutes, DateTimeOffset DueAt, IReadOnlyList<SummonsResponse> Summons);

public sealed record WhistlePage(IReadOnlyList<WhistleResponse> Items, int Total, int Skip, int Take);

public sealed record MissedCount(Guid OrganisationId, string? OrganisationName, int Summoned, int ReportedIn, int Late, int Missed);

/// <summary>
/// 吹哨报到 over HTTP. A street blows the whistle on a case of its own; a summoned organisation's staff
/// report in; streets, supervisors and the summoned departments read the whistles and the missed counts.
/// </summary>
internal static class WhistlesApi
{
    public const string SummonedNotification = "whistle.summoned";
    public const string ReportedInNotification = "whistle.reported-in";

    public static void MapWhistlesApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/v1/cases/{id:guid}/whistles").WithTags("Whistles").RequireAuthorization(Policies.Staff);
        cases.MapGet("/", ListForCaseAsync);
        cases.MapPost("/", BlowAsync).RequireAuthorization(p => p.RequireRole(Roles.StreetDispatcher, Roles.StreetStaff));

        var whistles = app.MapGroup("/api/v1/whistles").WithTags("Whistles").RequireAuthorization(Policies.Staff);
        whistles.MapGet("/", ListAsync);
        whistles.MapGet("/missed-counts", MissedCountsAsync);
        whistles.MapPost("/{id:guid}/report-in", ReportInAsync);
    }

    internal static async Task<Results<Created<WhistleResponse>, NotFound, ValidationProblem>> BlowAsync(Guid id, BlowWhistleRequest request,
        GongzhiDbContext db, Notifier notifier, LivePublisher live, TimeProvider clock, IOptions<WhistleOptions> options,
        CancellationToken cancellationToken)
    {
        // The scope filter hides cases outside the caller's jurisdiction: another street's case does not exist for them.
        var c = await db.Set<Case>().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return TypedResults.NotFound();
        }
        var requested = (request.OrganisationIds ?? []).Distinct().ToList();
        var errors = new Dictionary<string, string[]>();
        if (requested.Count is 0 or > Whistle.MaxSummoned)
        {
            errors["organisationIds"] = [$"Summon 1 to {Whistle.MaxSummoned} organisations."];
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["A whistle needs a reason."];
        }
        var known = await db.Set<Organisation>().AsNoTracking().Where(o => requested.Contains(o.Id) && o.Active)
            .ToDictionaryAsync(o => o.Id, cancellationToken);
        var unknown = requested.Where(o => !known.ContainsKey(o)).ToList();
        if (unknown.Count > 0)
        {
            errors["organisationIds"] = [$"No active organisation you can summon has the id {string.Join(", ", unknown)}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var now = clock.GetUtcNow();
        var whistle = Whistle.Blow(c, CaseActor.From(db.Caller), now, requested, request.Reason!, options.Value.WhistleReportInMinutes);
        db.Add(whistle);
        var summoned = await CaseRecipients.StaffOfAsync(db, requested, cancellationToken);
        notifier.Notify(summoned, SummonedNotification, $"吹哨：请 {whistle.ReportInMinutes} 分钟内报到（案件 {c.Reference}） / Whistle: report in",
            whistle.Reason, $"/cases/{c.Id}", outboundToo: true);
        await db.SaveChangesAsync(cancellationToken);
        await live.PublishAsync(new LiveEvent("case", c.Id.ToString(), c.JurisdictionCode, now), cancellationToken);
        return TypedResults.Created($"/api/v1/cases/{c.Id}/whistles", Response(whistle, known.ToDictionary(k => k.Key, k => (string?)k.Value.Name)));
    }

    internal static async Task<Results<Ok<SummonsResponse>, NotFound, ForbidHttpResult>> ReportInAsync(Guid id, ReportInRequest? request,
        GongzhiDbContext db, Notifier notifier, TimeProvider clock, CancellationToken cancellationToken)
    {
        var whistle = await db.Set<Whistle>().Include(w => w.Summons).FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (whistle is null)
        {
            return TypedResults.NotFound();
        }
        if (!Guid.TryParse(db.Caller.OrganisationId, out var organisation) || whistle.SummonsOf(organisation) is not { } summons)
        {
            return TypedResults.Forbid();
        }
        var c = await db.Set<Case>().FirstOrDefaultAsync(x => x.Id == whistle.CaseId, cancellationToken);
        if (c is null)
        {
            return TypedResults.NotFound();
        }
        var now = clock.GetUtcNow();
        summons.ReportIn(c, CaseActor.From(db.Caller), now, request?.Note);
        if (whistle.BlownByUserId is { } blower)
        {
            notifier.Notify([blower], ReportedInNotification, $"已报到：案件 {whistle.CaseReference} / Reported in: {whistle.CaseReference}",
                summons.Note, $"/cases/{whistle.CaseId}");
        }
        await db.SaveChangesAsync(cancellationToken);
        var name = await db.Set<Organisation>().AsNoTracking().Where(o => o.Id == organisation).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(Response(summons, name));
    }

    internal static async Task<Results<Ok<IReadOnlyList<WhistleResponse>>, NotFound>> ListForCaseAsync(Guid id, GongzhiDbContext db,
        CancellationToken cancellationToken)
    {
        if (!await db.Set<Case>().AnyAsync(c => c.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var whistles = await db.Set<Whistle>().AsNoTracking().Include(w => w.Summons).Where(w => w.CaseId == id)
            .OrderBy(w => w.BlownAt).ToListAsync(cancellationToken);
        var names = await NamesAsync(db, whistles.SelectMany(w => w.Summons.Select(s => s.OrganisationId)), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<WhistleResponse>>(whistles.Select(w => Response(w, names)).ToList());
    }

    /// <summary>
    /// Whistles inside <c>scope</c>, newest first. A department (staff without a street or supervising role)
    /// sees only whistles that summoned it; <c>missed=true</c> keeps whistles with a missed summons
    /// (for a department, its own).
    /// </summary>
    internal static async Task<Results<Ok<WhistlePage>, ValidationProblem, ForbidHttpResult>> ListAsync(string? scope, Guid? organisation,
        bool? missed, int? skip, int? take, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var errors = CheckScope(ref scope);
        if (skip is < 0)
        {
            errors["skip"] = ["Must be zero or more."];
        }
        if (take is < 1 or > 200)
        {
            errors["take"] = ["Between 1 and 200."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (scope is not null && !db.Caller.CanSee(scope))
        {
            return TypedResults.Forbid();
        }
        if (OwnOrganisationOnly(db.Caller) is { } own)
        {
            if (organisation is not null && organisation != own)
            {
                return TypedResults.Forbid();
            }
            organisation = own;
        }
        var query = db.Set<Whistle>().AsNoTracking();
        if (scope is not null)
        {
            var prefix = JurisdictionCode.QueryPrefix(scope);
            query = query.Where(w => w.JurisdictionCode.StartsWith(prefix));
        }
        if (organisation is { } o)
        {
            query = missed is { } m
                ? query.Where(w => w.Summons.Any(s => s.OrganisationId == o && s.Missed == m))
                : query.Where(w => w.Summons.Any(s => s.OrganisationId == o));
        }
        else if (missed is { } m)
        {
            query = m ? query.Where(w => w.Summons.Any(s => s.Missed)) : query.Where(w => w.Summons.All(s => !s.Missed));
        }
        var size = take ?? 50;
        var from = skip ?? 0;
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Include(w => w.Summons).OrderByDescending(w => w.BlownAt).ThenByDescending(w => w.Id)
            .Skip(from).Take(size).ToListAsync(cancellationToken);
        var names = await NamesAsync(db, items.SelectMany(w => w.Summons.Select(s => s.OrganisationId)), cancellationToken);
        return TypedResults.Ok(new WhistlePage(items.Select(w => Response(w, names)).ToList(), total, from, size));
    }

    /// <summary>Per summoned organisation: summons, report-ins, late ones and misses, for whistles blown in [from, to) inside scope.</summary>
    internal static async Task<Results<Ok<IReadOnlyList<MissedCount>>, ValidationProblem, ForbidHttpResult>> MissedCountsAsync(string? scope,
        DateTimeOffset? from, DateTimeOffset? to, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var errors = CheckScope(ref scope);
        if (from is not null && to is not null && to <= from)
        {
            errors["to"] = ["Must be after from."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (scope is not null && !db.Caller.CanSee(scope))
        {
            return TypedResults.Forbid();
        }
        var query = db.Set<WhistleSummons>().AsNoTracking();
        if (scope is not null)
        {
            var prefix = JurisdictionCode.QueryPrefix(scope);
            query = query.Where(s => s.JurisdictionCode.StartsWith(prefix));
        }
        if (from is { } f)
        {
            query = query.Where(s => s.SummonedAt >= f);
        }
        if (to is { } t)
        {
            query = query.Where(s => s.SummonedAt < t);
        }
        if (OwnOrganisationOnly(db.Caller) is { } own)
        {
            query = query.Where(s => s.OrganisationId == own);
        }
        var rows = await query.GroupBy(s => s.OrganisationId).Select(g => new
        {
            OrganisationId = g.Key,
            Summoned = g.Count(),
            ReportedIn = g.Count(s => s.ReportedInAt != null),
            LateOnes = g.Count(s => s.ReportedInAt != null && s.Missed),
            Missed = g.Count(s => s.Missed),
        }).ToListAsync(cancellationToken);
        var names = await NamesAsync(db, rows.Select(r => r.OrganisationId), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<MissedCount>>(rows
            .Select(r => new MissedCount(r.OrganisationId, names.GetValueOrDefault(r.OrganisationId), r.Summoned, r.ReportedIn, r.LateOnes, r.Missed))
            .OrderByDescending(r => r.Missed).ThenBy(r => r.OrganisationName, StringComparer.Ordinal).ToList());
    }

    /// <summary>Department staff act for their organisation only; streets and supervisors see every organisation in their scope.</summary>
    private static Guid? OwnOrganisationOnly(Caller caller)
    {
        var overseer = caller.IsAdmin || Roles.Supervisors.Any(caller.IsInRole);
        if (overseer)
        {
            return null;
        }
        // Staff of an organisation with no street role see their own summons; without an organisation, nothing.
        return Guid.TryParse(caller.OrganisationId, out var own) ? own : Guid.Empty;
    }

    private static Dictionary<string, string[]> CheckScope(ref string? scope)
    {
        var errors = new Dictionary<string, string[]>();
        scope = string.IsNullOrWhiteSpace(scope) ? null : scope.Trim();
        if (scope is not null && !JurisdictionCode.IsWellFormed(scope))
        {
            errors["scope"] = ["Not a jurisdiction code."];
        }
        return errors;
    }

    private static async Task<Dictionary<Guid, string?>> NamesAsync(GongzhiDbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Set<Organisation>().AsNoTracking().Where(o => wanted.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => (string?)o.Name, cancellationToken);
    }

    private static WhistleResponse Response(Whistle w, IReadOnlyDictionary<Guid, string?> names) => new(w.Id, w.CaseId, w.CaseReference,
        w.JurisdictionCode, w.BlownBy, w.BlownAt, w.Reason, w.ReportInMinutes, w.DueAt,
        w.Summons.OrderBy(s => s.Id).Select(s => Response(s, names.GetValueOrDefault(s.OrganisationId))).ToList());

    private static SummonsResponse Response(WhistleSummons s, string? name) => new(s.Id, s.OrganisationId, name, s.DueAt, s.ReportedInAt,
        s.ReportedInBy, s.Note, s.Late, s.Missed, s.MissedAt);
}
