using Gongzhi.Modules.SocialForces.Registry;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.SocialForces.Incubation;

/// <summary>
/// In demo mode: 江汉区's incubation base, run by a contracted social-work agency, with community organisations of several
/// streets at every stage, and 民族街's own incubation room with one organisation in it. Written through the service as
/// the system, after the organisations are seeded; idempotent (a base is looked up by its name before it is opened).
/// </summary>
internal sealed class IncubationSeeder(IServiceProvider services, TimeProvider clock) : ISeeder
{
    private const string DistrictBase = "江汉区社会组织孵化基地";
    private const string StreetBase = "民族街社区社会组织孵化园";

    public int Order => 62;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        if (!context.Demo || await db.Set<IncubationBase>().AnyAsync(b => b.Name == DistrictBase || b.Name == StreetBase, cancellationToken))
        {
            return;
        }
        var organisations = await db.Set<SocialOrganisation>().AsNoTracking().Where(o => o.JurisdictionCode.StartsWith("420103"))
            .ToDictionaryAsync(o => o.Name, o => o.Id, cancellationToken);
        if (!organisations.TryGetValue("花楼街青少年成长社工服务社", out var agency))
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var incubation = scope.ServiceProvider.GetRequiredService<IncubationService>();
        var system = Caller.System;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

        var district = await incubation.OpenBaseAsync(system, DistrictBase, "420103", "江汉区新华路社会组织服务中心三楼", 12, agency,
            cancellationToken);
        var street = await incubation.OpenBaseAsync(system, StreetBase, "420103001", "民族街万年社区党群服务中心二楼", 4, null, cancellationToken);

        async Task<IncubationRecord> ApplyAsync(IncubationBase incubator, string organisation, string need) =>
            (await incubation.ApplyAsync(system, incubator.Id, organisations[organisation], need, null, cancellationToken)).Record;

        Task SupportAsync(IncubationRecord record, SupportKind kind, int monthsAgo, string description, decimal? amount = null) =>
            incubation.GiveSupportAsync(system, record.Id, kind, today.AddMonths(-monthsAgo), description, amount, null, cancellationToken);

        Task AssessAsync(IncubationRecord record, int monthsAgo, string assessor, int governance, int finance, int projects, int people, int trust,
            string note) =>
            incubation.AssessAsync(system, record.Id, today.AddMonths(-monthsAgo), assessor,
                new CapacityScores.Input(governance, finance, projects, people, trust), note, null, cancellationToken);

        // Graduated: a volunteer team of 花楼街 that now runs its own projects.
        var graduated = await ApplyAsync(district, "花楼街邻里互助志愿服务队", "需要固定活动场地和财务管理指导，计划申请社区公益创投。");
        await incubation.AdmitAsync(system, graduated.Id, null, "陈思远（中级社会工作师）", null, cancellationToken);
        await AssessAsync(graduated, 11, "江汉区社会组织服务中心", 2, 2, 3, 2, 3, "入驻评估：骨干稳定，制度和账目不规范。");
        await SupportAsync(graduated, SupportKind.Space, 11, "孵化基地共享工位2个，活动室每周两次");
        await SupportAsync(graduated, SupportKind.Training, 9, "社会组织财务规范与票据管理培训（4学时）");
        await SupportAsync(graduated, SupportKind.Funds, 8, "公益微创投启动资金", 8_000m);
        await SupportAsync(graduated, SupportKind.Mentoring, 6, "项目书撰写一对一督导（3次）");
        await AssessAsync(graduated, 5, "江汉区社会组织服务中心", 3, 3, 4, 3, 4, "中期评估：章程和财务制度已建立。");
        await AssessAsync(graduated, 1, "武汉市第三方评估机构专家组", 4, 4, 4, 3, 4, "出壳评估：具备独立承接社区服务项目的能力。");
        // A city that asks more than this assessment's 19 of 25 keeps the team incubating: the demo follows the rule, not the other way.
        if (incubation.Threshold <= 19)
        {
            await incubation.GraduateAsync(system, graduated.Id, "已在民政部门完成备案，承接花楼街社区助老项目。", null, cancellationToken);
        }

        // Incubating: 水塔街's volunteer team, a few months in.
        var incubating = await ApplyAsync(district, "水塔街邻里互助志愿服务队", "希望提升志愿者管理和活动策划能力。");
        await incubation.AdmitAsync(system, incubating.Id, null, "黄静（社工督导）", null, cancellationToken);
        await AssessAsync(incubating, 4, "江汉区社会组织服务中心", 2, 1, 2, 3, 3, "入驻评估：志愿者队伍稳定，缺少财务制度。");
        await SupportAsync(incubating, SupportKind.Space, 4, "孵化基地共享工位1个");
        await SupportAsync(incubating, SupportKind.Training, 3, "志愿服务项目设计工作坊");
        await SupportAsync(incubating, SupportKind.Funds, 2, "社区邻里节活动经费", 3_000m);
        await AssessAsync(incubating, 1, "江汉区社会组织服务中心", 3, 2, 3, 3, 3, "中期评估：已建立收支台账。");

        // Applied, and one that left.
        await ApplyAsync(district, "民权街邻里互助志愿服务队", "申请入驻，需要能力建设培训和项目督导。");
        var left = await ApplyAsync(district, "前进街邻里互助志愿服务队", "需要活动场地。");
        await incubation.AdmitAsync(system, left.Id, null, "黄静（社工督导）", null, cancellationToken);
        await incubation.LeaveAsync(system, left.Id, "负责人工作调动，团队暂停活动，自愿退出孵化。", null, cancellationToken);

        // 民族街's own room: its volunteer team, incubating with the street's support.
        var local = await ApplyAsync(street, "民族街邻里互助志愿服务队", "为万年社区独居老人提供结对探访，需要场地和志愿者培训。");
        await incubation.AdmitAsync(system, local.Id, null, "刘敏（民族街社工站）", null, cancellationToken);
        await AssessAsync(local, 2, "民族街社工站", 2, 2, 3, 2, 3, "入驻评估。");
        await SupportAsync(local, SupportKind.Space, 2, "党群服务中心二楼活动室每周三下午");
        await SupportAsync(local, SupportKind.Mentoring, 1, "探访服务流程与安全督导");
    }
}
