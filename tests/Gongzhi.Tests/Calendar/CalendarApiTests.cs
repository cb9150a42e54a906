using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Platform.Audit;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Calendar;

public sealed class CalendarApiTests(GongzhiApp app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetYear_ReturnsTheSeededSpecialDays()
    {
        using var client = await app.ClientForAsync("resident1");
        var year = await client.GetFromJsonAsync<CalendarYearResponse>("/api/v1/calendar/2026", Json, Cancel);
        Assert.True(year!.Known);
        Assert.Contains(year.Days, d => d.Date == new DateOnly(2026, 2, 17) && d.Kind == CalendarDayKind.Holiday && d.Name == "春节");
        Assert.Contains(year.Days, d => d.Date == new DateOnly(2026, 2, 14) && d.Kind == CalendarDayKind.Workday);

        var unknown = await client.GetFromJsonAsync<CalendarYearResponse>("/api/v1/calendar/2031", Json, Cancel);
        Assert.False(unknown!.Known);
        Assert.Empty(unknown.Days);
    }

    [Fact]
    public async Task PutAndDelete_ChangeTheWorkingCalendarAtOnce_AndAreAudited()
    {
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        var day = new DateOnly(2098, 3, 4);
        Assert.True(calendar.IsWorkingDay(day));
        using var client = await app.ClientForAsync("admin");

        var put = await client.PutAsJsonAsync("/api/v1/calendar/days/2098-03-04", new { kind = "holiday", name = "城市纪念日" }, Cancel);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.False(calendar.IsWorkingDay(day));

        var delete = await client.DeleteAsync("/api/v1/calendar/days/2098-03-04", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.True(calendar.IsWorkingDay(day));
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/v1/calendar/days/2098-03-04", Cancel)).StatusCode);

        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Subject == nameof(CalendarDay) && e.SubjectKey == "2098-03-04")
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["created", "deleted"], audit);
    }

    [Theory]
    [InlineData("2098-03-05", "workday", "调休", "kind")]
    [InlineData("2098-03-01", "workday", "", "name")]
    [InlineData("2098-3-7", "holiday", "x", "date")]
    [InlineData("tomorrow", "holiday", "x", "date")]
    public async Task Put_WithBadInput_ReturnsValidationProblemNamingTheField(string date, string kind, string name, string field)
    {
        using var client = await app.ClientForAsync("admin");
        var response = await client.PutAsJsonAsync($"/api/v1/calendar/days/{date}", new { kind, name }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Json, Cancel);
        Assert.Equal([field], problem!.Errors.Keys);
    }

    [Fact]
    public async Task GetYear_OutOfRange_ReturnsValidationProblem()
    {
        using var client = await app.ClientForAsync("admin");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/calendar/1800", Cancel)).StatusCode);
    }
}
