using Gongzhi.Modules.Services.Queue;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Appointments;

/// <summary>The slots a centre offers (public), a resident's bookings and a centre's bookings for its clerks.</summary>
public sealed class AppointmentQueries(GongzhiDbContext db, QueueService queue, TimeProvider clock)
{
    public const int MaxDays = 31;

    /// <summary>The centre's slots that have not ended, the next <paramref name="days"/> days.</summary>
    public async Task<IReadOnlyList<SlotResponse>> SlotsAsync(string centre, int days, CancellationToken cancellationToken)
    {
        await queue.EnsureCentreAsync(Caller.System, centre, cancellationToken);
        var now = clock.GetUtcNow();
        var until = now.AddDays(Math.Clamp(days, 1, MaxDays));
        // Public: times and free places are what a resident needs to book anywhere.
        var slots = await db.Set<AppointmentSlot>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.JurisdictionCode == centre && s.EndsAt > now && s.StartsAt < until).OrderBy(s => s.StartsAt).ThenBy(s => s.Prefix)
            .ToListAsync(cancellationToken);
        return slots.Select(SlotResponse.From).ToList();
    }

    public async Task<IReadOnlyList<AppointmentResponse>> MineAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } me)
        {
            return [];
        }
        var since = clock.GetUtcNow().AddDays(-1);
        // Own bookings at any centre.
        var mine = await db.Set<Appointment>().IgnoreQueryFilters().AsNoTracking().Where(a => a.ResidentUserId == me && a.EndsAt > since)
            .OrderBy(a => a.StartsAt).ToListAsync(cancellationToken);
        return mine.Select(a => AppointmentResponse.From(a, true)).ToList();
    }

    /// <summary>The centre's bookings that hold, from an hour ago on, for its clerks.</summary>
    public async Task<IReadOnlyList<AppointmentResponse>> CentreAsync(Caller caller, string centre, CancellationToken cancellationToken)
    {
        await queue.EnsureCentreAsync(caller, centre, cancellationToken);
        if (!QueueRules.MayWork(caller, centre))
        {
            throw new ActionForbiddenException();
        }
        var since = clock.GetUtcNow().AddHours(-1);
        db.Caller = caller;
        var list = await db.Set<Appointment>().AsNoTracking()
            .Where(a => a.JurisdictionCode == centre && a.State != AppointmentState.Cancelled && a.EndsAt > since)
            .OrderBy(a => a.StartsAt).Take(500).ToListAsync(cancellationToken);
        return list.Select(a => AppointmentResponse.From(a, false)).ToList();
    }
}
