using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Analytics;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Modules.Services.Catalogue;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Services.QueueApiTests;

namespace Gongzhi.Tests.Services;

/// <summary>
/// Process analytics on a hand-computed scenario: 身后事 fee relief (MZ-SH-01, promised 3 working days) at 满春街 in March 2026
/// (no holidays), four applications at the street under version 1, then devolved to a community and two more under version 2.
/// </summary>
public sealed class ProcessAnalyticsTests(GongzhiApp app)
{
    private const string Centre = "420103003";
    private const string Community = "420103003001";
    private const string Item = "MZ-SH-01";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>10:00 in Wuhan on a day of March 2026.</summary>
    private static DateTimeOffset March(int day) => new(2026, 3, day, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Measures_OfAHandCountedSet()
    {
        ApplicationFact Fact(int? days, bool resubmitted = false, int? rating = null, bool notAccepted = false, bool online = false) =>
            new(1, false, online, 3, !notAccepted, notAccepted, days, resubmitted, rating);
        var measures = ProcessMeasures.Of([Fact(3, rating: 5), Fact(4, resubmitted: true, rating: 2), Fact(6, rating: 3), Fact(null, notAccepted: true, online: true)]);
        Assert.Equal(4, measures.Volume);
        Assert.Equal(3, measures.Decided);
        Assert.Equal(4, measures.MedianDays);
        Assert.Equal(6, measures.P90Days);
        Assert.Equal(0.3333, measures.OnTimeRate);
        Assert.Equal(0.6667, measures.OneSubmissionRate);
        Assert.Equal(0.25, measures.NotAcceptedRate);
        Assert.Equal(0.25, measures.OnlineShare);
        Assert.Equal([0, 1, 1, 0, 1], measures.Ratings);
        Assert.Equal(2.5, ProcessMeasures.Of([Fact(2), Fact(3)]).MedianDays);
        var none = ProcessMeasures.Of([]);
        Assert.Null(none.MedianDays);
        Assert.Null(none.OnTimeRate);
    }

    [Fact]
    public async Task BeforeAndAfterADevolution_AnswersTheHandComputedMeasures()
    {
        await SeedAsync();
        using var admin = await app.ClientForAsync("admin");
        var query = $"centre={Centre}&from=2026-03-01&to=2026-03-31";
        var compared = await ReadAsync<BeforeAfter>(await admin.GetAsync($"/api/v1/services/analytics/items/{Item}/versions/2?{query}", Cancel),
            HttpStatusCode.OK);

        // Before: handled in 3, 4 (7 less 3 days waiting for materials) and 6 working days; one not accepted.
        var before = compared.Before;
        Assert.Equal(4, before.Volume);
        Assert.Equal(3, before.Decided);
        Assert.Equal(4, before.MedianDays);
        Assert.Equal(6, before.P90Days);
        Assert.Equal(3, before.MedianPromisedDays);
        Assert.Equal(0.3333, before.OnTimeRate);
        Assert.Equal(0.6667, before.OneSubmissionRate);
        Assert.Equal(0.25, before.NotAcceptedRate);
        Assert.Equal(0, before.ImmediateShare);
        Assert.Equal([0, 1, 1, 0, 1], before.Ratings);

        // After: the community decides the same day and two days later.
        var after = compared.After;
        Assert.Equal(2, after.Volume);
        Assert.Equal(1, after.MedianDays);
        Assert.Equal(2, after.P90Days);
        Assert.Equal(1, after.OnTimeRate);
        Assert.Equal(1, after.OneSubmissionRate);
        Assert.Equal(0, after.NotAcceptedRate);
        Assert.Equal([0, 0, 0, 1, 1], after.Ratings);

        var all = await ReadAsync<ProcessMeasures>(await admin.GetAsync($"/api/v1/services/analytics?item={Item}&{query}", Cancel), HttpStatusCode.OK);
        Assert.Equal(6, all.Volume);
        // Handled in 0, 2, 3, 4 and 6 working days.
        Assert.Equal(3, all.MedianDays);
        Assert.Equal(6, all.P90Days);
        var late = await ReadAsync<ProcessMeasures>(await admin.GetAsync($"/api/v1/services/analytics?item={Item}&centre={Centre}&from=2026-03-15&to=2026-03-31", Cancel),
            HttpStatusCode.OK);
        Assert.Equal(2, late.Volume);

        // A street sees its own area only: another street's centre is not found, a resident is not let in at all.
        using var street = await app.ClientForAsync("street.420103001");
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync($"/api/v1/services/analytics?{query}", Cancel)).StatusCode);
        Assert.Equal(0, (await ReadAsync<ProcessMeasures>(await street.GetAsync($"/api/v1/services/analytics?item={Item}&from=2026-03-01&to=2026-03-31", Cancel),
            HttpStatusCode.OK)).Volume);
        using var resident = await app.ClientForAsync("resident1");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"/api/v1/services/analytics?{query}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/services/analytics?from=2026-3-1", Cancel)).StatusCode);
    }

    private Task<int> SeedAsync() => app.WithDbAsync(async db =>
    {
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        var item = await db.Set<ServiceItem>().AsNoTracking().FirstAsync(i => i.Code == Item, Cancel);
        Assert.Equal(3, item.PromisedDays);
        var number = 0;
        ServiceApplication Submitted(string centre, int day) => ServiceApplication.Submit(item, centre, ApplicationChannel.Window, null, null, "窗口",
            new ProtectedApplicant("x", "张*", "x", "h", "420103********1234", "x", "h", "138****5678"), [], null, $"AN-{Guid.NewGuid():N}-{number++}", March(day));

        var onTime = Submitted(Centre, 2);
        onTime.Accept("窗口", March(2), calendar, null);
        onTime.Approve("窗口", March(5), calendar, null);
        onTime.Evaluate(null, March(5), calendar, 5, null, 5);

        var withMaterials = Submitted(Centre, 2);
        withMaterials.Accept("窗口", March(2), calendar, null);
        withMaterials.RequestMaterials("窗口", March(3), ["死亡证明"], null);
        withMaterials.Supply("窗口", March(6), calendar, [], null);
        withMaterials.Approve("窗口", March(11), calendar, null);
        withMaterials.Evaluate(null, March(11), calendar, 2, null, 5);

        var slow = Submitted(Centre, 2);
        slow.Accept("窗口", March(2), calendar, null);
        slow.Approve("窗口", March(10), calendar, null);
        slow.Evaluate(null, March(10), calendar, 3, null, 5);

        var refused = Submitted(Centre, 2);
        refused.NotAccept("窗口", March(2), "不属于本中心受理范围");

        item.Devolve(ServiceLevel.Community, March(13), "下放社区办理");
        var sameDay = Submitted(Community, 16);
        sameDay.Accept("社区", March(16), calendar, null);
        sameDay.Approve("社区", March(16), calendar, null);
        sameDay.Evaluate(null, March(16), calendar, 5, null, 5);

        var twoDays = Submitted(Community, 16);
        twoDays.Accept("社区", March(16), calendar, null);
        twoDays.Approve("社区", March(18), calendar, null);
        twoDays.Evaluate(null, March(18), calendar, 4, null, 5);

        db.AddRange(onTime, withMaterials, slow, refused, sameDay, twoDays);
        return await db.SaveChangesAsync(Cancel);
    });
}
