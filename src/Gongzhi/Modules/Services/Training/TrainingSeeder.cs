using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Training;

/// <summary>
/// In demo mode, once: the city's required courses and one of 民族街's own, sessions held over the last two months with their
/// registers and scores for the demo staff, sessions ahead, and certificates (one lapsed, one about to) — so that compliance
/// has complete and flagged staff to show. Runs after the demo accounts.
/// </summary>
internal sealed class TrainingSeeder(WorkingCalendar calendar, TimeProvider clock) : ISeeder
{
    /// <summary>The street and community staff: district departments keep their own training plans, outside this demo.</summary>
    private static readonly string[] AllStaff = [Roles.GridWorker, Roles.CommunityStaff, Roles.StreetStaff, Roles.StreetDispatcher];

    private static readonly (string Jurisdiction, CourseInput Course)[] Courses =
    [
        (JurisdictionCode.City, new("YWTB-01", "一网通办系统操作", CourseKind.SystemOperation, 8, [Roles.StreetStaff, Roles.CommunityStaff], true, 60, null, null)),
        (JurisdictionCode.City, new("WG-CJ-01", "网格员信息采集规范", CourseKind.PolicyBusiness, 6, [Roles.GridWorker], true, 60, null, null)),
        (JurisdictionCode.City, new("SG-JX-01", "社会工作者继续教育", CourseKind.SocialWork, 24, [Roles.CommunityStaff], true, 60, "社会工作者继续教育合格证明", 12)),
        (JurisdictionCode.City, new("GR-BH-01", "个人信息保护", CourseKind.PolicyBusiness, 4, AllStaff, false, null, null, null)),
        (JurisdictionCode.City, new("RX-12345-01", "12345热线工单处理", CourseKind.SystemOperation, 6, [Roles.StreetDispatcher], true, 70, null, null)),
        ("420103001", new("MZ-FX-01", "防汛应急值守", CourseKind.PolicyBusiness, 3, [Roles.CommunityStaff, Roles.GridWorker], false, null, null, null)),
    ];

    /// <summary>Held sessions: course, organiser, days ago, place, and per demo account its score (-1 attended without one, null absent).</summary>
    private static readonly (string Course, string Organiser, int DaysAgo, string Place, (string Account, int? Score)[] Register)[] Held =
    [
        ("YWTB-01", "420103001", 60, "民族街街道政务服务中心三楼培训室", [("street.420103001", 86), ("community.420103001002", 72)]),
        ("YWTB-01", "420103002", 45, "花楼街街道办事处二楼会议室", [("street.420103002", 74)]),
        ("GR-BH-01", "420103", 30, "江汉区政务服务中心二楼多功能厅",
            [("street.420103001", -1), ("street.420103002", -1), ("community.420103001002", -1), ("grid.420103001002001", -1)]),
        ("WG-CJ-01", "420103001", 20, "民族街街道网格化服务管理中心", [("grid.420103001002001", 81)]),
        ("RX-12345-01", "420103", 15, "江汉区12345热线分中心", [("street.420103001", 78), ("street.420103002", 62)]),
        ("MZ-FX-01", "420103001", 10, "民族街街道应急指挥室", [("community.420103001002", -1), ("grid.420103001002001", -1)]),
    ];

    private static readonly (string Course, string Organiser, int DaysAhead, string Place, int Capacity)[] Ahead =
    [
        ("SG-JX-01", "420103", 10, "江汉区社会工作服务中心", 40),
        ("RX-12345-01", "420103002", 7, "花楼街街道网格中心", 20),
        ("YWTB-01", "420103001", 14, "民族街街道政务服务中心三楼培训室", 2),
    ];

    public int Order => 120;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        if (!context.Demo || await db.Set<TrainingCourse>().AnyAsync(cancellationToken))
        {
            return;
        }
        var names = Held.SelectMany(h => h.Register.Select(r => r.Account)).Append("grid.420103001002001").Distinct().ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!))
            .ToDictionaryAsync(u => u.UserName!, u => (u.Id, u.ScopeCode), cancellationToken);
        var now = clock.GetUtcNow();
        var today = ServiceDays.Today(calendar, now);
        var courses = Courses.Select(c => TrainingCourse.Define(c.Jurisdiction, c.Course)).ToDictionary(c => c.Code);
        db.AddRange(courses.Values);
        var enrolments = 0;
        foreach (var (code, organiser, daysAgo, place, register) in Held)
        {
            var course = courses[code];
            var session = CourseSession.Schedule(course, organiser, new SessionInput(At(today.AddDays(-daysAgo)), 180, place, 40), "", now, past: true);
            db.Add(session);
            foreach (var (account, score) in register.Where(r => accounts.ContainsKey(r.Account)))
            {
                var (id, scope) = accounts[account];
                var enrolment = Enrolment.Enrol(session, id, scope, id, session.StartsAt.AddDays(-7));
                enrolment.RecordAttendance(session, score is not null, now);
                if (score is >= 0)
                {
                    enrolment.RecordAssessment(course, score, session.EndsAt);
                }
                db.Add(enrolment);
                enrolments++;
            }
            // The register was taken on paper: the count is what it holds, set here once rather than place by place.
            db.Entry(session).Property(s => s.Enrolled).CurrentValue = register.Count(r => accounts.ContainsKey(r.Account));
        }
        foreach (var (code, organiser, daysAhead, place, capacity) in Ahead)
        {
            db.Add(CourseSession.Schedule(courses[code], organiser, new SessionInput(At(today.AddDays(daysAhead)), 180, place, capacity), "", now));
        }
        if (accounts.TryGetValue("community.420103001002", out var community))
        {
            // The continuing-education certificate lapsed forty days ago: the community worker is flagged until the next session.
            var issued = today.AddDays(-40).AddMonths(-12).AddDays(1);
            db.Add(TrainingCertificate.Record(community.Id, community.ScopeCode, new CertificateInput("社会工作者继续教育合格证明", "JHSG-JX-2025-0317", issued,
                today.AddDays(-40)), "", today));
            db.Add(TrainingCertificate.Record(community.Id, community.ScopeCode, new CertificateInput("社会工作者职业资格（中级）", "ZJ2021420100318", new DateOnly(2021, 10, 16),
                null), "", today));
        }
        if (accounts.TryGetValue("grid.420103001002001", out var grid))
        {
            // Registered three years ago: due for renewal within the month.
            db.Add(TrainingCertificate.Record(grid.Id, grid.ScopeCode, new CertificateInput("社会工作者职业资格（初级）", "CJ2023420100552", today.AddDays(25).AddYears(-3),
                today.AddDays(25)), "", today));
        }
        await db.SaveChangesAsync(cancellationToken);
        context.Log.LogInformation("Seeded {Courses} training courses and {Enrolments} enrolments", courses.Count, enrolments);
    }

    /// <summary>Nine in the morning, local time, on that day.</summary>
    private DateTimeOffset At(DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(9, 0));
        return new DateTimeOffset(local, calendar.TimeZone.GetUtcOffset(local));
    }
}
