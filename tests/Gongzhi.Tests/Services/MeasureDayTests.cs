using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Analytics;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Modules.Services.Catalogue;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Services;

/// <summary>
/// The day rows that districts and the city read the process measures from, against the applications: after a workload of
/// real actions through the API (decisions, requests for materials, ratings and follow-ups, accepts racing on one row), the rows
/// kept by the saves equal a rebuild from the applications, and a district's and the city's measures equal those counted from
/// the applications themselves.
/// </summary>
public sealed class MeasureDayTests
{
    private const string Applications = "/api/v1/services/applications";
    private const string District = "420103";
    private static readonly string[] Streets = ["420103001", "420103002"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DayRowsKeptBySaves_EqualARebuild_AndAnswerLikeTheApplications()
    {
        await using var app = new GongzhiApp();
        await app.InitializeAsync();
        var items = await app.WithDbAsync(db => db.Set<ServiceItem>().AsNoTracking()
            .Where(i => i.Level == ServiceLevel.Street && !i.Immediate && i.PromisedDays > 0).OrderBy(i => i.Code).Select(i => i.Code).Take(3)
            .ToListAsync(Cancel));
        Assert.Equal(3, items.Count);
        using var resident = await app.ClientForAsync("resident1");
        var clerks = new Dictionary<string, HttpClient>();
        foreach (var street in Streets)
        {
            clerks[street] = await app.ClientForAsync($"street.{street}");
        }

        // Every path an application can take, at two streets of the district and for three items.
        var n = 0;
        foreach (var street in Streets)
        {
            var clerk = clerks[street];
            foreach (var item in items)
            {
                var open = await SubmitAsync(resident, item, street);
                var notAccepted = await SubmitAsync(resident, item, street);
                await ActAsync(clerk, notAccepted, "not-accept", new { reason = "不属于本中心受理范围" });
                await RateAsync(resident, notAccepted, 1 + (n % 2));
                var waiting = await SubmitAsync(resident, item, street);
                await ActAsync(clerk, waiting, "accept");
                await ActAsync(clerk, waiting, "request-materials", new { missing = new[] { "户口簿" } });
                var supplied = await SubmitAsync(resident, item, street);
                await ActAsync(clerk, supplied, "accept");
                await ActAsync(clerk, supplied, "request-materials", new { missing = new[] { "收入证明" } });
                await ActAsync(resident, supplied, "supply", new { note = "已补充" });
                await ActAsync(clerk, supplied, "approve");
                await ActAsync(clerk, supplied, "deliver");
                await RateAsync(resident, supplied, 2);
                await ActAsync(clerk, supplied, "follow-up", new { answer = "已回访并说明补正要求。" });
                var refused = await SubmitAsync(resident, item, street);
                await ActAsync(clerk, refused, "accept");
                await ActAsync(clerk, refused, "refuse", new { reason = "不符合申请条件" });
                await RateAsync(resident, refused, 3 + (n % 3));
                Assert.NotEqual(Guid.Empty, open);
                n++;
            }
        }
        // Accepts racing on the same row of the same day: each adds its change, none overwrites another's.
        var racing = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            racing.Add(await SubmitAsync(resident, items[0], Streets[0]));
        }
        await Task.WhenAll(racing.Select(id => ActAsync(clerks[Streets[0]], id, "accept")));
        await Task.WhenAll(racing.Take(4).Select(id => ActAsync(clerks[Streets[0]], id, "approve")));

        var kept = await ReadRowsAsync(app);
        Assert.NotEmpty(kept);
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        await app.WithDbAsync(db => MeasureDayRebuild.RunAsync(db, calendar.TimeZone, Cancel));
        Assert.Equal(await ReadRowsAsync(app), kept);

        // The district and the city read the day rows; the same measures counted from the applications one by one.
        using var admin = await app.ClientForAsync("admin");
        var today = ServiceDays.Today(calendar, DateTimeOffset.UtcNow);
        var period = $"from={today.AddDays(-40):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        foreach (var (area, query) in new[] { (District, $"centre={District}"), ("4201", ""), (District, $"centre={District}&item={items[0]}") })
        {
            var item = query.Contains("item=", StringComparison.Ordinal) ? items[0] : null;
            var expected = await CountedAsync(app, area, item, today.AddDays(-40), today, today);
            var answered = await admin.GetFromJsonAsync<ProcessMeasures>($"/api/v1/services/analytics?{query}&{period}", Json, Cancel);
            Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(answered, Json));
            Assert.True(expected.Volume > 0);
        }
        var byItem = await admin.GetFromJsonAsync<List<MeasuresOf>>($"/api/v1/services/analytics/breakdown?by=item&centre={District}&{period}", Json, Cancel);
        foreach (var item in items)
        {
            var expected = await CountedAsync(app, District, item, today.AddDays(-40), today, today);
            Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(byItem!.Single(g => g.Key == item).Measures, Json));
        }
        foreach (var clerk in clerks.Values)
        {
            clerk.Dispose();
        }
    }

    private static async Task<Guid> SubmitAsync(HttpClient resident, string item, string street)
    {
        using var response = await resident.PostAsJsonAsync(Applications,
            new { itemCode = item, jurisdictionCode = street, applicant = new { name = "张三", idNumber = "420103198003151234", phone = "13800001234" } },
            Json, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
        return (await response.Content.ReadFromJsonAsync<ApplicationResponse>(Json, Cancel))!.Id;
    }

    private static async Task ActAsync(HttpClient client, Guid id, string action, object? body = null)
    {
        using var response = await client.PostAsJsonAsync($"{Applications}/{id}/{action}", body ?? new { }, Json, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
    }

    private static Task RateAsync(HttpClient resident, Guid id, int level) => ActAsync(resident, id, "evaluation", new { level, comment = "测试" });

    private static Task<List<string>> ReadRowsAsync(GongzhiApp app) => app.WithDbAsync(async db =>
        (await db.Set<ServiceMeasureDay>().AsNoTracking().ToListAsync(Cancel))
            .Where(d => d.Count != 0)
            .Select(d => $"{d.ItemCode} {d.DistrictCode} {d.Day:yyyy-MM-dd} {d.Level} v{d.ItemVersion} {d.HandlingDays}/{d.PromisedDays}: {d.Count} "
                + $"{d.Immediate} {d.Online} {d.Accepted} {d.OneSubmission} {d.NotAccepted} {d.Visits} {d.Rating1} {d.Rating2} {d.Rating3} {d.Rating4} "
                + $"{d.Rating5} {d.FollowUps} {d.FollowUpsClosed} {d.FollowUpsOnTime}")
            .Order(StringComparer.Ordinal).ToList());

    /// <summary>The measures counted from the applications of the area and period themselves, one fact each.</summary>
    private static Task<ProcessMeasures> CountedAsync(GongzhiApp app, string prefix, string? item, DateOnly from, DateOnly to, DateOnly today) =>
        app.WithDbAsync(async db =>
        {
            var calendar = app.Services.GetRequiredService<WorkingCalendar>();
            var applications = await db.Set<ServiceApplication>().IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.JurisdictionCode.StartsWith(prefix) && (item == null || a.ItemCode == item)).ToListAsync(Cancel);
            return ProcessMeasures.Of(applications
                .Where(a => ServiceDays.Today(calendar, a.SubmittedAt) >= from && ServiceDays.Today(calendar, a.SubmittedAt) <= to)
                .Select(a => MeasuredApplication.Of(a.ItemCode, a.JurisdictionCode, a.SubmittedAt, a.Level, a.ItemVersion, a.Immediate, a.Channel,
                    a.PromisedDays, a.State, a.HandlingDays, a.MaterialRequests, a.Rating, a.Visits, a.FollowUpDue, a.FollowUpOnTime).Fact
                    with { FollowUpPastDue = a.FollowUpDue < today })
                .ToList());
        });
}
