using Gongzhi.Components;
using Gongzhi.Modules.SocialForces.Activities;
using Gongzhi.Modules.SocialForces.Calls;
using Gongzhi.Modules.SocialForces.Funds;
using Gongzhi.Modules.SocialForces.Purchase;
using Gongzhi.Modules.SocialForces.Registry;
using Gongzhi.Modules.SocialForces.Volunteers;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.SocialForces;

/// <summary>
/// In demo mode: social organisations in every street of 江汉区 (the streets read through the Jurisdictions
/// module), a few activities and rewards in 万年社区, and a purchase of services of 民族街街道. Idempotent: each
/// street gets its organisations once, each demo record is looked up by its name before it is created.
/// </summary>
internal sealed class SocialSeeder(IServiceProvider services, TimeProvider clock) : ISeeder
{
    private const string District = "420103";
    private const string Street = "420103001";
    private const string Community = "420103001002";

    private static readonly (string Suffix, OrganisationKind Kind, ServiceField Field, int? Rating)[] Templates =
    [
        ("社区养老服务中心", OrganisationKind.Registered, ServiceField.ElderlyCare, 4),
        ("青少年成长社工服务社", OrganisationKind.Registered, ServiceField.Children, 3),
        ("邻里互助志愿服务队", OrganisationKind.Filed, ServiceField.Volunteering, null),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱"];

    public int Order => 60;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        if (!context.Demo)
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var browser = scope.ServiceProvider.GetRequiredService<IJurisdictionBrowser>();
        var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        var streets = await browser.GetChildrenAsync(District, cancellationToken);
        if (streets.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        // The seeder acts as the system; the filter would show it everything anyway.
        var existing = (await db.Set<SocialOrganisation>().Where(o => o.JurisdictionCode.StartsWith(District))
            .Select(o => o.JurisdictionCode).ToListAsync(cancellationToken)).ToHashSet();
        var number = 0;
        foreach (var street in streets)
        {
            number++;
            if (existing.Contains(street.Code))
            {
                continue;
            }
            var i = 0;
            foreach (var (suffix, kind, field, rating) in Templates)
            {
                i++;
                var name = street.Name.Replace("街道", "", StringComparison.Ordinal) + suffix;
                var code = kind == OrganisationKind.Registered ? CreditCode($"524201{street.Code[^3..]}MJ{i:D2}0000") : null;
                var representative = Surnames[(number + i) % Surnames.Length] + (i == 1 ? "建国" : i == 2 ? "晓红" : "志强");
                var organisation = SocialOrganisation.Register(name, street.Code, kind, field, code, representative,
                    $"027{85000000 + number * 10 + i}", rating, protector, now);
                if (i == 1)
                {
                    organisation.RecordAnnualReport(AnnualReportStatus.Passed);
                }
                db.Add(organisation);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await SeedCommunityAsync(db, now, cancellationToken);
        await SeedProjectAsync(db, now, cancellationToken);
        await SeedCallAsync(db, now, cancellationToken);
        await SeedFundAsync(db, scope.ServiceProvider.GetRequiredService<FundService>(), cancellationToken);
    }

    /// <summary>万年社区's community fund with a few published movements, written through the fund's own service.</summary>
    private static async Task SeedFundAsync(GongzhiDbContext db, FundService funds, CancellationToken cancellationToken)
    {
        const string name = "万年社区邻里互助基金";
        if (await db.Set<CommunityFund>().AnyAsync(f => f.Name == name, cancellationToken))
        {
            return;
        }
        var fund = await funds.OpenAsync(Caller.System, name, Community, cancellationToken);
        await funds.RecordAsync(Caller.System, fund.Id, FundMovementKind.Received, DonationForm.Money, 20_000m, "武汉某商贸有限公司", "年度捐赠", null, null,
            cancellationToken);
        await funds.RecordAsync(Caller.System, fund.Id, FundMovementKind.Received, DonationForm.Goods, 3_000m, null, "米、油各50份", null, null,
            cancellationToken);
        var allocation = await funds.RecordAsync(Caller.System, fund.Id, FundMovementKind.Allocated, DonationForm.Money, 8_000m, null,
            "独居老人助餐补贴", null, null, cancellationToken);
        await funds.RecordAsync(Caller.System, fund.Id, FundMovementKind.Used, DonationForm.Money, 2_400m, null, "第一季度助餐补贴", null, allocation.Id,
            cancellationToken);
    }

    /// <summary>An open call for proposals of 民族街, for the demo organisation account to apply to.</summary>
    private static async Task SeedCallAsync(GongzhiDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string title = "民族街街道困境儿童关爱服务项目";
        if (await db.Set<ServiceProject>().AnyAsync(p => p.Title == title, cancellationToken))
        {
            return;
        }
        var project = ServiceProject.Publish(title, Street, 150_000m, "辖区困境儿童、留守儿童的课业辅导、心理支持与家庭探访。", "system", now);
        var (call, criteria) = ProposalCall.Publish(project, now.AddDays(30),
            [new("服务方案", 40), new("机构能力", 30), new("预算合理性", 20), new("过往业绩", 10)], "system", now);
        db.Add(project);
        db.Add(call);
        db.AddRange(criteria);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A valid unified social credit code from its first seventeen characters.</summary>
    internal static string CreditCode(string first17) => first17 + CreditCodes.CheckCharacter(first17);

    private static async Task SeedCommunityAsync(GongzhiDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var local = now.ToOffset(TimeSpan.FromHours(8));
        var saturday = local.Date.AddDays(((int)DayOfWeek.Saturday - (int)local.DayOfWeek + 7) % 7 + 7);
        (string Title, int Hour, int Hours, int Capacity, string Place)[] activities =
        [
            ("重阳敬老志愿服务", 9, 3, 30, "万年社区党群服务中心"),
            ("社区环境清洁日", 14, 2, 50, "万年社区各小区"),
            ("青少年暑期托管开放日", 10, 2, 20, "万年社区四点半课堂"),
        ];
        var titles = await db.Set<Activity>().Where(a => a.JurisdictionCode == Community).Select(a => a.Title)
            .ToListAsync(cancellationToken);
        foreach (var (title, hour, hours, capacity, place) in activities.Where(a => !titles.Contains(a.Title)))
        {
            var start = new DateTimeOffset(saturday.AddHours(hour), TimeSpan.FromHours(8));
            db.Add(Activity.Create(title, Community, start, start.AddHours(hours), capacity, place, Caller.System with { UserName = "万年社区" }, now));
        }
        (string Title, long Cost, int Stock)[] rewards = [("社区理发服务一次", 20, 50), ("家政保洁一小时", 50, 20), ("爱心超市50元购物券", 100, 10)];
        var listed = await db.Set<Reward>().Where(r => r.JurisdictionCode == Community).Select(r => r.Title)
            .ToListAsync(cancellationToken);
        foreach (var (title, cost, stock) in rewards.Where(r => !listed.Contains(r.Title)))
        {
            db.Add(Reward.List(title, Community, cost, stock));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task SeedProjectAsync(GongzhiDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string title = "民族街街道居家养老上门服务项目";
        if (await db.Set<ServiceProject>().AnyAsync(p => p.Title == title, cancellationToken))
        {
            return;
        }
        var provider = await db.Set<SocialOrganisation>().Where(o => o.JurisdictionCode == Street && o.Field == ServiceField.ElderlyCare)
            .FirstOrDefaultAsync(cancellationToken);
        var project = ServiceProject.Publish(title, Street, 300_000m, "辖区独居、空巢老人上门助洁、助餐、探访服务。", "system", now);
        db.Add(project);
        if (provider is not null)
        {
            var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
            var (contract, milestones) = ServiceContract.Award(project, provider.Id, provider.Name, 240_000m,
            [
                new("服务方案与需求评估报告", 72_000m, today.AddMonths(1)),
                new("中期服务台账与评估", 96_000m, today.AddMonths(6)),
                new("终期评估与结项报告", 72_000m, today.AddMonths(11)),
            ], now);
            milestones[0].Deliver("服务方案（含230户老人需求评估）已提交。", now);
            milestones[0].Accept(now);
            db.Add(contract);
            db.AddRange(milestones);
            await db.SaveChangesAsync(cancellationToken);
            await db.Set<ServiceProject>().Where(p => p.Id == project.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Awarded, contract.Amount), cancellationToken);
            return;
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
