using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Notifications;
using Gongzhi.Tests.Infrastructure;
using Gongzhi.Tests.Participation;
using Gongzhi.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases.Api;

/// <summary>Reports without an account (a number proven by a code), their follow links, open cases nearby and 我也遇到了.</summary>
public sealed class GuestReportApiTests(GongzhiApp app)
{
    private const string GuestName = "游客张桂芳";

    [Fact]
    public async Task GuestReport_WithAWrongCode_Is400OnTheCode_WithTheRightCode_FilesOneCase_AndARetryAnswersTheSameCaseAndLink()
    {
        using var visitor = app.Anonymous();
        var phone = RegistrationFlow.NewPhone();
        var code = await CodeForAsync(visitor, phone);
        var wrong = code == "000000" ? "111111" : "000000";
        var key = Guid.NewGuid().ToString("N");
        var soon = await visitor.PostAsJsonAsync("/api/v1/cases/guest/codes", new { phone }, Json, Cancel);
        Assert.Equal(HttpStatusCode.TooManyRequests, soon.StatusCode);
        Assert.NotNull(soon.Headers.RetryAfter);

        var refused = await GuestReportAsync(visitor, phone, wrong, key);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(Json, Cancel)).GetProperty("errors").TryGetProperty("code", out _));

        var first = await GuestReportAsync(visitor, phone, code, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var made = await first.Content.ReadFromJsonAsync<JsonElement>(Json, Cancel);
        var again = await GuestReportAsync(visitor, phone, code, key);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var retried = await again.Content.ReadFromJsonAsync<JsonElement>(Json, Cancel);

        var id = made.GetProperty("case").GetProperty("id").GetGuid();
        Assert.Equal(id, retried.GetProperty("case").GetProperty("id").GetGuid());
        Assert.Equal(made.GetProperty("followToken").GetString(), retried.GetProperty("followToken").GetString());
        var stored = await app.WithDbAsync(db => db.Set<Case>().IgnoreQueryFilters().Where(c => c.Id == id)
            .Select(c => new { c.ReporterUserId, c.ReporterPhoneMasked, c.ReporterNameProtected, c.Channel }).SingleAsync(Cancel));
        Assert.Null(stored.ReporterUserId);
        Assert.Equal(phone[..3] + "****" + phone[^4..], stored.ReporterPhoneMasked);
        Assert.NotNull(stored.ReporterNameProtected);
        Assert.Equal(CaseChannel.Web, stored.Channel);
    }

    [Fact]
    public async Task FollowLink_ShowsTheCaseWithoutTheReportersNameOrNumber_AndAWrongTokenIs404()
    {
        using var visitor = app.Anonymous();
        var phone = RegistrationFlow.NewPhone();
        var reported = await FiledAsync(visitor, phone);
        var token = reported.GetProperty("followToken").GetString()!;

        var api = await visitor.GetAsync($"/api/v1/cases/follow/{token}", Cancel);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var apiText = await api.Content.ReadAsStringAsync(Cancel);
        var page = await visitor.GetAsync($"/cases/follow/{token}", Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var pageText = await page.Content.ReadAsStringAsync(Cancel);
        var reference = reported.GetProperty("case").GetProperty("reference").GetString()!;
        foreach (var text in new[] { apiText, pageText })
        {
            Assert.Contains(reference, text, StringComparison.Ordinal);
            Assert.DoesNotContain(GuestName, text, StringComparison.Ordinal);
            Assert.DoesNotContain(phone, text, StringComparison.Ordinal);
            Assert.DoesNotContain(phone[..3] + "****" + phone[^4..], text, StringComparison.Ordinal);
        }
        // Only the token's hash is kept, and the number nowhere in plaintext.
        Assert.Empty(await RegistrationFlow.WhereStoredAsync(app, phone, token));

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/api/v1/cases/follow/{new string('0', 64)}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/cases/follow/{new string('0', 64)}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task AnonymousGuestReport_IsTakenWithoutANumber_OnlyWhereTheCategoryAllowsIt()
    {
        using var visitor = app.Anonymous();
        var (lat, lon, _) = await PointInAsync(app, WanNianGrid);

        var allowed = await PostGuestAsync(visitor, new { categoryCode = "0103", title = "路面油污", description = "匿名反映", lat, lon, anonymous = true });
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        var refused = await PostGuestAsync(visitor, new { categoryCode = "0701", title = "物业不作为", description = "匿名反映", lat, lon, anonymous = true });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(Json, Cancel)).GetProperty("errors").TryGetProperty("anonymous", out _));
    }

    [Fact]
    public async Task Nearby_FindsTheOpenCaseOfTheCategoryWithinTheRadius_NotAClosedOneNorOneAKilometreAway()
    {
        using var resident = await app.ClientForAsync("resident1");
        var near = (await SubmitAsync(app, resident)).Id;
        var closed = (await SubmitAsync(app, resident)).Id;
        var far = (await SubmitAsync(app, resident)).Id;
        var otherKind = (await SubmitAsync(app, resident, category: "0104")).Id;
        await app.WithDbAsync(db => db.Set<Case>().IgnoreQueryFilters().Where(c => c.Id == closed)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CaseState.Closed), Cancel));
        await app.WithDbAsync(db => db.Set<Case>().IgnoreQueryFilters().Where(c => c.Id == far)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Latitude, c => c.Latitude + 0.009), Cancel));
        var (lat, lon, _) = await PointInAsync(app, WanNianGrid);
        using var visitor = app.Anonymous();

        var minor = await NearbyAsync(visitor, lat, lon, "0103");
        var major = await NearbyAsync(visitor, lat, lon, "01");

        var found = minor.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(near, found);
        Assert.DoesNotContain(closed, found);
        Assert.DoesNotContain(far, found);
        Assert.DoesNotContain(otherKind, found);
        Assert.Contains(otherKind, major.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        var item = minor.EnumerateArray().First(c => c.GetProperty("id").GetGuid() == near);
        Assert.False(item.TryGetProperty("title", out _));
        Assert.True(item.GetProperty("distanceMeters").GetInt32() <= 200);
        var bad = await visitor.GetAsync("/api/v1/cases/nearby?lat=30.5&lon=114.3&category=9999", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task MeToo_CountsOncePerAccountAndPerNumber_AndTheNumberHearsWhenTheCaseCloses()
    {
        using var a = await ActorsAsync(app);
        var id = await CaseInStateAsync(app, a, "verified");
        var userName = await SecurityKit.CreateAccountAsync(app, "metoo", "420103001002", "Resident");
        using var neighbour = await app.ClientForAsync(userName, SecurityKit.Password);

        Assert.Equal(HttpStatusCode.Created, (await SupportAsync(neighbour, id, new { })).StatusCode);
        var twice = await SupportAsync(neighbour, id, new { });
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Equal(1, (await twice.Content.ReadFromJsonAsync<JsonElement>(Json, Cancel)).GetProperty("supporters").GetInt32());

        using var visitor = app.Anonymous();
        var phone = RegistrationFlow.NewPhone();
        var wrong = await SupportAsync(visitor, id, new { phone, code = "12345" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var joined = await SupportAsync(visitor, id, new { phone, code = await CodeForAsync(visitor, phone) });
        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        var token = (await joined.Content.ReadFromJsonAsync<JsonElement>(Json, Cancel)).GetProperty("followToken").GetString();
        await RegistrationFlow.AgeCodesAsync(app, phone, TimeSpan.FromMinutes(5));
        var again = await SupportAsync(visitor, id, new { phone, code = await CodeForAsync(visitor, phone) });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var view = await visitor.GetFromJsonAsync<JsonElement>($"/api/v1/cases/follow/{token}", Json, Cancel);
        Assert.Equal(2, view.GetProperty("supporters").GetInt32());
        var page = await a.Street.GetStringAsync($"/cases/{id}", Cancel);
        Assert.Contains("data-supporters=\"2\"", page, StringComparison.Ordinal);

        var reference = (await GetAsync(a.Street, id)).Reference;
        await DoAsync(a.Street, id, "close");
        Assert.Contains(reference, app.Services.GetRequiredService<LoggingOutboundChannel>().LastTextTo(phone), StringComparison.Ordinal);
        var late = await SupportAsync(neighbour, id, new { });
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var newcomer = await app.ClientForAsync(await SecurityKit.CreateAccountAsync(app, "metoo", "420103001002", "Resident"), SecurityKit.Password);
        Assert.Equal(HttpStatusCode.Conflict, (await SupportAsync(newcomer, id, new { })).StatusCode);
        newcomer.Dispose();
    }

    private async Task<string> CodeForAsync(HttpClient visitor, string phone)
    {
        var sent = await visitor.PostAsJsonAsync("/api/v1/cases/guest/codes", new { phone }, Json, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        return RegistrationFlow.CodeSentTo(app, phone);
    }

    private async Task<HttpResponseMessage> GuestReportAsync(HttpClient visitor, string phone, string code, string? key = null)
    {
        var (lat, lon, _) = await PointInAsync(app, WanNianGrid);
        return await PostGuestAsync(visitor, new
        {
            categoryCode = "0103",
            title = "路口油污",
            description = "路口有一大片油污，行人容易滑倒。",
            lat,
            lon,
            reporterName = GuestName,
            reporterPhone = phone,
            code,
        }, key);
    }

    private async Task<JsonElement> FiledAsync(HttpClient visitor, string phone)
    {
        var response = await GuestReportAsync(visitor, phone, await CodeForAsync(visitor, phone));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, Cancel);
    }

    private static async Task<HttpResponseMessage> PostGuestAsync(HttpClient client, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases/guest") { Content = JsonContent.Create(body, options: Json) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return await client.SendAsync(request, Cancel);
    }

    private static async Task<JsonElement> NearbyAsync(HttpClient client, double lat, double lon, string category)
    {
        var response = await client.GetAsync(FormattableString.Invariant($"/api/v1/cases/nearby?lat={lat}&lon={lon}&category={category}"), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, Cancel);
    }

    private static Task<HttpResponseMessage> SupportAsync(HttpClient client, Guid id, object body) =>
        client.PostAsJsonAsync($"/api/v1/cases/{id}/supporters", body, Json, Cancel);
}
