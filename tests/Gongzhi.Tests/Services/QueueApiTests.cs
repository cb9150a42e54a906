using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Modules.Services.Queue;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Services;

/// <summary>The window queue: taking tickets (numbering under concurrency, idempotency), calling, finishing, the display and scope.</summary>
public sealed class QueueApiTests(GongzhiApp app)
{
    internal const string Street = "420103001";
    internal const string Centre = $"/api/v1/services/centres/{Street}";
    internal const string Tickets = "/api/v1/services/tickets";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    internal static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return (await response.Content.ReadFromJsonAsync<T>(Json, Cancel))!;
    }

    /// <summary>A group of the test's own at the centre, so that no other test's tickets are counted or called.</summary>
    internal static async Task ArrangeAsync(HttpClient clerk, string prefix, string centre = Street) =>
        await ReadAsync<QueueGroupResponse>(await clerk.PostAsJsonAsync($"/api/v1/services/centres/{centre}/groups",
            new { prefix, name = "测试分组" + prefix, itemCodes = new[] { "MZ-LS-01" } }, Json, Cancel), HttpStatusCode.Created);

    internal static Task<HttpResponseMessage> TakeAsync(HttpClient client, string group, string? key = null, string centre = Street)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/services/centres/{centre}/tickets") { Content = JsonContent.Create(new { group }, options: Json) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return client.SendAsync(request, Cancel);
    }

    internal static Task<HttpResponseMessage> CallAsync(HttpClient clerk, int window, string group, string centre = Street) =>
        clerk.PostAsJsonAsync($"/api/v1/services/centres/{centre}/windows/{window}/call", new { groups = new[] { group } }, Json, Cancel);

    [Fact]
    public async Task TakeTicket_ConcurrentTakesOnOneGroup_NeverGiveTwoEqualNumbers()
    {
        using var clerk = await app.ClientForAsync("street.420103001");
        using var resident1 = await app.ClientForAsync("resident1");
        using var resident2 = await app.ClientForAsync("resident2");
        await ArrangeAsync(clerk, "T");
        // The door clerk hands out tickets to walk-ins while two residents take theirs (one each: a person holds one place).
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => TakeAsync(i switch { 7 => resident1, 19 => resident2, _ => clerk }, "T")));
        var tickets = new List<TicketResponse>();
        foreach (var response in responses)
        {
            tickets.Add(await ReadAsync<TicketResponse>(response, HttpStatusCode.Created));
        }
        Assert.Equal(Enumerable.Range(1, 30), tickets.Select(t => t.Number).Order());
        Assert.Equal(30, tickets.Select(t => t.Label).Distinct().Count());
        Assert.Contains(tickets, t => t.Label == "T001");
        Assert.Contains(tickets, t => t.Label == "T030");
        // The resident's ticket is theirs; the door clerk's is nobody's.
        Assert.All(tickets.Where((_, i) => i is not (7 or 19)), t => Assert.False(t.Mine));
        Assert.True(tickets[7].Mine);
        var stored = await app.WithDbAsync(db => db.Set<QueueTicket>().IgnoreQueryFilters().Where(t => t.JurisdictionCode == Street && t.Prefix == "T")
            .Select(t => t.Number).ToListAsync(Cancel));
        Assert.Equal(Enumerable.Range(1, 30), stored.Order());
    }

    [Fact]
    public async Task TakeTicket_WithTheSameKeyTwice_AnswersWithTheFirstTicket_AnotherRequestIs422()
    {
        using var clerk = await app.ClientForAsync("street.420103001");
        await ArrangeAsync(clerk, "K");
        using var resident = await app.ClientForAsync("resident1");
        var key = Guid.NewGuid().ToString();
        var first = await ReadAsync<TicketResponse>(await TakeAsync(resident, "K", key), HttpStatusCode.Created);
        var again = await ReadAsync<TicketResponse>(await TakeAsync(resident, "K", key), HttpStatusCode.OK);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Label, again.Label);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await TakeAsync(resident, "A", key)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<QueueTicket>().IgnoreQueryFilters().CountAsync(t => t.IdempotencyKey == key, Cancel)));
        var unknown = await TakeAsync(resident, "Q");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("group", await unknown.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task TakeTicket_WhileTheResidentWaitsInTheGroup_Is409NamingTheirTicket_AnotherGroupAndAfterTheCallAreFine()
    {
        using var clerk = await app.ClientForAsync("street.420103001");
        await ArrangeAsync(clerk, "G");
        await ArrangeAsync(clerk, "H");
        using var resident = await app.ClientForAsync("resident2");
        var mine = await ReadAsync<TicketResponse>(await TakeAsync(resident, "G"), HttpStatusCode.Created);

        var again = await TakeAsync(resident, "G");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(mine.Label, await again.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        await ReadAsync<TicketResponse>(await TakeAsync(resident, "H"), HttpStatusCode.Created);
        // The door clerk may hand out as many as walk in.
        await ReadAsync<TicketResponse>(await TakeAsync(clerk, "G"), HttpStatusCode.Created);
        await ReadAsync<TicketResponse>(await TakeAsync(clerk, "G"), HttpStatusCode.Created);

        Assert.Equal(mine.Id, (await ReadAsync<TicketResponse>(await CallAsync(clerk, 9, "G"), HttpStatusCode.OK)).Id);
        await ReadAsync<TicketResponse>(await TakeAsync(resident, "G"), HttpStatusCode.Created);
    }

    [Fact]
    public async Task CallNext_CallsInTheOrderTaken_MeasuresWaitAndService_AndTheDisplayShowsTheWindow()
    {
        using var clerk = await app.ClientForAsync("street.420103001");
        await ArrangeAsync(clerk, "U");
        using var resident = await app.ClientForAsync("resident1");
        var first = await ReadAsync<TicketResponse>(await TakeAsync(clerk, "U"), HttpStatusCode.Created);
        var second = await ReadAsync<TicketResponse>(await TakeAsync(resident, "U"), HttpStatusCode.Created);
        var waiting = await ReadAsync<TicketResponse>(await resident.GetAsync($"{Tickets}/{second.Id}", Cancel), HttpStatusCode.OK);
        Assert.Equal(1, waiting.Ahead);
        Assert.True(waiting.Mine);

        var called = await ReadAsync<TicketResponse>(await CallAsync(clerk, 7, "U"), HttpStatusCode.OK);
        Assert.Equal(first.Id, called.Id);
        Assert.Equal(TicketState.Called, called.State);
        Assert.Equal(7, called.Window);
        Assert.NotNull(called.WaitSeconds);
        // The window finishes its ticket before calling another.
        Assert.Equal(HttpStatusCode.Conflict, (await CallAsync(clerk, 7, "U")).StatusCode);

        using var anonymous = app.Anonymous();
        var display = await ReadAsync<HallDisplay>(await anonymous.GetAsync($"{Centre}/display", Cancel), HttpStatusCode.OK);
        Assert.Contains(display.Windows, w => w.Window == 7 && w.Label == first.Label && w.State == TicketState.Called);
        Assert.Contains(display.Groups, g => g.Prefix == "U" && g.Waiting == 1);
        Assert.DoesNotContain("resident", JsonSerializer.Serialize(display));

        var served = await ReadAsync<TicketResponse>(await clerk.PostAsJsonAsync($"{Tickets}/{first.Id}/serve", new { }, Json, Cancel), HttpStatusCode.OK);
        Assert.Equal(TicketState.Served, served.State);
        Assert.NotNull(served.ServiceSeconds);
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsJsonAsync($"{Tickets}/{first.Id}/no-show", new { }, Json, Cancel)).StatusCode);

        var next = await ReadAsync<TicketResponse>(await CallAsync(clerk, 7, "U"), HttpStatusCode.OK);
        Assert.Equal(second.Id, next.Id);
        Assert.Equal(TicketState.NoShow,
            (await ReadAsync<TicketResponse>(await clerk.PostAsJsonAsync($"{Tickets}/{second.Id}/no-show", new { }, Json, Cancel), HttpStatusCode.OK)).State);
        Assert.Equal(HttpStatusCode.NoContent, (await CallAsync(clerk, 7, "U")).StatusCode);
        var stored = await app.WithDbAsync(db => db.Set<QueueTicket>().IgnoreQueryFilters().AsNoTracking().FirstAsync(t => t.Id == first.Id, Cancel));
        Assert.Equal((int)Math.Round((stored.CalledAt!.Value - stored.TakenAt).TotalSeconds), stored.WaitSeconds);
        Assert.Equal((int)Math.Round((stored.FinishedAt!.Value - stored.CalledAt.Value).TotalSeconds), stored.ServiceSeconds);
    }

    [Fact]
    public async Task TwoWindowsCallingAtOnce_NeverCallTheSameTicket()
    {
        using var clerk = await app.ClientForAsync("street.420103001");
        await ArrangeAsync(clerk, "P");
        for (var i = 0; i < 6; i++)
        {
            await ReadAsync<TicketResponse>(await TakeAsync(clerk, "P"), HttpStatusCode.Created);
        }
        var calls = await Task.WhenAll(Enumerable.Range(31, 6).Select(window => CallAsync(clerk, window, "P")));
        var called = new List<TicketResponse>();
        foreach (var call in calls)
        {
            called.Add(await ReadAsync<TicketResponse>(call, HttpStatusCode.OK));
        }
        Assert.Equal(6, called.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public async Task Scope_AnotherStreetsClerk_GetsNotFound_AndAnotherResidentCannotSeeTheTicket()
    {
        using var clerk = await app.ClientForAsync("street.420103001");
        await ArrangeAsync(clerk, "S");
        using var resident1 = await app.ClientForAsync("resident1");
        var ticket = await ReadAsync<TicketResponse>(await TakeAsync(resident1, "S"), HttpStatusCode.Created);

        using var otherStreet = await app.ClientForAsync("street.420103002");
        Assert.Equal(HttpStatusCode.NotFound, (await CallAsync(otherStreet, 1, "S")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync($"{Centre}/tickets", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync($"{Tickets}/{ticket.Id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.PostAsJsonAsync($"{Tickets}/{ticket.Id}/serve", new { }, Json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await otherStreet.PostAsJsonAsync($"{Centre}/groups", new { prefix = "Z", name = "越权" }, Json, Cancel)).StatusCode);
        using var resident2 = await app.ClientForAsync("resident2");
        Assert.Equal(HttpStatusCode.NotFound, (await resident2.GetAsync($"{Tickets}/{ticket.Id}", Cancel)).StatusCode);
        // A resident takes tickets at any centre but never calls them; a grid worker takes none.
        Assert.NotEqual(HttpStatusCode.OK, (await CallAsync(resident1, 1, "S")).StatusCode);
        using var grid = await app.ClientForAsync("grid.420103001002001");
        Assert.Equal(HttpStatusCode.Forbidden, (await TakeAsync(grid, "S")).StatusCode);
        var list = await ReadAsync<List<TicketResponse>>(await clerk.GetAsync($"{Centre}/tickets", Cancel), HttpStatusCode.OK);
        Assert.Contains(list, t => t.Id == ticket.Id);
        Assert.All(list, t => Assert.Equal(Street, t.Centre));
    }

    [Fact]
    public async Task Groups_ALetterTwice_Is409()
    {
        using var clerk = await app.ClientForAsync("street.420103001");
        await ArrangeAsync(clerk, "R");
        Assert.Equal(HttpStatusCode.Conflict,
            (await clerk.PostAsJsonAsync($"{Centre}/groups", new { prefix = "r", name = "重复" }, Json, Cancel)).StatusCode);
        var bad = await clerk.PostAsJsonAsync($"{Centre}/groups", new { prefix = "AB", name = "" }, Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var anonymous = app.Anonymous();
        var groups = await ReadAsync<List<QueueGroupResponse>>(await anonymous.GetAsync($"{Centre}/groups", Cancel), HttpStatusCode.OK);
        Assert.Contains(groups, g => g.Prefix == "R");
        Assert.Contains(groups, g => g.Prefix == "A" && g.Name == "社保医保");
    }
}
