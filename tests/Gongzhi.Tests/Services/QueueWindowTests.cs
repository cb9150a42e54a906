using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Services.Queue;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Services.QueueApiTests;

namespace Gongzhi.Tests.Services;

/// <summary>
/// What a window does besides calling and finishing: recall (重呼), transfer to another group (转组), a missed ticket back in
/// line (过号重排); one waiting place per person when their takes race; arranging the groups; the demo's day in the hall.
/// </summary>
public sealed class QueueWindowTests(GongzhiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Guid ticket, string action, object? body = null) =>
        client.PostAsJsonAsync($"{Tickets}/{ticket}/{action}", body ?? new { }, Json, Cancel);

    [Fact]
    public async Task Transfer_WaitsInTheNewLineByItsTakingTime_KeepsItsLabelAndFirstWait_ServiceAddsUp()
    {
        using var clerk = await app.ClientForAsync("street.420103001");
        await ArrangeAsync(clerk, "E");
        await ArrangeAsync(clerk, "F");
        var first = await ReadAsync<TicketResponse>(await TakeAsync(clerk, "E"), HttpStatusCode.Created);
        var later = await ReadAsync<TicketResponse>(await TakeAsync(clerk, "F"), HttpStatusCode.Created);

        var called = await ReadAsync<TicketResponse>(await CallAsync(clerk, 51, "E"), HttpStatusCode.OK);
        Assert.Equal(first.Id, called.Id);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(clerk, first.Id, "transfer", new { group = "E" })).StatusCode);
        var unknown = await PostAsync(clerk, first.Id, "transfer", new { group = "Q" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("group", await unknown.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        var moved = await ReadAsync<TicketResponse>(await PostAsync(clerk, first.Id, "transfer", new { group = "F" }), HttpStatusCode.OK);
        Assert.Equal(TicketState.Waiting, moved.State);
        Assert.Equal("F", moved.Group);
        Assert.StartsWith("E", moved.Label, StringComparison.Ordinal);
        Assert.Equal(1, moved.Transfers);
        Assert.Null(moved.Window);
        // Taken before the F ticket, it is called before it at the F window; the E window has nothing left.
        Assert.Equal(HttpStatusCode.NoContent, (await CallAsync(clerk, 51, "E")).StatusCode);
        var again = await ReadAsync<TicketResponse>(await CallAsync(clerk, 52, "F"), HttpStatusCode.OK);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(called.WaitSeconds, again.WaitSeconds);
        await ReadAsync<TicketResponse>(await PostAsync(clerk, first.Id, "serve"), HttpStatusCode.OK);
        Assert.Equal(later.Id, (await ReadAsync<TicketResponse>(await CallAsync(clerk, 52, "F"), HttpStatusCode.OK)).Id);

        var stored = await app.WithDbAsync(db => db.Set<QueueTicket>().IgnoreQueryFilters().AsNoTracking().FirstAsync(t => t.Id == first.Id, Cancel));
        // The time at the E window is kept: the service is more than the last call's stretch alone would give.
        Assert.True(stored.ServiceSeconds >= (int)Math.Round((stored.FinishedAt!.Value - stored.CalledAt!.Value).TotalSeconds));
        Assert.Equal("E", stored.Prefix);
        Assert.Equal("F", stored.Line);
    }

    [Fact]
    public async Task Recall_IsAnnouncedOnTheDisplay_AMissedTicketGoesBackToTheEndOfTheLine()
    {
        using var clerk = await app.ClientForAsync("street.420103001");
        await ArrangeAsync(clerk, "L");
        var missed = await ReadAsync<TicketResponse>(await TakeAsync(clerk, "L"), HttpStatusCode.Created);
        var next = await ReadAsync<TicketResponse>(await TakeAsync(clerk, "L"), HttpStatusCode.Created);

        await ReadAsync<TicketResponse>(await CallAsync(clerk, 53, "L"), HttpStatusCode.OK);
        var recalled = await ReadAsync<TicketResponse>(await PostAsync(clerk, missed.Id, "recall"), HttpStatusCode.OK);
        Assert.Equal(1, recalled.Recalls);
        using var anonymous = app.Anonymous();
        var display = await ReadAsync<HallDisplay>(await anonymous.GetAsync($"{Centre}/display", Cancel), HttpStatusCode.OK);
        var window = Assert.Single(display.Windows, w => w.Window == 53);
        Assert.Equal(missed.Label, window.Label);
        Assert.Equal(1, window.Recalls);
        Assert.True(window.AnnouncedAt > window.CalledAt);

        await ReadAsync<TicketResponse>(await PostAsync(clerk, missed.Id, "no-show"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(clerk, missed.Id, "recall")).StatusCode);
        var back = await ReadAsync<TicketResponse>(await PostAsync(clerk, missed.Id, "requeue"), HttpStatusCode.OK);
        Assert.Equal(TicketState.Waiting, back.State);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(clerk, missed.Id, "requeue")).StatusCode);
        // Back in line behind the one who was there on time.
        var view = await ReadAsync<TicketResponse>(await clerk.GetAsync($"{Tickets}/{missed.Id}", Cancel), HttpStatusCode.OK);
        Assert.Equal(1, view.Ahead);
        Assert.Equal(next.Id, (await ReadAsync<TicketResponse>(await CallAsync(clerk, 53, "L"), HttpStatusCode.OK)).Id);
        await ReadAsync<TicketResponse>(await PostAsync(clerk, next.Id, "serve"), HttpStatusCode.OK);
        Assert.Equal(missed.Id, (await ReadAsync<TicketResponse>(await CallAsync(clerk, 53, "L"), HttpStatusCode.OK)).Id);

        using var otherStreet = await app.ClientForAsync("street.420103002");
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(otherStreet, missed.Id, "recall")).StatusCode);
    }

    [Fact]
    public async Task AResidentsTakesAtTheSameInstant_HoldOnePlace()
    {
        using var clerk = await app.ClientForAsync("street.420103001");
        await ArrangeAsync(clerk, "I");
        using var resident = await app.ClientForAsync("resident1");
        var takes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => TakeAsync(resident, "I")));
        Assert.Single(takes, t => t.StatusCode == HttpStatusCode.Created);
        Assert.All(takes.Where(t => t.StatusCode != HttpStatusCode.Created), t => Assert.Equal(HttpStatusCode.Conflict, t.StatusCode));
        var mine = await app.WithDbAsync(db => db.Set<QueueTicket>().IgnoreQueryFilters()
            .CountAsync(t => t.JurisdictionCode == Street && t.Prefix == "I" && t.HolderUserId != null, Cancel));
        Assert.Equal(1, mine);
    }

    [Fact]
    public async Task ReviseGroup_ChangesNameAndItems_KeepsTheLetter_ChecksTheCatalogue_AndTheScope()
    {
        using var clerk = await app.ClientForAsync("street.420103001");
        await ArrangeAsync(clerk, "J");
        var revised = await ReadAsync<QueueGroupResponse>(await clerk.PutAsJsonAsync($"{Centre}/groups/j",
            new { name = "老年优待", itemCodes = new[] { "MZ-LS-01", "MZ-YL-01" } }, Json, Cancel), HttpStatusCode.OK);
        Assert.Equal("J", revised.Prefix);
        Assert.Equal("老年优待", revised.Name);
        Assert.Equal(["MZ-LS-01", "MZ-YL-01"], revised.ItemCodes);

        var bad = await clerk.PutAsJsonAsync($"{Centre}/groups/J", new { name = "老年优待", itemCodes = new[] { "NO-SUCH-01" } }, Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("NO-SUCH-01", await bad.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.PostAsJsonAsync($"{Centre}/groups",
            new { prefix = "Y", name = "未知事项", itemCodes = new[] { "NO-SUCH-02" } }, Json, Cancel)).StatusCode);
        using var otherStreet = await app.ClientForAsync("street.420103002");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.PutAsJsonAsync($"{Centre}/groups/J", new { name = "越权" }, Json, Cancel)).StatusCode);
        using var resident = await app.ClientForAsync("resident2");
        Assert.Contains((await resident.PutAsJsonAsync($"{Centre}/groups/J", new { name = "越权" }, Json, Cancel)).StatusCode,
            new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        using var anonymous = app.Anonymous();
        var groups = await ReadAsync<List<QueueGroupResponse>>(await anonymous.GetAsync($"{Centre}/groups", Cancel), HttpStatusCode.OK);
        Assert.Equal("老年优待", Assert.Single(groups, g => g.Prefix == "J").Name);
    }

    [Fact]
    public async Task TheDemoDay_ShowsAWindowAtWork_AndPeopleWaiting_AndTheNextTakeFollowsItsNumbers()
    {
        const string demoCentre = "420103002";
        using var anonymous = app.Anonymous();
        var display = await ReadAsync<HallDisplay>(await anonymous.GetAsync($"/api/v1/services/centres/{demoCentre}/display", Cancel), HttpStatusCode.OK);
        Assert.Contains(display.Windows, w => w.State == TicketState.Called);
        Assert.True(display.Waiting >= 3, $"{display.Waiting} waiting");
        Assert.NotNull(display.AverageWaitSeconds);
        using var clerk = await app.ClientForAsync("street.420103002");
        var seeded = await app.WithDbAsync(db => db.Set<QueueTicket>().IgnoreQueryFilters()
            .Where(t => t.JurisdictionCode == demoCentre && t.Prefix == "C").MaxAsync(t => t.Number, Cancel));
        var taken = await ReadAsync<TicketResponse>(await TakeAsync(clerk, "C", centre: demoCentre), HttpStatusCode.Created);
        Assert.Equal(seeded + 1, taken.Number);
    }
}
