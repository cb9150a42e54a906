using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Accountability.Duties;

/// <summary>
/// In demo mode, the duty lists of 江汉区 as its departments and street offices publish them, with the frictions a real district
/// finds when it reads them side by side: 区城管局 and 区园林局 both claim the lead for fallen and overgrown trees, 民族街街道 claims
/// 占道经营 under the street enforcement reform while 区城管局 still lists it, nobody leads 僵尸车 or 停电, and the seeded routing
/// rules send 商业噪音 to 生态环境 and 医保社保 to 民政, whose lists do not hold them. Only an empty duty table is seeded.
/// </summary>
internal sealed class DutySeeder(IServiceProvider services, TimeProvider clock) : ISeeder
{
    public const string District = "420103";

    private sealed record Line(string Organisation, string Title, DutyKind Kind, string LegalBasis, string[] Categories, string[]? Items = null);

    /// <summary>The district departments' lists, by department key of the demo organisations.</summary>
    private static readonly Line[] Departments =
    [
        new("cgj", "市容环境卫生管理", DutyKind.Lead, "《城市市容和环境卫生管理条例》第四条；《武汉市城市综合管理条例》第三条",
            ["0101", "0102", "0103", "0104", "0105", "0106", "0107"]),
        new("cgj", "街面秩序与占道经营管理", DutyKind.Lead, "《城市市容和环境卫生管理条例》第十四条；《武汉市城市综合管理条例》第二十五条",
            ["0201", "0202", "0203", "0204", "0205"]),
        new("cgj", "违法建设查处", DutyKind.Lead, "《中华人民共和国城乡规划法》第六十四条；《湖北省城乡规划条例》第七十一条", ["0305"]),
        new("cgj", "建筑垃圾运输处置管理", DutyKind.Lead, "《城市建筑垃圾管理规定》第四条", ["0304"]),
        new("cgj", "市政设施养护管理", DutyKind.Lead, "《城市道路管理条例》第六条；《武汉市城市道路管理办法》", ["0401", "0402", "0403", "0404", "0405"]),
        new("cgj", "行道树及道路附属绿化管护", DutyKind.Lead, "《武汉市城市综合管理条例》第三十二条（道路附属设施）", ["0502", "0504"]),
        new("cgj", "互联网租赁自行车停放秩序管理", DutyKind.Lead, "《武汉市关于鼓励和规范互联网租赁自行车发展的实施意见》", ["0601"]),
        new("cgj", "商业经营活动噪声管理", DutyKind.Lead, "《中华人民共和国噪声污染防治法》第六十四条；区人民政府部门职责分工", ["0802"]),
        new("cgj", "燃气安全监督管理", DutyKind.Lead, "《城镇燃气管理条例》第五条；《武汉市燃气管理条例》", ["0903", "1104"]),
        new("yllyj", "城市绿化管理", DutyKind.Lead, "《城市绿化条例》第七条；《武汉市城市绿化条例》第五条", ["0501", "0502", "0503", "0504"]),
        new("zjj", "建设工程施工现场管理", DutyKind.Lead, "《建设工程安全生产管理条例》第四十条；《湖北省建筑市场管理条例》", ["0301", "0302"]),
        new("zjj", "施工扬尘与渣土源头管理（配合）", DutyKind.Assist, "《湖北省大气污染防治条例》第四十六条", ["0303", "0304"]),
        new("zjj", "物业管理监督", DutyKind.Lead, "《物业管理条例》第五条；《湖北省物业服务和管理条例》第六条", ["0701", "0704"]),
        new("zjj", "电梯使用与楼道公共部位管理（配合）", DutyKind.Assist, "《湖北省物业服务和管理条例》第四十九条", ["0702", "0703"]),
        new("zjj", "危险房屋管理", DutyKind.Lead, "《城市危险房屋管理规定》第五条", ["1103"]),
        new("zjj", "住房保障与既有住宅加装电梯", DutyKind.Lead, "《公共租赁住房管理办法》第四条；《武汉市既有住宅增设电梯工作实施意见》", [],
            ["ZJ-ZF-01", "ZJ-ZF-02", "ZJ-ZF-04"]),
        new("sthjj", "大气污染防治（施工扬尘）", DutyKind.Lead, "《中华人民共和国大气污染防治法》第五条、第六十九条", ["0303"]),
        new("swj", "城市供水与排水管理", DutyKind.Lead, "《城市供水条例》第七条；《城镇排水与污水处理条例》第五条", ["0901", "0905", "0705"]),
        new("scjgj", "市场秩序与消费维权", DutyKind.Lead, "《中华人民共和国消费者权益保护法》第三十二条；《中华人民共和国食品安全法》第六条；《中华人民共和国价格法》第五条；《无证无照经营查处办法》第五条",
            ["1004", "1301", "1302", "1303"]),
        new("scjgj", "特种设备（电梯）安全监察", DutyKind.Lead, "《中华人民共和国特种设备安全法》第五条", ["0702"]),
        new("mzj", "社会救助与养老服务", DutyKind.Lead, "《社会救助暂行办法》第四条；《湖北省居家养老服务条例》", ["1201", "1202", "1205"],
            ["MZ-DB-01", "MZ-DB-02", "MZ-LS-01", "MZ-YL-01"]),
        new("wjj", "医养结合与家庭医生签约服务（配合）", DutyKind.Assist, "《中华人民共和国基本医疗卫生与健康促进法》第三十一条", ["1202"], ["WJ-JK-01"]),
        new("gaj", "道路交通秩序管理", DutyKind.Lead, "《中华人民共和国道路交通安全法》第五条", ["0602", "0603"]),
        new("gaj", "社会生活噪声与治安管理", DutyKind.Lead, "《中华人民共和国治安管理处罚法》第五十八条；《中华人民共和国噪声污染防治法》第六十五条", ["0801", "0803", "1105"]),
        new("gaj", "矛盾纠纷治安调处（配合）", DutyKind.Assist, "《中华人民共和国治安管理处罚法》第九条", ["1001"]),
        new("jtysj", "道路交通标志标线设置管理", DutyKind.Lead, "《中华人民共和国公路法》第五十三条；《城市道路管理条例》", ["0604"]),
        new("jtysj", "共享单车与信号设施（配合）", DutyKind.Assist, "《交通运输新业态用户资金管理办法》；区人民政府部门职责分工", ["0601", "0603"]),
    ];

