using Gongzhi.Components;
using Gongzhi.Components.Kit;
using Gongzhi.Modules.Conferences.Feed;
using Gongzhi.Modules.Conferences.Meetings;
using Gongzhi.Modules.Conferences.Venues;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Conferences;

/// <summary>
/// In demo mode, the joint conferences of 江汉区: the district body, one per street, one per community of
/// 民族街街道, their member units, a street meeting whose resolution is being carried out, and a district
/// directive to every street with mixed coverage. Seeded once: a database that has bodies is left alone.
/// </summary>
internal sealed class ConferenceSeeder(IServiceProvider services, PersonalDataProtector protector, TimeProvider clock, ShownTime shown) : ISeeder
{
    private const string District = "420103";
    private const string Street = "420103001";

    public int Order => 50;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        if (!context.Demo || await db.Set<ConferenceBody>().AnyAsync(cancellationToken))
        {
            return;
        }
        // The tree and the organisations are asked of their modules, in a scope of their own that reads as the system too.
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<GongzhiDbContext>().Caller = Caller.System;
        var tree = scope.ServiceProvider.GetRequiredService<IJurisdictionBrowser>();
        if (await tree.GetAsync(District, cancellationToken) is null)
        {
            return;
        }
        var nodes = (await tree.GetChildrenAsync(District, cancellationToken)).Concat(await tree.GetChildrenAsync(Street, cancellationToken))
            .Select(j => new { j.Code, j.Name, j.ParentCode }).ToList();
        var organisations = (await scope.ServiceProvider.GetRequiredService<IOrganisationDirectory>().WithinAsync(District, cancellationToken))
            .ToDictionary(o => o.Code);
        if (organisations.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var joined = now.AddMonths(-6);
        Guid? Org(string code) => organisations.TryGetValue(code, out var o) ? o.Id : null;
        void Join(ConferenceBody body, string orgCode, string representative, string liaison, string phone)
        {
            if (Org(orgCode) is { } id)
            {
                db.Add(BodyMembership.Join(body, id, representative, liaison, protector.ProtectPhone(phone), joined));
            }
        }

        var district = ConferenceBody.Create("江汉区区域化党建联席会议", District, null, Org($"{District}.command"));
        db.Add(district);
        var phone = 0;
        string NextPhone() => $"139{71000000 + ++phone:D8}";
        foreach (var department in DemoOrganisations.Departments)
        {
            Join(district, $"{District}.{department.Key}", "分管副局长", "办公室联络员", NextPhone());
        }
        foreach (var unit in DemoOrganisations.JianghanUnits)
        {
            Join(district, unit.Code, "党委副书记", "党群工作部联络员", NextPhone());
        }

        var streets = new Dictionary<string, ConferenceBody>();
        foreach (var street in nodes.Where(n => n.ParentCode == District).OrderBy(n => n.Code))
        {
            var body = ConferenceBody.Create($"{street.Name}区域化党建联席会议", street.Code, district, Org($"{street.Code}.party"));
            db.Add(body);
            streets[street.Code] = body;
            Join(district, $"{street.Code}.party", "党工委书记", "党建办联络员", NextPhone());
            Join(body, $"{street.Code}.party", "党工委书记", "党建办联络员", NextPhone());
            Join(body, $"{street.Code}.office", "办事处主任", "综合办联络员", NextPhone());
        }
        if (!streets.TryGetValue(Street, out var minzu))
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        foreach (var key in (string[])["cgj", "zjj", "scjgj"])
        {
            Join(minzu, $"{District}.{key}", "下沉联系科长", "科室联络员", NextPhone());
        }
        Join(minzu, "420103002.jhg", "馆长", "办公室联络员", NextPhone());
        Join(minzu, "420103004.mzly", "总经理", "物业部联络员", NextPhone());
        var communities = new Dictionary<string, ConferenceBody>();
        foreach (var community in nodes.Where(n => n.ParentCode == Street).OrderBy(n => n.Code))
        {
            var body = ConferenceBody.Create($"{community.Name}区域化党建联席会议", community.Code, minzu, Org($"{community.Code}.party"));
            db.Add(body);
            communities[community.Code] = body;
            Join(minzu, $"{community.Code}.party", "社区党委书记", "社区党建专干", NextPhone());
            Join(body, $"{community.Code}.party", "社区党委书记", "社区党建专干", NextPhone());
            Join(body, $"{community.Code}.committee", "居委会主任", "社区网格员", NextPhone());
        }

        // A street meeting held last month: minutes, a resolution, tasks for two member units and one community.
        var held = Meeting.Schedule(minzu, MeetingKind.Planned, "2026年第三季度联席会议", now.AddDays(-30), "民族街街道党群服务中心三楼会议室");
        held.AddAgendaItem("老旧小区背街小巷环境整治", AgendaSource.Member, null, Org($"{District}.cgj"));
        held.AddAgendaItem("沿江片区共享停车位开放", AgendaSource.Member, null, Org("420103004.mzly"));
        held.Open(now.AddDays(-30), shown.Zone);
        held.RecordMinutes("会议听取了各成员单位关于背街小巷环境整治的情况汇报，议定由区城管执法局牵头整治占道经营，区住建局负责老旧小区管网改造，"
            + "万年社区组织居民议事协商确定停车位开放时段。");
        var resolution = Resolution.Adopt(held, "开展背街小巷环境综合整治，限期完成。", now.AddDays(-30));
        held.Close(now.AddDays(-30).AddHours(2));
        db.Add(held);
        db.Add(resolution);
        var tasks = new List<ConferenceTask>();
        void Task(string title, Guid? org, ConferenceBody? lower, decimal weight, int days, decimal progress, string? note)
        {
            var node = lower?.JurisdictionCode ?? (org is { } id ? organisations.Values.First(o => o.Id == id).JurisdictionCode : Street);
            var task = ConferenceTask.Assign(resolution, null, title, org, lower?.Id, node, Street, now.AddDays(days), weight);
            if (progress > 0)
            {
                task.Report(progress, note, [], "demo", false, now.AddDays(-5));
            }
            tasks.Add(task);
        }
        Task("清理占道经营和乱堆乱放", Org($"{District}.cgj"), null, 2m, 20, 60m, "已完成12条背街小巷的清理。");
        Task("老旧小区雨污管网改造", Org($"{District}.zjj"), null, 3m, 40, 25m, "设计方案已批复，施工单位进场。");
        if (communities.TryGetValue("420103001002", out var wannian))
        {
            Task("组织居民议事确定共享停车时段", null, wannian, 1m, -3, 50m, "已召开一次居民议事会。");
        }
        db.AddRange(tasks);

        // A district directive to every street, issued a month ago with a deadline just passed.
        var deadline = now.AddDays(-2);
        var (directive, assignments) = Directive.Issue(district, "关于开展“双报到”党员进社区服务的通知",
            "各街道组织辖区驻区单位党组织和在职党员到社区报到，建立服务清单，每季度开展不少于一次志愿服务。", deadline,
            nodes.Where(n => n.ParentCode == District).OrderBy(n => n.Code).Select(n => (n.Code, n.Name, streets.TryGetValue(n.Code, out var b) ? b.Id : (Guid?)null))
                .ToList(), now.AddDays(-30));
        db.Add(directive);
        for (var i = 0; i < assignments.Count; i++)
        {
            var a = assignments[i];
            // A spread a district sees in practice: most done, some partly, one done late, some silent.
            switch (i % 6)
            {
                case 0 or 1:
                    a.Acknowledge("demo", now.AddDays(-29));
                    a.Report(ExecutionStatus.Done, "辖区驻区单位全部完成报到，服务清单已公示。", [], now.AddDays(-10));
                    break;
                case 2:
                    a.Acknowledge("demo", now.AddDays(-28));
                    a.Report(ExecutionStatus.Partly, "已有七成单位报到，其余正在对接。", [], now.AddDays(-6));
                    break;
                case 3 when i == 3:
                    a.Acknowledge("demo", now.AddDays(-25));
                    a.Report(ExecutionStatus.Done, "报到工作已完成。", [], now.AddDays(-1));
                    break;
                case 3 or 4:
                    a.Acknowledge("demo", now.AddDays(-20));
                    break;
            }
        }
        db.AddRange(assignments);
        SeedSharedResources(db, minzu, Org, now);
        await db.SaveChangesAsync(cancellationToken);
        context.Log.LogInformation("Seeded the 江汉区 joint conferences: {Bodies} bodies.", 1 + streets.Count + communities.Count);
    }

