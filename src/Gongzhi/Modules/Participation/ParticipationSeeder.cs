using Gongzhi.Modules.Access;
using Gongzhi.Modules.Participation.Ballots;
using Gongzhi.Modules.Participation.Notices;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Participation.Proposals;
using Gongzhi.Modules.Participation.Publicities;
using Gongzhi.Modules.Participation.Residence;
using Gongzhi.Modules.Participation.Surveys;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Startup;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Participation;

/// <summary>
/// In demo mode: the demo residents are verified residents of their communities, and 万年社区 has a proposal, an open
/// secret ballot, a notice asking for acknowledgement and a quarter's finances made public. Runs on every start and adds only what is missing.
/// </summary>
internal sealed class ParticipationSeeder(IServiceProvider services, TimeProvider clock) : ISeeder
{
    private const string Wannian = "420103001002";

    internal static readonly (string UserName, string Community, string Address)[] DemoResidents =
    [
        ("resident1", Wannian, "江汉区民族街万年社区万年里3栋2单元501"),
        ("resident2", "420103002001", "江汉区花楼街交通路社区交通路18号4楼"),
    ];

    internal const string DemoProposalTitle = "在小区东门增设非机动车充电棚";
    internal const string DemoBallotTitle = "万年里小区公共停车位开放时段表决";
    internal const string DemoSurveyTitle = "万年社区居家养老服务需求调研";

    internal const string DemoNoticeTitle = "关于12月10日万年里片区计划停水的通知";

    internal const string DemoPublicityTitle = "万年社区2026年第三季度惠民资金收支公示";

    public int Order => 150;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        if (!context.Demo)
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GongzhiUser>>();
        var now = clock.GetUtcNow();
        // Seeding reads and writes as the system, whose scope is the whole city: the records below belong to different communities.
        var profiles = db.Set<ResidentProfile>();
        string? proposer = null;
        foreach (var (userName, community, address) in DemoResidents)
        {
            if (await users.FindByNameAsync(userName) is not { } user)
            {
                continue;
            }
            proposer ??= user.Id;
            if (!await profiles.AnyAsync(p => p.AccountId == user.Id, cancellationToken))
            {
                var household = Households.Key(scope.ServiceProvider.GetRequiredService<PersonalDataProtector>(), community, address);
                var profile = ResidentProfile.Declare(user.Id, user.DisplayName, community, address, household, now);
                profile.Verify("system", now);
                db.Add(profile);
            }
        }
        if (proposer is not null && !await db.Set<Proposal>().AnyAsync(p => p.Title == DemoProposalTitle, cancellationToken))
        {
            db.Add(Proposal.Submit(DemoProposalTitle, "小区电动自行车多，楼道充电有火灾隐患。建议在东门空地增设带计时收费的充电棚，由物业统一管理。",
                Wannian, proposer, "居民一（万年社区）", now, 30));
        }
        if (!await db.Set<Ballot>().AnyAsync(b => b.Title == DemoBallotTitle, cancellationToken))
        {
            db.Add(Ballot.Create(DemoBallotTitle, Wannian, ["夜间 19:00—次日 7:00 开放", "全天开放", "暂不开放"], now.AddHours(-1), now.AddDays(14),
                secret: true, hideResultsUntilClose: false, quorum: null, "community.420103001002", now));
        }
        if (!await db.Set<Notice>().AnyAsync(n => n.Title == DemoNoticeTitle, cancellationToken))
        {
            db.Add(Notice.Publish(DemoNoticeTitle, "因管网改造，12月10日 8:00—18:00 万年里片区停水，请居民提前储水。给您带来不便，敬请谅解。",
                Wannian, requiresAcknowledgement: true, "community.420103001002", now));
        }
        if (!await db.Set<Publicity>().AnyAsync(p => p.Title == DemoPublicityTitle, cancellationToken))
        {
            var calendar = scope.ServiceProvider.GetRequiredService<WorkingCalendar>();
            db.Add(Publicity.Publish(PublicityKind.Finance, DemoPublicityTitle,
                "一、上季度结余：52,340.00 元\n二、本季度收入：区级拨付惠民资金 80,000.00 元\n三、本季度支出：\n  1. 万年里 3 栋楼道照明改造 18,600.00 元\n"
                + "  2. 独居老人助餐补贴 12,450.00 元\n  3. 社区议事厅桌椅更新 6,980.00 元\n四、季度末结余：94,310.00 元\n以上支出均经居民议事会协商通过，凭证可到社区党群服务中心查阅。",
                Wannian, null, PublicityService.DefaultWorkingDays, now, calendar.AddWorkingDays(now, PublicityService.DefaultWorkingDays),
                "community.420103001002", ""));
        }
        if (!await db.Set<Survey>().AnyAsync(s => s.Title == DemoSurveyTitle, cancellationToken))
        {
            var survey = Survey.Draft(DemoSurveyTitle, "为规划社区养老服务站的服务项目，请您花两分钟填写。本调研匿名，结果将在居务公开栏公布。", Wannian,
                anonymous: true, now.AddDays(21),
                [
                    SurveyQuestion.Of(QuestionKind.SingleChoice, "您家中是否有 65 岁以上的老人？", true, ["有，独居", "有，与家人同住", "没有"], 0),
                    SurveyQuestion.Of(QuestionKind.MultipleChoice, "您最需要哪些养老服务？", true, ["助餐", "助浴", "上门医疗", "日间照料", "文娱活动"], 0),
                    SurveyQuestion.Of(QuestionKind.Scale, "您对目前社区养老服务的满意程度？", true, [], 5),
                    SurveyQuestion.Of(QuestionKind.Text, "您还有什么建议？", false, [], 0),
                ], "community.420103001002", now);
            survey.Open(now);
            db.Add(survey);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