    /// <summary>What every street office of the district lists.</summary>
    private static readonly Line[] StreetOffices =
    [
        new("office", "矛盾纠纷人民调解", DutyKind.Lead, "《中华人民共和国人民调解法》第五条、第八条", ["1001", "1002"]),
        new("office", "社区公共部位与消防安全网格化管理", DutyKind.Lead, "《中华人民共和国消防法》第三十二条；《湖北省安全生产条例》第八条", ["0703", "1101", "1102"]),
        new("office", "就业和社会保障服务", DutyKind.Lead, "《中华人民共和国就业促进法》第三十五条；《中华人民共和国社会保险法》第七条", ["1203", "1204"],
            ["RS-JY-01", "RS-JY-02"]),
        new("office", "劳资纠纷排查调处（配合）", DutyKind.Assist, "《保障农民工工资支付条例》第七条", ["1003"]),
    ];

    /// <summary>The streets that took over powers under the street enforcement reform and list them as their own.</summary>
    private static readonly (string Street, Line Line)[] StreetEnforcement =
    [
        ("420103001", new("office", "街道综合行政执法（占道经营、店外经营）", DutyKind.Lead,
            "《湖北省人民政府关于赋予乡镇和街道部分县级行政处罚权的决定》；江汉区街道赋权事项清单", ["0201", "0202"])),
    ];

    public int Order => 70;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        if (!context.Demo || await db.Set<Duty>().AnyAsync(cancellationToken))
        {
            return;
        }
        // The organisations are asked of their module, in a scope of its own that reads as the system too.
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<GongzhiDbContext>().Caller = Platform.Scoping.Caller.System;
        var organisations = await scope.ServiceProvider.GetRequiredService<IOrganisationDirectory>().WithinAsync(District, cancellationToken);
        var byCode = organisations.ToDictionary(o => o.Code, StringComparer.Ordinal);
        var duties = new List<Duty>();
        foreach (var line in Departments)
        {
            if (byCode.TryGetValue($"{District}.{line.Organisation}", out var department))
            {
                duties.Add(Define(department, department.JurisdictionCode, line));
            }
        }
        foreach (var office in organisations.Where(o => o.Kind == OrganisationKind.StreetOffice))
        {
            duties.AddRange(StreetOffices.Select(line => Define(office, office.JurisdictionCode, line)));
            duties.AddRange(StreetEnforcement.Where(s => s.Street == office.JurisdictionCode).Select(s => Define(office, office.JurisdictionCode, s.Line)));
        }
        if (duties.Count == 0)
        {
            return;
        }
        db.SuppressRecordAudit = true;
        db.Set<Duty>().AddRange(duties);
        db.AuditEntries.Add(AuditEntry.Create(clock.GetUtcNow(), db.Caller, AuditActions.Seeded, nameof(Duty), null, District, $"{duties.Count} duties"));
        await db.SaveChangesAsync(cancellationToken);
        db.SuppressRecordAudit = false;
        context.Log.LogInformation("Seeded {Count} duties", duties.Count);
    }

    private static Duty Define(OrganisationEntry organisation, string area, Line line) =>
        Duty.Define(organisation.Id, organisation.JurisdictionCode, area,
            new DutyInput(line.Title, line.Kind, line.LegalBasis, line.Categories, line.Items ?? []));
}