    /// <summary>
    /// 民族街's shared venues with a few bookings, its feed, and its monthly cadence (third Thursday, 09:30) with the
    /// next three meetings planned and every member invited.
    /// </summary>
    private void SeedSharedResources(GongzhiDbContext db, ConferenceBody minzu, Func<string, Guid?> org, DateTimeOffset now)
    {
        var members = db.ChangeTracker.Entries<BodyMembership>().Select(e => e.Entity).Where(m => m.BodyId == minzu.Id).ToList();
        OpeningWindow[] office =
        [
            .. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .SelectMany(d => new OpeningWindow[] { new(d, new(8, 30), new(12, 0)), new(d, new(14, 0), new(17, 30)) }),
            new(DayOfWeek.Saturday, new(9, 0), new(12, 0)),
        ];
        if (org($"{Street}.party") is { } party)
        {
            var hall = Venue.Offer(minzu, party, "民族街街道党群服务中心多功能厅", VenueKind.Room, 120, "江汉区民族街道党群服务中心二楼", office, now.AddDays(-60));
            var room = Venue.Offer(minzu, party, "民族街街道党群服务中心三楼会议室", VenueKind.Room, 30, "江汉区民族街道党群服务中心三楼", office, now.AddDays(-60));
            db.AddRange(hall, room);
            // The next two working days at 14:00 local: one booking approved, one waiting for the owner.
            var day = shown.ToLocal(now).Date.AddDays(1);
            var days = Enumerable.Range(0, 10).Select(d => day.AddDays(d)).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Take(2).ToList();
            void Book(Venue venue, DateTime date, Guid? by, string purpose, bool approve)
            {
                var start = shown.FromLocal(date.AddHours(14));
                var (booking, slots) = VenueBooking.Request(venue, by, "demo", "demo", purpose, start, start.AddHours(2), now, shown.Zone);
                if (approve)
                {
                    booking.Approve("demo", now);
                }
                db.Add(booking);
                db.AddRange(slots);
            }
            Book(hall, days[0], org("420103001002.party"), "万年社区新时代文明实践主题党日活动", true);
            Book(room, days[0], org("420103.cgj"), "背街小巷整治推进会", true);
            Book(hall, days[1], org("420103004.mzly"), "物业服务企业党建联建座谈会", false);
        }
        if (org("420103.cgj") is { } cgj)
        {
            db.Add(Venue.Offer(minzu, cgj, "城管执法移动宣传音响", VenueKind.Equipment, 2, "江汉区城管执法局民族街中队",
                [.. Enum.GetValues<DayOfWeek>().Select(d => new OpeningWindow(d, new(8, 0), new(18, 0)))], now.AddDays(-30)));
        }

        db.Add(FeedItem.Post(minzu, FeedItemKind.Announcement, "关于召开第四季度联席会议的通知",
            "定于本月第三个星期四上午9:30在街道党群服务中心三楼会议室召开联席会议，请各成员单位联络员提前报送议题。", [], "demo", now.AddDays(-3)));
        db.Add(FeedItem.Post(minzu, FeedItemKind.Announcement, "党群服务中心阵地共享开放时间调整",
            "即日起多功能厅周六上午向成员单位开放预约，请通过阵地共享页面提交申请。", [], "demo", now.AddDays(-1)));

        var cadence = MeetingCadence.For(minzu);
        cadence.Set(3, DayOfWeek.Thursday, new TimeOnly(9, 30), "民族街街道党群服务中心三楼会议室", 3);
        db.Add(cadence);
        foreach (var at in cadence.Upcoming(now, shown.Zone))
        {
            var meeting = Meeting.Schedule(minzu, MeetingKind.Planned, $"{at.Year}年{at.Month}月例会", at, cadence.Place);
            db.Add(meeting);
            db.AddRange(members.DistinctBy(m => m.OrganisationId).Select(m => MeetingInvitation.For(meeting, m, now)));
        }
    }
}
