using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gongzhi.Tests.Cases.Api;
using Gongzhi.Tests.Security;
using static Gongzhi.Tests.Webhooks.WebhookKit;

namespace Gongzhi.Tests.Webhooks;

[Collection(WebhookCollection.Name)]
public sealed class WebhookDeliveryTests(WebhookApp fixture)
{
    private Infrastructure.GongzhiApp App => fixture.App;

    private WebhookReceiver Receiver => fixture.Receiver;

    private static string Hmac(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    [Fact]
    public async Task Deliveries_AreSignedOverTheRawBody_WithTheSubscriptionSecret_OneEachInTheCasesOrder()
    {
        using var admin = await App.ClientForAsync("admin");
        const string secret = "城管局系统-推送签名密钥-2026年12月";
        var path = $"signed-{Guid.NewGuid():N}";
        await SubscribeAsync(admin, await OrganisationAsync(App, "420103.cgj"), Receiver.Url(path), secret);

        var caseId = await CaseAsync(App, "closed");

        await EventuallyAsync(async () => Receiver.For(path, caseId).Count == 4, "four deliveries");
        var posts = Receiver.For(path, caseId);
        Assert.Equal(["case.dispatched", "case.accepted", "case.resolved", "case.closed"], posts.Select(p => p.Event));
        Assert.All(posts, p => Assert.Equal(Hmac(secret, p.Body), p.Signature));
        Assert.NotEqual(Hmac("another-secret-of-16", posts[0].Body), posts[0].Signature);
        Assert.Equal(4, posts.Select(p => p.DeliveryId).Distinct().Count());
        Assert.True(posts.Zip(posts.Skip(1)).All(pair => pair.First.Sequence < pair.Second.Sequence));
        using var body = JsonDocument.Parse(posts[0].Body);
        Assert.Equal(posts[0].DeliveryId, body.RootElement.GetProperty("id").GetGuid());
        // No personal data leaves: the reporter and the free text stay in Gongzhi.
        var text = Encoding.UTF8.GetString(posts[0].Body);
        Assert.DoesNotContain("油污", text, StringComparison.Ordinal);
        Assert.DoesNotContain("reporter", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ReceiverDownForAWhile_GetsEveryEventOnceBack_AndACasesLaterEventWaitsForItsEarlierOne()
    {
        using var admin = await App.ClientForAsync("admin");
        var path = $"down-{Guid.NewGuid():N}";
        Receiver.Down[path] = true;
        var subscription = (await SubscribeAsync(admin, await OrganisationAsync(App, "420103.cgj"), Receiver.Url(path), "down-for-a-while-secret"))
            .GetProperty("id").GetGuid();

        var first = await CaseAsync(App, "resolved");
        var second = await CaseAsync(App, "accepted");

        await EventuallyAsync(async () => (await DeliveriesOfAsync(admin, subscription, first)).Any(d => d.GetProperty("attempts").GetInt32() >= 2),
            "retries while the receiver is down");
        foreach (var caseId in new[] { first, second })
        {
            var waiting = (await DeliveriesOfAsync(admin, subscription, caseId)).OrderBy(d => d.GetProperty("sequence").GetInt64()).ToList();
            Assert.All(waiting, d => Assert.Equal("Pending", d.GetProperty("state").GetString()));
            // Only the case's earliest event is tried; the later ones wait for it.
            Assert.All(waiting.Skip(1), d => Assert.Equal(0, d.GetProperty("attempts").GetInt32()));
        }
        var tried = (await DeliveriesOfAsync(admin, subscription, first)).Single(d => d.GetProperty("attempts").GetInt32() > 0);
        Assert.Contains("503", tried.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Empty(Receiver.For(path, first));

        Receiver.Down.TryRemove(path, out _);

        await EventuallyAsync(async () => Receiver.For(path, first).Count == 3 && Receiver.For(path, second).Count == 2, "every event once back");
        Assert.Equal(["case.dispatched", "case.accepted", "case.resolved"], Receiver.For(path, first).Select(p => p.Event));
        Assert.Equal(["case.dispatched", "case.accepted"], Receiver.For(path, second).Select(p => p.Event));
        await EventuallyAsync(async () => (await DeliveriesAsync(admin, subscription)).All(d => d.GetProperty("state").GetString() == "Delivered"),
            "all marked delivered");
        // Nothing arrives twice.
        await Task.Delay(1000, Cancel);
        Assert.Equal(5, Receiver.Accepted.Where(p => p.Path == path).Select(p => p.DeliveryId).Distinct().Count());
        Assert.Equal(5, Receiver.Accepted.Count(p => p.Path == path));
    }

    [Fact]
    public async Task Replay_SendsADeliveredEventAgain_UnderTheSameDeliveryId_AndAPendingOneIs409()
    {
        using var admin = await App.ClientForAsync("admin");
        var path = $"replay-{Guid.NewGuid():N}";
        var subscription = (await SubscribeAsync(admin, await OrganisationAsync(App, "420103.cgj"), Receiver.Url(path), "replay-secret-0123456",
            ["case.dispatched"])).GetProperty("id").GetGuid();
        var caseId = await CaseAsync(App, "dispatched");
        await EventuallyAsync(async () => (await DeliveriesOfAsync(admin, subscription, caseId)).Any(d => d.GetProperty("state").GetString() == "Delivered"),
            "the first delivery");
        var delivery = (await DeliveriesOfAsync(admin, subscription, caseId)).Single();

        var replayed = await admin.PostAsync($"{Api}/deliveries/{delivery.GetProperty("id").GetGuid()}/replay", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);

        await EventuallyAsync(async () => Receiver.For(path, caseId).Count == 2, "the replay");
        var posts = Receiver.For(path, caseId);
        Assert.Equal(posts[0].DeliveryId, posts[1].DeliveryId);
        Assert.Equal(posts[0].Body, posts[1].Body);
        await EventuallyAsync(async () => (await DeliveriesOfAsync(admin, subscription, caseId)).Single().GetProperty("attempts").GetInt32() == 2,
            "two attempts recorded");

        Receiver.Down[path] = true;
        var pending = await admin.PostAsync($"{Api}/deliveries/{delivery.GetProperty("id").GetGuid()}/replay", null, Cancel);
        var again = await admin.PostAsync($"{Api}/deliveries/{delivery.GetProperty("id").GetGuid()}/replay", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, pending.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Receiver.Down.TryRemove(path, out _);
    }

    [Fact]
    public async Task Disable_StopsNewDeliveries_AndTheListShowsItDisabled()
    {
        using var admin = await App.ClientForAsync("admin");
        var path = $"disabled-{Guid.NewGuid():N}";
        var subscription = (await SubscribeAsync(admin, await OrganisationAsync(App, "420103.cgj"), Receiver.Url(path), "disabled-secret-0123"))
            .GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Api}/{subscription}/disable", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"{Api}/{subscription}/disable", null, Cancel)).StatusCode);

        var caseId = await CaseAsync(App, "accepted");

        Assert.Empty(await DeliveriesOfAsync(admin, subscription, caseId));
        var listed = (await admin.GetFromJsonAsync<JsonElement>(Api, Cancel)).EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == subscription);
        Assert.False(listed.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task AnotherDistrictsAdmin_CannotSubscribeOrSee_WhileTheDistrictsOwnAdminCan()
    {
        var cgj = await OrganisationAsync(App, "420103.cgj");
        using var qiaokou = SecurityKit.WithToken(App, await SecurityKit.TokenAsync(App, await SecurityKit.CreateAccountAsync(App, "whq", "420104", "Admin")));
        using var jianghan = SecurityKit.WithToken(App, await SecurityKit.TokenAsync(App, await SecurityKit.CreateAccountAsync(App, "whj", "420103", "Admin")));
        using var street = await App.ClientForAsync("street.420103001");

        var refused = await qiaokou.PostAsJsonAsync(Api, new { organisationId = cgj, url = Receiver.Url("x"), events = CaseEvents, secret = "qiaokou-secret-0123" },
            Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var notAdmin = await street.PostAsJsonAsync(Api, new { organisationId = cgj, url = Receiver.Url("x"), events = CaseEvents, secret = "street-secret-0123" },
            Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);

        var own = (await SubscribeAsync(jianghan, cgj, Receiver.Url($"own-{Guid.NewGuid():N}"), "jianghan-secret-0123")).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await qiaokou.GetAsync($"{Api}/{own}/deliveries", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await qiaokou.PostAsync($"{Api}/{own}/disable", null, Cancel)).StatusCode);
        Assert.DoesNotContain((await qiaokou.GetFromJsonAsync<JsonElement>(Api, Cancel)).EnumerateArray(), s => s.GetProperty("id").GetGuid() == own);
        Assert.Contains((await jianghan.GetFromJsonAsync<JsonElement>(Api, Cancel)).EnumerateArray(), s => s.GetProperty("id").GetGuid() == own);
        Assert.Equal(HttpStatusCode.OK, (await jianghan.PostAsync($"{Api}/{own}/disable", null, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Create_WithBadInput_Returns400NamingTheField_AndTheSecretIsStoredEncrypted()
    {
        using var admin = await App.ClientForAsync("admin");
        var cgj = await OrganisationAsync(App, "420103.cgj");
        async Task<string> FieldAsync(object body)
        {
            var response = await admin.PostAsJsonAsync(Api, body, Cancel);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors");
            return Assert.Single(errors.EnumerateObject()).Name;
        }
        Assert.Equal("events", await FieldAsync(new { organisationId = cgj, url = Receiver.Url("x"), events = new[] { "case.exploded" }, secret = "good-secret-0123456" }));
        Assert.Equal("secret", await FieldAsync(new { organisationId = cgj, url = Receiver.Url("x"), events = CaseEvents, secret = "short" }));
        Assert.Equal("organisationId", await FieldAsync(new { organisationId = Guid.NewGuid(), url = Receiver.Url("x"), events = CaseEvents, secret = "good-secret-0123456" }));
        Assert.Equal("url", await FieldAsync(new { organisationId = cgj, url = "ftp://example.org/x", events = CaseEvents, secret = "good-secret-0123456" }));

        const string secret = "never-in-the-database-0123";
        var id = (await SubscribeAsync(admin, cgj, Receiver.Url("stored"), secret)).GetProperty("id").GetGuid();
        var stored = await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<Gongzhi.Modules.Webhooks.WebhookSubscription>(), s => s.Id == id, Cancel));
        Assert.DoesNotContain(secret, stored.SecretProtected, StringComparison.Ordinal);
        await admin.PostAsync($"{Api}/{id}/disable", null, Cancel);
    }
}
