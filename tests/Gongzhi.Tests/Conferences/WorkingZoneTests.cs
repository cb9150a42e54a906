using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Modules.Conferences;
using Gongzhi.Modules.Conferences.Meetings;
using Gongzhi.Modules.Conferences.Venues;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Conferences;

/// <summary>
/// A venue's opening hours, a booking's day and a body's meeting cadence are read in the configured
/// <c>WorkingTime:TimeZone</c>, the zone the pages show times in, not at a fixed +08:00.
/// </summary>
public sealed class WorkingZoneTests
{
    private const string Api = "/api/v1/conferences";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Booking_WithAnotherZoneConfigured_IsCheckedAgainstTheOpeningHoursOfThatZone()
    {
        await using var app = new GongzhiApp { Settings = { ["WorkingTime:TimeZone"] = "UTC" } };
        await app.InitializeAsync();
        // The demo hall opens on weekdays 08:30–12:00 and 14:00–17:30.
        var hall = await app.WithDbAsync(db => db.Set<Venue>().FirstAsync(v => v.Name == "民族街街道党群服务中心多功能厅", Cancel));
        var today = DateTime.UtcNow.Date;
        var monday = today.AddDays(21 + ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7);
        using var street = await app.ClientForAsync("street.420103001");

        // 09:00–10:00 UTC is inside the morning window in UTC; at +08:00 it would be 17:00–18:00, past closing.
        var morning = new DateTimeOffset(monday.AddHours(9), TimeSpan.Zero);
        var booked = await street.PostAsJsonAsync($"{Api}/venues/{hall.Id}/bookings",
            new { start = morning, end = morning.AddHours(1), purpose = "时区测试" }, Json, Cancel);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var booking = (await booked.Content.ReadFromJsonAsync<BookingResponse>(Json, Cancel))!;
        Assert.Equal(morning, booking.Start);

        // 06:00–07:00 UTC is before opening in UTC; at +08:00 it would be 14:00–15:00, open.
        var early = new DateTimeOffset(monday.AddHours(6), TimeSpan.Zero);
        var refused = await street.PostAsJsonAsync($"{Api}/venues/{hall.Id}/bookings",
            new { start = early, end = early.AddHours(1), purpose = "时区测试" }, Json, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task Cadence_WithAnotherZoneConfigured_PlansMeetingsAtTheWallClockTimeOfThatZone()
    {
        await using var app = new GongzhiApp { Settings = { ["WorkingTime:TimeZone"] = "UTC" } };
        await app.InitializeAsync();
        var body = await app.WithDbAsync(db => db.Set<ConferenceBody>().FirstAsync(b => b.JurisdictionCode == "420103002", Cancel));
        using var street = await app.ClientForAsync("street.420103002");

        var response = await street.PutAsJsonAsync($"{Api}/bodies/{body.Id}/cadence",
            new { weekOfMonth = 2, day = DayOfWeek.Tuesday, time = "09:30", place = "会议室", monthsAhead = 2 }, Json, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cadence = (await response.Content.ReadFromJsonAsync<CadenceResponse>(Json, Cancel))!;
        var planned = cadence.Planned.Where(m => m.Title.EndsWith("月例会", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, planned.Count);
        Assert.All(planned, m =>
        {
            var utc = m.ScheduledAt.ToUniversalTime();
            Assert.Equal(new TimeSpan(9, 30, 0), utc.TimeOfDay);
            Assert.Equal(DayOfWeek.Tuesday, utc.DayOfWeek);
            Assert.InRange(utc.Day, 8, 14);
        });
    }
}
