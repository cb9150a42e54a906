using System.Globalization;
using System.Net.Http.Json;
using Gongzhi.Modules.Conferences;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Web;

/// <summary>Pages show times in the configured <c>WorkingTime:TimeZone</c>, not in a fixed +08:00 of their own.</summary>
public sealed class ShownZoneTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MeetingPrint_WithAnotherZoneConfigured_ShowsTheMeetingInThatZone()
    {
        await using var app = new GongzhiApp { Settings = { ["WorkingTime:TimeZone"] = "UTC" } };
        await app.InitializeAsync();
        var at = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(30).AddHours(6), TimeSpan.Zero);
        using var street = await app.ClientForAsync("street.420103001");
        var body = await app.WithDbAsync(db => db.Set<ConferenceBody>().FirstAsync(b => b.JurisdictionCode == "420103001", Cancel));
        var created = await street.PostAsJsonAsync($"/api/v1/conferences/bodies/{body.Id}/meetings",
            new { title = "时区测试联席会", scheduledAt = at, place = "二楼会议室" }, Cancel);
        created.EnsureSuccessStatusCode();
        var meeting = (await created.Content.ReadFromJsonAsync<MeetingIdOnly>(Cancel))!;
        using var browser = await WebSignIn.WithFormAsync(app, "street.420103001");

        var html = await browser.GetStringAsync($"/conferences/meetings/{meeting.Id}/print", Cancel);

        var day = at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains($"data-field=\"scheduled\">{day} 06:00</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"{day} 14:00", html, StringComparison.Ordinal);
    }

    private sealed record MeetingIdOnly(Guid Id);
}
