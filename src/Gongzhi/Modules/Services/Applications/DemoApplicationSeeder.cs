using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Catalogue;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Applications;

/// <summary>
/// In demo mode, the 民族街 centre's recent work: walk-ins and 代办 in every state, one waiting for materials, one
/// overdue, one with a bad rating still to be followed up, and community items at 万年社区. Seeded once: a database
/// that has applications is left alone.
/// </summary>
internal sealed class DemoApplicationSeeder(PersonalDataProtector protector, WorkingCalendar calendar, TimeProvider clock) : ISeeder
{
    private const string Street = "420103001";
    private const string Community = "420103001002";

    private static readonly (string Item, string Centre, string Name, string Born, string Phone, int DaysAgo, string Path)[] Demo =
    [
        ("MZ-DB-01", Street, "李建国", "19650312", "13907150001", 12, "accept,request"),
        ("MZ-LS-01", Street, "周秀英", "19580721", "13907150002", 1, ""),
        ("GA-JZZ-01", Street, "陈志强", "19900105", "13907150003", 3, "accept"),
        ("MZ-GL-01", Street, "王桂兰", "19380904", "13907150004", 25, "accept"),
        ("CL-BT-02", Street, "刘德华", "19720618", "13907150005", 20, "accept,request,supply,approve,deliver,rate1"),
        ("RS-JY-01", Street, "张丽", "19951130", "13907150006", 2, "approve,deliver,rate5"),
        ("WJ-DS-02", Street, "赵明", "19620227", "13907150007", 15, "accept,refuse"),
        ("ZJ-ZF-01", Street, "孙红梅", "19850409", "13907150008", 4, "notaccept"),
        ("YB-CB-01", Community, "吴小宝", "20240101", "13907150009", 1, "approve"),
        ("MZ-YD-01", Community, "郑淑芬", "19550815", "13907150010", 2, ""),
    ];

    public int Order => 65;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        if (!context.Demo || await db.Set<ServiceApplication>().AnyAsync(cancellationToken))
        {
            return;
        }
        var items = await db.Set<ServiceItem>().AsNoTracking().ToDictionaryAsync(i => i.Code, cancellationToken);
        var now = clock.GetUtcNow();
        var number = 0;
        foreach (var d in Demo)
        {
            if (!items.TryGetValue(d.Item, out var item))
            {
                continue;
            }
            var id = IdNumber($"420103{d.Born}{201 + number * 2:D3}");
            var at = now.AddDays(-d.DaysAgo);
            var applicant = new ProtectedApplicant(protector.Protect(d.Name), Masks.Name(d.Name)!, protector.Protect(id), protector.Hash(id),
                IdNumbers.Mask(id), protector.Protect(d.Phone), protector.Hash(d.Phone), Masks.Phone(d.Phone)!);
            var channel = d.Centre == Community ? ApplicationChannel.Proxy : ApplicationChannel.Window;
            var application = ServiceApplication.Submit(item, d.Centre, channel, null, null, "窗口", applicant, [], null,
                $"{d.Centre}-{ServiceDays.Today(calendar, at):yyyyMMdd}-{900001 + number++:D6}", at);
            var step = at;
            foreach (var action in d.Path.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                step = step.AddHours(d.DaysAgo > 3 ? 26 : 1);
                switch (action)
                {
                    case "accept": application.Accept("窗口", step, calendar, null); break;
                    case "request": application.RequestMaterials("窗口", step, ["户口簿", "收入证明"], "请一次补齐。"); break;
                    case "supply": application.Supply("窗口", step, calendar, [], "窗口收到补正材料。", atWindow: true); break;
                    case "approve": application.Approve("窗口", step, calendar, null); break;
                    case "refuse": application.Refuse("窗口", step, calendar, "不符合独生子女父母奖励条件。"); break;
                    case "notaccept": application.NotAccept("窗口", step, "不属于本中心受理范围，已告知到区政务服务中心办理。"); break;
                    case "deliver": application.Deliver("窗口", step, null); break;
                    case "rate1": application.Evaluate(null, step, calendar, 1, "来回跑了两趟。", 5); break;
                    case "rate5": application.Evaluate(null, step, calendar, 5, "当场办结，很方便。", 5); break;
                }
            }
            db.Add(application);
        }
        await db.SaveChangesAsync(cancellationToken);
        context.Log.LogInformation("Seeded {Count} demo service applications", number);
    }

    /// <summary>The 17 digits with their check character.</summary>
    private static string IdNumber(string first17) =>
        "0123456789X".Select(c => first17 + c).First(IdNumbers.IsValid);
}
