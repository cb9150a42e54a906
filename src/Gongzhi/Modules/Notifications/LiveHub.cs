using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.SignalR;

namespace Gongzhi.Modules.Notifications;

/// <summary>
/// Live updates for open pages. A connection always receives its own account's messages; it may also
/// watch a jurisdiction (a staff queue), but only one its scope covers. The scope is the connection's own user's: a hub
/// call over long polling or WebSockets runs outside any request, where the request-based caller would be the system.
/// </summary>
public sealed class LiveHub : Hub
{
    public const string Path = "/hubs/live";

    public static string JurisdictionGroup(string code) => "j:" + code;

    public async Task WatchJurisdiction(string code)
    {
        var caller = HttpCallerAccessor.ForUser(Context.User, Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString());
        if (!JurisdictionCode.IsWellFormed(code) || !caller.Covers(code))
        {
            throw new HubException("You cannot watch that jurisdiction.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, JurisdictionGroup(code));
    }

    public Task UnwatchJurisdiction(string code) => Groups.RemoveFromGroupAsync(Context.ConnectionId, JurisdictionGroup(code));
}
