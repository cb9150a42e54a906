using Gongzhi.Modules.Insights;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Conferences.Indicators;

/// <summary>
/// The joint-conference indicators of one area and period (docs/indicators.md, "Joint conferences"); each a
/// numerator over a denominator so that a reader can check it and areas can be summed.
/// </summary>
/// <param name="MeetingsHeld">Planned meetings held (closed with minutes) / planned meetings due in the period.</param>
/// <param name="ResolutionCompletion">Resolutions done / resolutions adopted in the period.</param>
/// <param name="OnTimeTasks">Tasks finished by their deadline / tasks due in the period.</param>
/// <param name="DirectiveCoverage">Nodes that reported a directive done / nodes a directive with a deadline in the period went to.</param>
/// <param name="DirectiveLateness">Nodes late with a directive / nodes whose directive deadline in the period has passed.</param>
public sealed record ConferenceIndicatorSet(long AdHocMeetingsHeld, Ratio MeetingsHeld, Ratio ResolutionCompletion, Ratio OnTimeTasks,
    Ratio DirectiveCoverage, Ratio DirectiveLateness)
{
    public static readonly IReadOnlyList<string> RatioKeys =
        [nameof(MeetingsHeld), nameof(ResolutionCompletion), nameof(OnTimeTasks), nameof(DirectiveCoverage), nameof(DirectiveLateness)];

    public IEnumerable<Ratio> Ratios => [MeetingsHeld, ResolutionCompletion, OnTimeTasks, DirectiveCoverage, DirectiveLateness];
}

public sealed record ConferenceLevelRow(JurisdictionLevel Level, ConferenceIndicatorSet Indicators);

public sealed record ConferenceIndicatorsResponse(string Scope, DateOnly From, DateOnly To, ConferenceIndicatorSet Indicators,
    IReadOnlyList<ConferenceLevelRow> ByLevel);

/// <summary>
/// Computes <see cref="ConferenceIndicatorSet"/>. Every record counts at its own node: meetings and resolutions at
/// their body's, tasks at their owner's node inside the body (else the body's), directive assignments at the node
/// that must carry them out. The level breakdown uses the same node.
/// </summary>
public sealed class ConferenceIndicatorService(GongzhiDbContext db, TimeProvider clock)
{
    private sealed record Row(string Code, bool Hit, bool InDenominator = true);

    public async Task<ConferenceIndicatorsResponse> ComputeAsync(IndicatorFilter filter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (from, to) = (filter.FromInstant, filter.ToInstant);
        var prefix = filter.QueryPrefix;

        var meetings = await db.Set<Meeting>().AsNoTracking()
            .Where(m => m.JurisdictionCode.StartsWith(prefix) && m.ScheduledAt >= from && m.ScheduledAt < to && m.ScheduledAt <= now)
            .Select(m => new { m.JurisdictionCode, m.Kind, m.State }).ToListAsync(cancellationToken);
        var resolutions = await db.Set<Resolution>().AsNoTracking()
            .Where(r => r.JurisdictionCode.StartsWith(prefix) && r.CreatedAt >= from && r.CreatedAt < to)
            .Select(r => new { r.JurisdictionCode, r.State }).ToListAsync(cancellationToken);
        // A task with sub-tasks is finished by them; only the leaves are counted, so no work is counted twice.
        var tasks = await db.Set<ConferenceTask>().AsNoTracking()
            .Where(t => t.JurisdictionCode.StartsWith(prefix) && t.Deadline >= from && t.Deadline < to && t.Deadline <= now)
            .Where(t => !db.Set<ConferenceTask>().IgnoreQueryFilters().Any(c => c.ParentTaskId == t.Id))
            .Select(t => new { t.JurisdictionCode, t.CompletedAt, t.Deadline }).ToListAsync(cancellationToken);
        var assignments = await db.Set<DirectiveAssignment>().AsNoTracking()
            .Where(a => a.JurisdictionCode.StartsWith(prefix) && a.Deadline >= from && a.Deadline < to)
            .Select(a => new { a.JurisdictionCode, a.Execution, a.DoneAt, a.Deadline }).ToListAsync(cancellationToken);

        var adHoc = meetings.Where(m => m.Kind == MeetingKind.AdHoc && m.State == MeetingState.Closed).Select(m => new Row(m.JurisdictionCode, true)).ToList();
        var held = meetings.Where(m => m.Kind == MeetingKind.Planned).Select(m => new Row(m.JurisdictionCode, m.State == MeetingState.Closed)).ToList();
        var completion = resolutions.Select(r => new Row(r.JurisdictionCode, r.State == ResolutionState.Done)).ToList();
        var onTime = tasks.Select(t => new Row(t.JurisdictionCode, t.CompletedAt is { } done && done <= t.Deadline)).ToList();
        var coverage = assignments.Select(a => new Row(a.JurisdictionCode, a.Execution == ExecutionStatus.Done)).ToList();
        var lateness = assignments.Select(a => new Row(a.JurisdictionCode, a.DoneAt is { } d ? d > a.Deadline : now > a.Deadline,
            a.Deadline <= now)).ToList();

        ConferenceIndicatorSet Set(Func<string, bool> include) => new(
            adHoc.Count(r => include(r.Code)),
            RatioOf(held, include), RatioOf(completion, include), RatioOf(onTime, include), RatioOf(coverage, include), RatioOf(lateness, include));

        var levels = Enum.GetValues<JurisdictionLevel>().Where(l => l >= JurisdictionCode.LevelOf(filter.Scope) && l != JurisdictionLevel.City)
            .Select(l => new ConferenceLevelRow(l, Set(code => JurisdictionCode.LevelOf(code) == l))).ToList();
        return new ConferenceIndicatorsResponse(filter.Scope, filter.From, filter.To, Set(_ => true), levels);
    }

    private static Ratio RatioOf(List<Row> rows, Func<string, bool> include)
    {
        var counted = rows.Where(r => r.InDenominator && include(r.Code)).ToList();
        return new Ratio(counted.Count(r => r.Hit), counted.Count);
    }
}

internal static class ConferenceIndicatorsApi
{
    public static void MapConferenceIndicatorsApi(this RouteGroupBuilder group) => group.MapGet("/indicators", GetAsync);

    /// <summary>The indicators of <c>scope</c> (default: the caller's node) for [from, to), Wuhan days, as on the dashboard.</summary>
    internal static async Task<Results<Ok<ConferenceIndicatorsResponse>, ValidationProblem, ForbidHttpResult>> GetAsync(string? scope, string? from,
        string? to, GongzhiDbContext db, ConferenceIndicatorService service, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = IndicatorFilter.Parse(scope, from, to, null, null, db.Caller, clock, errors);
        if (filter is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!db.Caller.Covers(filter.Scope))
        {
            return TypedResults.Forbid();
        }
        return TypedResults.Ok(await service.ComputeAsync(filter, cancellationToken));
    }
}
