using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Organisations;
using Gongzhi.Tests.Cases.Api;
using Gongzhi.Tests.Infrastructure;

namespace Gongzhi.Tests.Webhooks;

/// <summary>
/// An instance of its own that lets subscribers sit on loopback (the receiver is local) and retries quickly, with a
/// receiver started beside it.
/// </summary>
public sealed class WebhookApp : IAsyncLifetime
{
    public GongzhiApp App { get; private set; } = null!;

    internal WebhookReceiver Receiver { get; } = new();

    public async ValueTask InitializeAsync()
    {
        App = Start(null);
        await App.InitializeAsync();
        await Receiver.StartAsync();
    }

    /// <summary>An instance with quick retries on <paramref name="database"/> (a fresh one when null).</summary>
    internal static GongzhiApp Start(TestDatabase? database)
    {
        var app = new GongzhiApp { SharedDatabase = database };
        app.Settings["Webhooks:AllowPrivateNetworks"] = "true";
        app.Settings["Webhooks:PollSeconds"] = "0.3";
        app.Settings["Webhooks:FirstRetrySeconds"] = "0.2";
        app.Settings["Webhooks:MaxRetrySeconds"] = "1";
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

/// <summary>The webhook and fragmentation tests share one instance of their own and run one after the other on it.</summary>
[CollectionDefinition(Name)]
public sealed class WebhookCollection : ICollectionFixture<WebhookApp>
{
    public const string Name = "Webhooks";
}

/// <summary>Shared moves of the webhook tests.</summary>
internal static class WebhookKit
{
    public const string Api = "/api/v1/webhooks";

    public static readonly string[] CaseEvents = ["case.dispatched", "case.accepted", "case.returned", "case.resolved", "case.closed"];

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<Guid> OrganisationAsync(GongzhiApp app, string code) =>
        (await app.WithDbAsync(db => db.FindByCodeAsync(code, Cancel)))!.Id;

    public static async Task<JsonElement> SubscribeAsync(HttpClient admin, Guid organisationId, string url, string secret, string[]? events = null)
    {
        var response = await admin.PostAsJsonAsync(Api, new { organisationId, url, events = events ?? CaseEvents, secret }, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    public static async Task<List<JsonElement>> DeliveriesAsync(HttpClient admin, Guid subscriptionId)
    {
        var response = await admin.GetAsync($"{Api}/{subscriptionId}/deliveries?take=200", Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).EnumerateArray()];
    }

    public static async Task<List<JsonElement>> DeliveriesOfAsync(HttpClient admin, Guid subscriptionId, Guid caseId) =>
        (await DeliveriesAsync(admin, subscriptionId)).Where(d => d.GetProperty("caseId").GetGuid() == caseId).ToList();

    /// <summary>Waits until <paramref name="done"/> holds, failing after <paramref name="seconds"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> done, string what, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, $"Timed out waiting for {what}.");
            await Task.Delay(150, Cancel);
        }
    }

    /// <summary>A case of resident1 in 万年社区 dispatched to 城管局 and brought up to <paramref name="state"/>.</summary>
    public static async Task<Guid> CaseAsync(GongzhiApp app, string state)
    {
        using var actors = await CaseApiKit.ActorsAsync(app);
        return await CaseApiKit.CaseInStateAsync(app, actors, state);
    }
}
