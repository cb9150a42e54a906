using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Notifications;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Observability;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Cases.Reminders;

/// <summary>What one scan did; <paramref name="Flagged"/> counts what the modules' <see cref="IDeadlineCheck"/>s flagged (e.g. missed report-ins).</summary>
public sealed record DeadlineScan(int MarkedOverdue, int Reminded, int Flagged);

/// <summary>
/// Watches the deadlines of open cases: marks a case overdue once its current step's deadline has passed
/// and sends the 督办 notice, sends a 催办 reminder when the end of a step draws near, and runs the checks other
/// modules register for work around cases (<see cref="IDeadlineCheck"/>, e.g. summons nobody reported in to).
/// <para>
/// Several application nodes run this service against one database, and a node may restart in the middle
/// of a scan, so every notice is claimed in the database in the same transaction that records it; whoever
/// loses a claim writes nothing. For the overdue mark the claim is the case's own optimistic-concurrency
/// check: the node loads the case, lets <see cref="Case.MarkOverdue"/> decide, and saves with
/// <c>UPDATE cases … WHERE id = @id AND version = @seen</c>; a second node (or a person acting on the
/// case meanwhile) makes that update touch no row, EF raises a concurrency error and the whole
/// transaction, timeline line and notifications included, is rolled back. This works the same on SQLite
/// and PostgreSQL, keeps the rule on the entity, and needs no lock held across the scan, unlike
/// <c>FOR UPDATE SKIP LOCKED</c>, which SQLite does not have. Reminders leave the case untouched and
/// are claimed by a unique key instead (<see cref="DeadlineNotice"/>).
/// </para>
/// </summary>
public sealed class DeadlineMonitor(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    WorkingCalendar calendar,
    LivePublisher live,
    IOptions<DeadlineOptions> options,
    IEnumerable<IDeadlineCheck> checks,
    ILogger<DeadlineMonitor> logger) : BackgroundService
{
    public const string OverdueNotification = "case.overdue";
    public const string ReminderNotification = "case.reminder";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(TimeSpan.FromSeconds(options.Value.DeadlineScanSeconds), clock, logger, "The deadline scan", RunOnceAsync, stoppingToken);

    /// <summary>One scan at <paramref name="now"/>: overdue marks, reminders, the registered checks.</summary>
    public async Task<DeadlineScan> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var overdue = await MarkOverdueAsync(now, cancellationToken);
        var reminded = await RemindAsync(now, cancellationToken);
        var flagged = 0;
        foreach (var check in checks)
        {
            flagged += await check.RunAsync(now, cancellationToken);
        }
        GongzhiMetrics.DeadlineScan(overdue, reminded, flagged);
        if (overdue + reminded + flagged > 0)
        {
            logger.LogInformation("Deadline scan: {Overdue} overdue, {Reminded} reminded, {Flagged} flagged by checks", overdue, reminded, flagged);
        }
        return new DeadlineScan(overdue, reminded, flagged);
    }

    private async Task<int> MarkOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = SystemDb(scope);
            due = await db.Set<Case>().AsNoTracking()
                .Where(c => CaseStates.Open.Contains(c.State) && !c.Overdue && c.Deadline != null && c.Deadline <= now)
                .OrderBy(c => c.Deadline).Select(c => c.Id).Take(options.Value.DeadlineScanBatch).ToListAsync(cancellationToken);
        }
        var marked = 0;
        foreach (var id in due)
        {
            if (await ClaimOverdueAsync(id, now, cancellationToken))
            {
                marked++;
            }
        }
        return marked;
    }

    private async Task<bool> ClaimOverdueAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A scope per claim: a lost claim leaves unsent notifications in its Notifier, which must not ride on a later save.
        await using var scope = scopes.CreateAsyncScope();
        var db = SystemDb(scope);
        var c = await db.Set<Case>().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return false;
        }
        var step = c.DeadlineStep;
        var deadline = c.Deadline;
        if (!c.MarkOverdue(now))
        {
            return false;
        }
        var recipients = await CaseRecipients.DispatchersCoveringAsync(db, c.JurisdictionCode, cancellationToken);
        if (c.LeadOrganisationId is { } lead)
        {
            recipients.AddRange(await CaseRecipients.StaffOfAsync(db, [lead], cancellationToken));
        }
        scope.ServiceProvider.GetRequiredService<Notifier>().Notify(recipients, OverdueNotification,
            $"督办：案件 {c.Reference} {StepZh(step)}已超期 / Overdue: {c.Reference}",
            $"{c.Title}。{StepZh(step)}时限 {Local(deadline)} 已过，请立即办理。", CaseLink(c), outboundToo: true);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node marked it first, or someone acted on the case meanwhile: the next scan looks again.
            return false;
        }
        await PublishAsync(c, now, cancellationToken);
        return true;
    }

    /// <summary>
    /// 催办 rule: when the working time left before the current deadline falls to (1 − ReminderShare) of the
    /// category's limit for the step and urgency, i.e. at 80% of the step's standard working time by default,
    /// the people who must act next are reminded, once per deadline. A deadline moved by an extension gets
    /// its own reminder; a deadline that was already that close when it was set gets its reminder at once.
    /// </summary>
    private async Task<int> RemindAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var share = options.Value.ReminderShare;
        if (share is <= 0 or >= 1 || double.IsNaN(share))
        {
            return 0;
        }
        var batch = options.Value.DeadlineScanBatch;
        var due = new List<ReminderCandidate>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = SystemDb(scope);
            var limits = await db.Set<CaseCategory>().AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Limits, cancellationToken);
            var longestLead = limits.Values
                .SelectMany(l => Enum.GetValues<CaseStep>().SelectMany(s => Enum.GetValues<CaseUrgency>().Select(u => l.WorkingHours(s, u))))
                .DefaultIfEmpty(0).Max() * (1 - share);
            // Deadlines lie in working time, so none that is due for a reminder lies beyond this; the exact test follows per case.
            var horizon = calendar.AddWorkingHours(now, longestLead);
            bool IsDue(ReminderCandidate c) => limits.TryGetValue(c.Category, out var limit)
                // Within a second: working time counted in fractional hours is not exact to the tick.
                && calendar.WorkingTimeBetween(now, c.Deadline) - TimeSpan.FromHours(limit.WorkingHours(c.Step, c.Urgency) * (1 - share))
                    < TimeSpan.FromSeconds(1);
            // Only due cases fill the batch: a case whose deadline is near but whose category leaves more time before its
            // reminder must not keep a later case that is due from its turn.
            var after = now;
            while (due.Count < batch)
            {
                var (page, more) = await NearingDeadlineAsync(db, after, horizon, batch, cancellationToken);
                due.AddRange((await NotYetRemindedAsync(db, page, cancellationToken)).Where(IsDue));
                if (!more)
                {
                    break;
                }
                after = page[^1].Deadline;
            }
        }
        var reminded = 0;
        foreach (var c in due.Take(batch))
        {
            if (await ClaimReminderAsync(c.Id, c.Step, c.Deadline, now, cancellationToken))
            {
                reminded++;
            }
        }
        return reminded;
    }

    private sealed record ReminderCandidate(Guid Id, string Category, CaseStep Step, CaseUrgency Urgency, DateTimeOffset Deadline);

    /// <summary>
    /// About <paramref name="take"/> open cases whose deadline falls in (<paramref name="after"/>, <paramref name="horizon"/>],
    /// by deadline; <c>more</c> when there may be others after the last. The reminders already sent are sorted out by
    /// <see cref="NotYetRemindedAsync"/> in a second query, not by a NOT EXISTS here: PostgreSQL's statistics put nearly all
    /// deadlines in the past, so it expected a handful of cases where a city has thousands, and compared each with every
    /// notice (1.1 s a scan at 25 million cases and 4,000 notices).
    /// </summary>
    /// <remarks>
    /// The pages are ordered by the deadline alone, the order of the index on (overdue, deadline), so PostgreSQL stops
    /// after one page: with a second sort key, and expecting one case, it sorted the rest of the horizon for every page
    /// (110 ms a page). A page that ends inside a group of cases due at one instant is completed with the whole group,
    /// read by its instant, so the next page starts after it.
    /// </remarks>
    private static async Task<(List<ReminderCandidate> Page, bool More)> NearingDeadlineAsync(GongzhiDbContext db, DateTimeOffset after,
        DateTimeOffset horizon, int take, CancellationToken cancellationToken)
    {
        var nearing = db.Set<Case>().AsNoTracking()
            .Where(c => CaseStates.Open.Contains(c.State) && !c.Overdue && c.Deadline != null && c.DeadlineStep != null && c.Deadline <= horizon);
        var page = await ReadAsync(nearing.Where(c => c.Deadline > after).OrderBy(c => c.Deadline).Take(take));
        if (page.Count < take)
        {
            return (page, false);
        }
        var boundary = page[^1].Deadline;
        return ([.. page.Where(c => c.Deadline < boundary), .. await ReadAsync(nearing.Where(c => c.Deadline == boundary))], true);

        async Task<List<ReminderCandidate>> ReadAsync(IQueryable<Case> cases) =>
            (await cases.Select(c => new { c.Id, c.CategoryCode, c.DeadlineStep, c.Urgency, c.Deadline }).ToListAsync(cancellationToken))
            .Select(r => new ReminderCandidate(r.Id, r.CategoryCode, r.DeadlineStep!.Value, r.Urgency, r.Deadline!.Value)).ToList();
    }

    private static async Task<IEnumerable<ReminderCandidate>> NotYetRemindedAsync(GongzhiDbContext db, List<ReminderCandidate> page,
        CancellationToken cancellationToken)
    {
        var ids = page.Select(c => c.Id).ToList();
        var sent = (await db.Set<DeadlineNotice>().AsNoTracking()
            .Where(n => ids.Contains(n.CaseId) && n.Kind == DeadlineNoticeKind.Reminder)
            .Select(n => new { n.CaseId, n.Step, n.Deadline }).ToListAsync(cancellationToken))
            .Select(n => (n.CaseId, n.Step, n.Deadline)).ToHashSet();
        return page.Where(c => !sent.Contains((c.Id, c.Step, c.Deadline)));
    }

    private async Task<bool> ClaimReminderAsync(Guid id, CaseStep step, DateTimeOffset deadline, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = SystemDb(scope);
        var c = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null || !c.IsOpen || c.Overdue || c.DeadlineStep != step || c.Deadline != deadline)
        {
            return false;
        }
        db.Add(DeadlineNotice.For(c, DeadlineNoticeKind.Reminder, now));
        // The organisation holds the case while it is to be accepted or handled; otherwise the street dispatches or verifies.
        var recipients = step is CaseStep.Accept or CaseStep.Resolve && c.LeadOrganisationId is { } lead
            ? await CaseRecipients.StaffOfAsync(db, [lead], cancellationToken)
            : await CaseRecipients.DispatchersCoveringAsync(db, c.JurisdictionCode, cancellationToken);
        scope.ServiceProvider.GetRequiredService<Notifier>().Notify(recipients, ReminderNotification,
            $"催办：案件 {c.Reference} {StepZh(step)}即将到期 / Reminder: {c.Reference} is due soon",
            $"{c.Title}。{StepZh(step)}时限 {Local(deadline)}，请抓紧办理。", CaseLink(c), outboundToo: true);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node sent it first: its unique key row made this insert fail, and our notifications went with it.
            if (await ReminderSentAsync(id, step, deadline, cancellationToken))
            {
                return false;
            }
            throw;
        }
    }

    private async Task<bool> ReminderSentAsync(Guid id, CaseStep step, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await SystemDb(scope).Set<DeadlineNotice>().AnyAsync(
            n => n.CaseId == id && n.Step == step && n.Deadline == deadline && n.Kind == DeadlineNoticeKind.Reminder, cancellationToken);
    }

    private Task PublishAsync(Case c, DateTimeOffset now, CancellationToken cancellationToken) =>
        live.PublishAsync(new LiveEvent("case", c.Id.ToString(), c.JurisdictionCode, now), cancellationToken);

    private static GongzhiDbContext SystemDb(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        return db;
    }

    private static string CaseLink(Case c) => $"/cases/{c.Id}";

    private string Local(DateTimeOffset? moment) => moment is { } m
        ? TimeZoneInfo.ConvertTime(m, calendar.TimeZone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)
        : "";

    internal static string StepZh(CaseStep? step) => step switch
    {
        CaseStep.Register => "立案",
        CaseStep.Dispatch => "派遣",
        CaseStep.Accept => "签收",
        CaseStep.Resolve => "处置",
        CaseStep.Verify => "核查",
        _ => "",
    };
}
