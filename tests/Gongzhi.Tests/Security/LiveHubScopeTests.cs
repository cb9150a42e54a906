using Gongzhi.Modules.Notifications;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Gongzhi.Tests.Security.SecurityKit;

namespace Gongzhi.Tests.Security;

/// <summary>
/// Hub calls run outside the request that opened the connection; the area check must read the connection's own user,
/// on every transport, and never fall back to the system.
/// </summary>
public sealed class LiveHubScopeTests(GongzhiApp app)
{
    [Theory]
    [InlineData(HttpTransportType.LongPolling)]
    [InlineData(HttpTransportType.WebSockets)]
    public async Task Resident_CannotWatchTheDistrict_OnlyAnAreaItsScopeCovers(HttpTransportType transport)
    {
        var token = await TokenAsync(app, await CreateAccountAsync(app, "hubres", "420103001002", "Resident"));
        await using var hub = Connect(token, transport);
        await hub.StartAsync(Cancel);

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("WatchJurisdiction", "420103", Cancel));
        Assert.Contains("cannot watch", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("WatchJurisdiction", "420100", Cancel));
        // Its own community is its to watch: the check refuses by scope, not everything.
        await hub.InvokeAsync("WatchJurisdiction", "420103001002", Cancel);
    }

    [Theory]
    [InlineData(HttpTransportType.LongPolling)]
    [InlineData(HttpTransportType.WebSockets)]
    public async Task StreetDispatcher_WatchesItsStreet_NotTheNeighbouringOne(HttpTransportType transport)
    {
        var token = await TokenAsync(app, await CreateAccountAsync(app, "hubst", "420103001", "StreetDispatcher"));
        await using var hub = Connect(token, transport);
        await hub.StartAsync(Cancel);

        await hub.InvokeAsync("WatchJurisdiction", "420103001", Cancel);
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("WatchJurisdiction", "420103002", Cancel));
    }

    private HubConnection Connect(string token, HttpTransportType transport)
    {
        var url = new Uri(app.Server.BaseAddress, LiveHub.Path);
        return new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                o.Transports = transport;
                o.SkipNegotiation = false;
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var client = app.Server.CreateWebSocketClient();
                    client.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + token;
                    return await client.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .Build();
    }
}
