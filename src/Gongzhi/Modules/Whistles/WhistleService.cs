using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Whistles;

public sealed record BlowWhistleRequest(IReadOnlyList<Guid>? OrganisationIds, string? Reason);

public sealed record ReportInRequest(string? Note);

/// <param name="ReportedInBy">The account that reported in: for the parties only (null for others).</param>
/// <param name="Note">For the parties only.</param>
public sealed record SummonsResponse(Guid Id, Guid OrganisationId, string? OrganisationName, DateTimeOffset DueAt, DateTimeOffset? ReportedInAt,
    string? ReportedInBy, string? Note, bool Late, bool Missed, DateTimeOffset? MissedAt);

/// <param name="BlownBy">The account that blew the whistle: for the parties only (null for others).</param>
/// <param name="Reason">For the parties only (null for others).</param>
/// <param name="Summons">For the parties only (empty for others).</param>
/// <param name="Restricted">True when the caller is not a party and sees only that the whistle exists.</param>
public sealed record WhistleResponse(Guid Id, Guid CaseId, string CaseReference, string JurisdictionCode, string? BlownBy, DateTimeOffset BlownAt,
    string? Reason, int ReportInMinutes, DateTimeOffset DueAt, IReadOnlyList<SummonsResponse> Summons, bool Restricted = false);

public sealed record WhistlePage(IReadOnlyList<WhistleResponse> Items, int Total, int Skip, int Take);

public sealed record MissedCount(Guid OrganisationId, string? OrganisationName, int Summoned, int ReportedIn, int Late, int Missed);

/// <summary>A summons still waiting for the caller's organisation to report in, as the queue lists it.</summary>
public sealed record PendingSummons(Guid WhistleId, Guid CaseId, string CaseReference, string Reason, string BlownBy, DateTimeOffset DueAt, bool Missed);

