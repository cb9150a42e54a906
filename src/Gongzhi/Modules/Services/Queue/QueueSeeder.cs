using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Modules.Services.Appointments;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Queue;

/// <summary>
/// In demo mode, the windows of the 民族街 and 花楼街 centres: three item groups each, and appointment slots on the next
/// working days for social security. Runs at every start and adds only what is missing.
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
        await db.SaveChangesAsync(cancellationToken);
        context.Log.LogInformation("Seeded {Groups} queue groups and {Slots} appointment slots", added.Count, slots);
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
