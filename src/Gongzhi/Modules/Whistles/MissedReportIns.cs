using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Notifications;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Whistles;

/// <summary>
/// Flags summons whose time ran out without a report-in, once each, on every pass of the cases' deadline scan
/// (registered as an <see cref="IDeadlineCheck"/>).
/// The claim is the summons' optimistic-concurrency check (<c>UPDATE whistle_summons … WHERE version =
/// @seen</c>): of two nodes, or of the timer and a department reporting in at that moment, one write
/// wins and the other is rolled back with its timeline line and notifications.
/// </summary>
internal sealed class MissedReportIns(IServiceScopeFactory scopes) : IDeadlineCheck
{
    public const string Notification = "whistle.missed";

    private const int BatchSize = 500;

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = SystemDb(scope);
            due = await db.Set<WhistleSummons>().AsNoTracking()
                .Where(s => !s.Missed && s.ReportedInAt == null && s.DueAt <= now)
                .OrderBy(s => s.DueAt).Select(s => s.Id).Take(BatchSize).ToListAsync(cancellationToken);
        }
        var flagged = 0;
        foreach (var id in due)
        {
            if (await ClaimAsync(id, now, cancellationToken))
            {
                flagged++;
            }
        }
        return flagged;
    }

    private async Task<bool> ClaimAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = SystemDb(scope);
        var summons = await db.Set<WhistleSummons>().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (summons is null)
        {
            return false;
        }
        var whistle = await db.Set<Whistle>().AsNoTracking().FirstAsync(w => w.Id == summons.WhistleId, cancellationToken);
        if (await db.FindCaseAsync(Caller.System, summons.CaseId, cancellationToken) is not { } c || !summons.FlagMissed(c, now))
        {
            return false;
        }
        var department = await CaseRecipients.StaffOfAsync(db, [summons.OrganisationId], cancellationToken);
        var street = await CaseRecipients.DispatchersCoveringAsync(db, whistle.JurisdictionCode, cancellationToken);
        if (whistle.BlownByUserId is { } blower)
        {
            street.Add(blower);
        }
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var link = $"/cases/{whistle.CaseId}";
        notifier.Notify(department, Notification, $"未按时报到：案件 {whistle.CaseReference} / Missed report-in: {whistle.CaseReference}",
            $"本单位未在 {whistle.ReportInMinutes} 分钟内报到，已记录。", link, outboundToo: true);
        notifier.Notify(street.Except(department), Notification,
            $"有单位未按时报到：案件 {whistle.CaseReference} / A department missed its report-in: {whistle.CaseReference}",
            $"吹哨事由：{whistle.Reason}", link, outboundToo: true);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private static GongzhiDbContext SystemDb(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        return db;
    }
}
