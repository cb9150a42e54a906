using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Modules.Services.Appointments;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Queue;

/// <summary>
/// In demo mode, the windows of the 民族街 and 花楼街 centres: three item groups each, appointment slots on the next
/// working days for social security, and a morning's tickets at 花楼街 (served, one missed, one at a window, a few
/// waiting) so that the hall display and the windows show a day in progress. Runs at every start and adds only what is
/// missing: the day's tickets only while the centre has handed out none that day.
/// </summary>
internal sealed class QueueSeeder(WorkingCalendar calendar, TimeProvider clock) : ISeeder
{
    private static readonly string[] Centres = ["420103001", "420103002"];

    private static readonly (string Prefix, string Name, string[] Items)[] Groups =
    [
        ("A", "社保医保", ["RS-YL-01", "RS-YL-02", "YB-BX-02", "RS-JY-01", "RS-JY-02", "RS-JY-04", "RS-JY-06"]),
        ("B", "民政救助", ["MZ-DB-01", "MZ-DB-02", "MZ-LS-01", "MZ-GL-01", "MZ-YL-01", "CL-BT-01", "CL-BT-02"]),
        ("C", "综合受理", ["GA-JZZ-01", "GA-HJ-02", "WJ-DS-01", "WJ-DS-02", "ZJ-ZF-01"]),
    ];

    private static readonly TimeOnly[] SlotTimes = [new(9, 0), new(9, 30), new(10, 0), new(10, 30), new(14, 30), new(15, 0)];

    /// <summary>The demo day at 花楼街: group, minutes before start-up it was taken, window, and how it ended (null: still waiting).</summary>
    private static readonly (string Prefix, int TakenAgo, int Window, TicketState? End)[] DemoDay =
    [
        ("A", 118, 1, TicketState.Served), ("A", 110, 2, TicketState.Served), ("B", 105, 3, TicketState.Served),
        ("A", 96, 1, TicketState.NoShow), ("C", 90, 4, TicketState.Served), ("A", 80, 2, TicketState.Served),
        ("B", 70, 3, TicketState.Served), ("A", 55, 1, TicketState.Served), ("B", 40, 3, TicketState.Served),
        ("C", 30, 4, TicketState.Served), ("A", 20, 1, TicketState.Called), ("B", 12, 0, null), ("A", 8, 0, null), ("C", 3, 0, null),
    ];

    public int Order => 66;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        if (!context.Demo)
        {
            return;
        }
        var existing = await db.Set<QueueGroup>().AsNoTracking().Where(g => Centres.Contains(g.JurisdictionCode)).ToListAsync(cancellationToken);
        var added = new List<QueueGroup>();
        foreach (var centre in Centres)
        {
            foreach (var (prefix, name, items) in Groups)
            {
                if (!existing.Any(g => g.JurisdictionCode == centre && g.Prefix == prefix))
                {
                    added.Add(QueueGroup.Create(centre, prefix, name, items));
                }
            }
        }
        db.AddRange(added);
        var slots = await SlotsAsync(db, existing.Concat(added).Where(g => g.Prefix == "A").ToList(), cancellationToken);
        var tickets = await TicketsAsync(db, existing.Concat(added).Where(g => g.JurisdictionCode == Centres[1]).ToList(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        context.Log.LogInformation("Seeded {Groups} queue groups, {Slots} appointment slots and {Tickets} tickets", added.Count, slots, tickets);
    }

    /// <summary>
    /// Today's tickets at the second centre (the journeys queue at the first), numbered through the counter as real takes are, so that the next take follows on.
    /// </summary>
    private async Task<int> TicketsAsync(GongzhiDbContext db, List<QueueGroup> groups, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var day = ServiceDays.Today(calendar, now);
        var key = day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var centre = Centres[1];
        if (await db.Set<QueueCounter>().AnyAsync(c => c.JurisdictionCode == centre && c.Day == key, cancellationToken))
        {
            return 0;
        }
        var numbers = new Dictionary<string, int>();
        foreach (var (prefix, takenAgo, window, end) in DemoDay)
        {
            var group = groups.Single(g => g.Prefix == prefix);
            numbers[prefix] = numbers.GetValueOrDefault(prefix) + 1;
            var taken = now.AddMinutes(-takenAgo);
            var ticket = QueueTicket.Take(group, day, numbers[prefix], false, null, null, null, null, taken);
            if (end is not null)
            {
                var called = taken.AddMinutes(3 + takenAgo % 7);
                ticket.Call(window, "street." + centre, called);
                if (end == TicketState.Served)
                {
                    ticket.Serve(called.AddMinutes(4 + takenAgo % 5));
                }
                else if (end == TicketState.NoShow)
                {
                    ticket.MarkNoShow(called.AddMinutes(2));
                }
            }
            db.Add(ticket);
        }
        db.AddRange(numbers.Select(n => new QueueCounter { JurisdictionCode = centre, Prefix = n.Key, Day = key, Last = n.Value }));
        return DemoDay.Length;
    }

    /// <summary>Slots on the next three working days for a centre that has none ahead.</summary>
    private async Task<int> SlotsAsync(GongzhiDbContext db, List<QueueGroup> groups, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var count = 0;
        foreach (var group in groups)
        {
            if (await db.Set<AppointmentSlot>().AnyAsync(s => s.GroupId == group.Id && s.StartsAt > now, cancellationToken))
            {
                continue;
            }
            var day = ServiceDays.Today(calendar, now);
            for (var days = 0; days < 3; days++)
            {
                day = ServiceDays.AddWorkingDays(calendar, day, 1);
                foreach (var time in SlotTimes)
                {
                    var local = day.ToDateTime(time);
                    var starts = new DateTimeOffset(local, calendar.TimeZone.GetUtcOffset(local));
                    db.Add(AppointmentSlot.Open(group, starts, 30, 4, now));
                    count++;
                }
            }
        }
        return count;
    }
}