/// <summary>
/// 吹哨报到: a street blows the whistle on a case of its own; a summoned organisation's staff report in; streets,
/// supervisors and the summoned departments read the whistles and the missed counts. Writes run through
/// <see cref="RecordActions"/> as the explicit caller; the API and the pages call this service.
/// </summary>
internal sealed class WhistleService(GongzhiDbContext db, RecordActions actions, WhistleRules rules, Notifier notifier, LivePublisher live,
    TimeProvider clock, IOptions<WhistleOptions> options)
{
    public const string SummonedNotification = "whistle.summoned";
    public const string ReportedInNotification = "whistle.reported-in";

    public int ReportInMinutes => options.Value.WhistleReportInMinutes;

    public async Task<WhistleResponse> BlowAsync(Caller caller, Guid caseId, BlowWhistleRequest request, CancellationToken cancellationToken)
    {
        // The scope filter hides cases outside the caller's jurisdiction: another street's case does not exist for them.
        var c = await db.FindCaseAsync(caller, caseId, cancellationToken) ?? throw new RecordNotFoundException(WhistlesText.Get("NotFound"));
        if (!WhistleRules.MayBlow(caller, c.JurisdictionCode))
        {
            throw new ActionForbiddenException(WhistlesText.Get("Forbidden.Blow"));
        }
        var requested = (request.OrganisationIds ?? []).Distinct().ToList();
        var errors = new Dictionary<string, string[]>();
        if (requested.Count is 0 or > Whistle.MaxSummoned)
        {
            errors["organisationIds"] = [WhistlesText.Format("Invalid.Organisations", Whistle.MaxSummoned)];
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = [WhistlesText.Get("Invalid.Reason")];
        }
        var known = await db.ReadAsAsync(caller, () => db.ActiveNamesAsync(requested, cancellationToken));
        var unknown = requested.Where(o => !known.ContainsKey(o)).ToList();
        if (unknown.Count > 0)
        {
            errors["organisationIds"] = [WhistlesText.Format("Invalid.UnknownOrganisation", string.Join(", ", unknown))];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var now = clock.GetUtcNow();
        var whistle = Whistle.Blow(c, CaseActor.From(caller), now, requested, request.Reason!, options.Value.WhistleReportInMinutes);
        var summoned = await CaseRecipients.StaffOfAsync(db, requested, cancellationToken);
        notifier.Notify(summoned, SummonedNotification, $"吹哨：请 {whistle.ReportInMinutes} 分钟内报到（案件 {c.Reference}） / Whistle: report in",
            whistle.Reason, $"/cases/{c.Id}", outboundToo: true);
        await actions.CreateAsync(caller, whistle, WhistleRules.Blow, rules, cancellationToken);
        await live.PublishAsync(new LiveEvent("case", c.Id.ToString(), c.JurisdictionCode, now), cancellationToken);
        return Response(caller, whistle, known.ToDictionary(k => k.Key, k => (string?)k.Value));
    }

    public async Task<SummonsResponse> ReportInAsync(Caller caller, Guid whistleId, ReportInRequest? request, CancellationToken cancellationToken)
    {
        WhistleSummons? summons = null;
        await actions.RunAsync(caller, w => w.Id == whistleId, WhistleRules.ReportIn, null, rules, async w =>
        {
            var c = await db.FindCaseAsync(caller, w.CaseId, cancellationToken) ?? throw new RecordNotFoundException(WhistlesText.Get("NotFound"));
            summons = w.SummonsOf(WhistleRules.OrganisationOf(caller)!.Value)!;
            summons.ReportIn(c, CaseActor.From(caller), clock.GetUtcNow(), request?.Note);
            if (w.BlownByUserId is { } blower)
            {
                notifier.Notify([blower], ReportedInNotification, $"已报到：案件 {w.CaseReference} / Reported in: {w.CaseReference}",
                    summons.Note, $"/cases/{w.CaseId}");
            }
        }, cancellationToken);
        var names = await db.ReadAsAsync(caller, () => db.NamesAsync([summons!.OrganisationId], cancellationToken));
        return Response(true, summons!, names.GetValueOrDefault(summons!.OrganisationId));
    }

    /// <summary>The whistles of a case the caller can see, oldest first; null when the case is not there for the caller.</summary>
    public async Task<IReadOnlyList<WhistleResponse>?> ListForCaseAsync(Caller caller, Guid caseId, CancellationToken cancellationToken)
    {
        if (!await db.CaseExistsAsync(caller, caseId, cancellationToken))
        {
            return null;
        }
        var whistles = await db.ReadAsAsync(caller, () => db.Set<Whistle>().AsNoTracking().Where(w => w.CaseId == caseId)
            .OrderBy(w => w.BlownAt).ToListAsync(cancellationToken));
        var names = await NamesAsync(caller, whistles, cancellationToken);
        return whistles.Select(w => Response(caller, w, names)).ToList();
    }

    /// <summary>
    /// Whistles inside <paramref name="scope"/>, newest first. A department (staff without a street or supervising role)
    /// sees only whistles that summoned it; <paramref name="missed"/> keeps whistles with a missed summons (for a department, its own).
    /// </summary>
    public async Task<WhistlePage> ListAsync(Caller caller, string? scope, Guid? organisation, bool? missed, int? skip, int? take,
        CancellationToken cancellationToken)
    {
        var errors = CheckScope(ref scope);
        if (skip is < 0)
        {
            errors["skip"] = [WhistlesText.Get("Invalid.Skip")];
        }
        if (take is < 1 or > 200)
        {
            errors["take"] = [WhistlesText.Get("Invalid.Take")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        if (scope is not null && !caller.CanSee(scope))
        {
            throw new ActionForbiddenException(WhistlesText.Get("Forbidden.Scope"));
        }
        if (WhistleRules.OwnOrganisationOnly(caller) is { } own)
        {
            if (organisation is not null && organisation != own)
            {
                throw new ActionForbiddenException(WhistlesText.Get("Forbidden.Organisation"));
            }
            organisation = own;
        }
        return await db.ReadAsAsync(caller, async () =>
        {
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
            var items = await query.OrderByDescending(w => w.BlownAt).ThenByDescending(w => w.Id).Skip(from).Take(size).ToListAsync(cancellationToken);
            var names = await NamesAsync(caller, items, cancellationToken);
            return new WhistlePage(items.Select(w => Response(caller, w, names)).ToList(), total, from, size);
        });
    }

    /// <summary>Per summoned organisation: summons, report-ins, late ones and misses, for whistles blown in [from, to) inside scope.</summary>
    public async Task<IReadOnlyList<MissedCount>> MissedCountsAsync(Caller caller, string? scope, DateTimeOffset? from, DateTimeOffset? to,
        CancellationToken cancellationToken)
    {
        var errors = CheckScope(ref scope);
        if (from is not null && to is not null && to <= from)
        {
            errors["to"] = [WhistlesText.Get("Invalid.To")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        if (scope is not null && !caller.CanSee(scope))
        {
            throw new ActionForbiddenException(WhistlesText.Get("Forbidden.Scope"));
        }
        return await db.ReadAsAsync(caller, async () =>
        {
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
            if (WhistleRules.OwnOrganisationOnly(caller) is { } own)
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
            var names = await db.NamesAsync(rows.Select(r => r.OrganisationId), cancellationToken);
            return (IReadOnlyList<MissedCount>)rows
                .Select(r => new MissedCount(r.OrganisationId, names.GetValueOrDefault(r.OrganisationId), r.Summoned, r.ReportedIn, r.LateOnes, r.Missed))
                .OrderByDescending(r => r.Missed).ThenBy(r => r.OrganisationName, StringComparer.Ordinal).ToList();
        });
    }

    /// <summary>The summons the caller's organisation has not reported in to yet, soonest due first (a department reports in from its queue).</summary>
    public async Task<IReadOnlyList<PendingSummons>> PendingForAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (WhistleRules.OrganisationOf(caller) is not { } organisation)
        {
            return [];
        }
        var pending = await db.ReadAsAsync(caller, () => db.Set<Whistle>().AsNoTracking()
            .Where(w => w.Summons.Any(s => s.OrganisationId == organisation && s.ReportedInAt == null))
            .OrderBy(w => w.DueAt).Take(50).ToListAsync(cancellationToken));
        return pending.Select(w => (w, s: w.Summons.First(s => s.OrganisationId == organisation && s.ReportedInAt == null)))
            .Select(x => new PendingSummons(x.w.Id, x.w.CaseId, x.w.CaseReference, x.w.Reason, x.w.BlownBy, x.s.DueAt, x.s.Missed)).ToList();
    }

    /// <summary>Departments a street may summon, for the case page's form.</summary>
    public Task<List<OrganisationChoice>> SummonableAsync(Caller caller, CancellationToken cancellationToken) =>
        db.ReadAsAsync(caller, () => db.ActiveOfKindAsync(OrganisationKind.Department, cancellationToken));


    private Task<Dictionary<Guid, string?>> NamesAsync(Caller caller, IEnumerable<Whistle> whistles, CancellationToken cancellationToken) =>
        db.ReadAsAsync(caller, async () => (await db.NamesAsync(whistles.SelectMany(w => w.Summons.Select(s => s.OrganisationId)), cancellationToken))
            .ToDictionary(n => n.Key, n => (string?)n.Value));

    private static Dictionary<string, string[]> CheckScope(ref string? scope)
    {
        var errors = new Dictionary<string, string[]>();
        scope = string.IsNullOrWhiteSpace(scope) ? null : scope.Trim();
        if (scope is not null && !JurisdictionCode.IsWellFormed(scope))
        {
            errors["scope"] = [WhistlesText.Get("Invalid.Scope")];
        }
        return errors;
    }

    /// <summary>The whistle as <paramref name="caller"/> may read it: in full for a party, its bare existence for anyone else.</summary>
    private static WhistleResponse Response(Caller caller, Whistle w, IReadOnlyDictionary<Guid, string?> names)
    {
        if (!WhistleRules.IsParty(caller, w))
        {
            return new(w.Id, w.CaseId, w.CaseReference, w.JurisdictionCode, null, w.BlownAt, null, w.ReportInMinutes, w.DueAt, [], Restricted: true);
        }
        return new(w.Id, w.CaseId, w.CaseReference, w.JurisdictionCode, w.BlownBy, w.BlownAt, w.Reason, w.ReportInMinutes, w.DueAt,
            w.Summons.OrderBy(s => s.Id).Select(s => Response(true, s, names.GetValueOrDefault(s.OrganisationId))).ToList());
    }

    private static SummonsResponse Response(bool party, WhistleSummons s, string? name) => new(s.Id, s.OrganisationId, name, s.DueAt, s.ReportedInAt,
        party ? s.ReportedInBy : null, party ? s.Note : null, s.Late, s.Missed, s.MissedAt);
}
