using Gongzhi.Modules.Access;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Routing;

/// <summary>
/// In demo mode, the routing a Wuhan district typically uses, for every district: each 大类 goes to the
/// department that holds the power for it, with a few 小类 that belong elsewhere. 矛盾纠纷 and 安全隐患
/// have no rule: they stay with the street (属地兜底). Only an empty rule table is seeded.
/// </summary>
internal sealed class RoutingRuleSeeder(IServiceProvider services, TimeProvider clock) : ISeeder
{
    /// <summary>Category → department key of <see cref="DemoOrganisations.Departments"/>.</summary>
    internal static readonly (string Category, string Department)[] Plan =
    [
        ("01", "cgj"), // 市容环境 → 城管
        ("02", "cgj"), // 街面秩序 → 城管
        ("03", "zjj"), // 施工管理 → 住建
        ("0303", "sthjj"), // 工地扬尘 → 生态环境
        ("0305", "cgj"), // 违法建设 → 城管
        ("04", "cgj"), // 公共设施 → 城管 (市政设施)
        ("05", "yllyj"), // 园林绿化 → 园林和林业
        ("06", "jtysj"), // 交通设施 → 交通运输
        ("0602", "gaj"), // 机动车违停 → 公安交管
        ("07", "zjj"), // 房屋物业 → 住建
        ("0705", "swj"), // 二次供水 → 水务
        ("08", "gaj"), // 噪音扰民 → 公安 (社会生活噪声)
        ("0802", "sthjj"), // 商业噪音 → 生态环境
        ("09", "swj"), // 水电气暖 → 水务
        ("1004", "scjgj"), // 消费纠纷 → 市场监管
        ("12", "mzj"), // 社会保障 → 民政
        ("1203", "mzj"),
        ("13", "scjgj"), // 市场监管
    ];

    public int Order => 50;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        if (!context.Demo || await db.Set<RoutingRule>().AnyAsync(cancellationToken))
        {
            return;
        }
        // The departments are asked of their module, in a scope of its own that reads as the system too: every district's.
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<GongzhiDbContext>().Caller = Platform.Scoping.Caller.System;
        var organisations = scope.ServiceProvider.GetRequiredService<IOrganisationDirectory>();
        var departments = (await organisations.OfKindAsync(OrganisationKind.Department, cancellationToken))
            .Where(o => o.JurisdictionCode.Length == 6).ToList();
        var byCode = departments.ToDictionary(d => d.Code, d => d.Id, StringComparer.Ordinal);
        var rules = new List<RoutingRule>();
        foreach (var district in departments.Select(d => d.JurisdictionCode).Distinct().Order(StringComparer.Ordinal))
        {
            foreach (var (category, department) in Plan)
            {
                if (byCode.TryGetValue($"{district}.{department}", out var lead))
                {
                    rules.Add(RoutingRule.Create(category, district, lead, null));
                }
            }
        }
        if (rules.Count == 0)
        {
            return;
        }
        db.SuppressRecordAudit = true;
        db.Set<RoutingRule>().AddRange(rules);
        db.AuditEntries.Add(AuditEntry.Create(clock.GetUtcNow(), db.Caller, AuditActions.Seeded, nameof(RoutingRule), null, null,
            $"{rules.Count} routing rules"));
        await db.SaveChangesAsync(cancellationToken);
        db.SuppressRecordAudit = false;
        context.Log.LogInformation("Seeded {Count} routing rules", rules.Count);
    }
}
