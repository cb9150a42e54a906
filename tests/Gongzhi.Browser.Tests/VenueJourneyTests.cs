using System.Globalization;
using System.Text.RegularExpressions;

namespace Gongzhi.Browser.Tests;

/// <summary>阵地共享 through the pages: a member unit offers a room, a community books it, an overlapping request is refused, the owner decides.</summary>
public sealed class VenueJourneyTests(BrowserApp app)
{
    private const string StreetBody = "民族街街道区域化党建联席会议";

    /// <summary>A weekday at least two days ahead, in Wuhan time, so every booking lies in the future and inside Mon–Fri hours.</summary>
    private static string NextWeekday()
    {
        var day = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Date.AddDays(2);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }
        return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task MemberOffersARoom_CommunityBooks_OverlapIsRefused_OwnerApprovesAndDeclines()
    {
        var room = $"城管执法局二楼会议室-{Guid.NewGuid().ToString("N")[..6]}";
        var date = NextWeekday();

        await using var ownerContext = await app.NewContextAsync("dept.420103.cgj");
        var owner = await ownerContext.NewPageAsync();
        await owner.GotoAsync("/");
        await owner.GetByRole(AriaRole.Link, new() { Name = "阵地共享" }).First.ClickAsync();
        await Expect(owner).ToHaveURLAsync(new Regex("/conferences/venues$"));
        await owner.Locator("#venue-body").SelectOptionAsync(new SelectOptionValue { Label = StreetBody });
        await owner.Locator("#venue-name").FillAsync(room);
        await owner.Locator("#venue-capacity").FillAsync("30");
        await owner.GetByRole(AriaRole.Button, new() { Name = "开放", Exact = true }).ClickAsync();
        await Expect(owner).ToHaveURLAsync(new Regex("/conferences/venues/[0-9a-f-]{36}$"));
        await Expect(owner.Locator("h1")).ToHaveTextAsync(room);
        await Expect(owner.Locator("[data-hours]")).ToContainTextAsync("08:30–17:30");
        var venueUrl = owner.Url;

        // A community below the street books a morning.
        await using var communityContext = await app.NewContextAsync("community.420103001002");
        var community = await communityContext.NewPageAsync();
        await community.GotoAsync(venueUrl);
        await BookAsync(community, date, "09:00", "11:00", "社区居民议事会");
        await Expect(community).ToHaveURLAsync(new Regex("/conferences/bookings/[0-9a-f-]{36}\\?done=requested$"));
        await Expect(community.Locator("[data-message]")).ToContainTextAsync("预约已提交");
        await Expect(community.Locator("[data-bookings=single] [data-state]")).ToHaveAttributeAsync("data-state", "Pending");
        // The booking just made is shown, so the list of one's bookings does not claim there are none.
        await Expect(community.Locator("[data-no-bookings]")).ToHaveTextAsync("没有其他预约。");

        // Another member unit asks for an overlapping time: refused with a plain message, then books the afternoon.
        await using var otherContext = await app.NewContextAsync("dept.420103.zjj");
        var other = await otherContext.NewPageAsync();
        await other.GotoAsync(venueUrl);
        await BookAsync(other, date, "10:00", "12:00", "管网改造协调会");
        await Expect(other.Locator("[data-message]")).ToContainTextAsync("已有预约");
        await Expect(other.Locator("[data-message]")).ToContainTextAsync($"{date} 10:00–12:00");
        await BookAsync(other, date, "14:00", "15:00", "管网改造协调会");
        await Expect(other.Locator("[data-bookings=single] [data-state]")).ToHaveAttributeAsync("data-state", "Pending");

        // The owner decides: approves the community's morning, declines the afternoon.
        await owner.GotoAsync("/conferences/bookings");
        var morning = owner.Locator("[data-bookings=decide] [data-booking]", new() { HasText = "社区居民议事会" });
        await morning.Locator("[data-approve]").ClickAsync();
        await Expect(owner.Locator("[data-bookings=single] [data-state]")).ToHaveAttributeAsync("data-state", "Approved");
        var afternoon = owner.Locator("[data-bookings=decide] [data-booking]", new() { HasText = "管网改造协调会" });
        await afternoon.GetByPlaceholder("不批准的原因（可选）").FillAsync("当天下午另有安排。");
        await afternoon.Locator("[data-decline]").ClickAsync();
        await Expect(owner.Locator("[data-bookings=single] [data-state]")).ToHaveAttributeAsync("data-state", "Declined");

        // The calendar shows the approved morning; the declined afternoon is free again and can be booked.
        await community.GotoAsync(venueUrl);
        await Expect(community.Locator("[data-calendar] [data-booking]")).ToHaveCountAsync(1);
        await BookAsync(community, date, "14:00", "15:00", "社区志愿者培训");
        await Expect(community.Locator("[data-bookings=single] [data-state]")).ToHaveAttributeAsync("data-state", "Pending");
    }

    private static async Task BookAsync(IPage page, string date, string from, string to, string purpose)
    {
        await page.Locator("#book-date").FillAsync(date);
        await page.Locator("#book-start").FillAsync(from);
        await page.Locator("#book-end").FillAsync(to);
        await page.Locator("#book-purpose").FillAsync(purpose);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交预约" }).ClickAsync();
    }
}
