using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.SignalR;

namespace Gongzhi.Modules.Notifications;

/// <summary>
/// Live updates for open pages. A connection always receives its own account's messages; it may also
/// watch a jurisdiction (a staff queue), but only one its scope covers.
/// </summary>
public sealed class LiveHub(ICallerAccessor callers) : Hub
{
    public const string Path = "/hubs/live";

    public static string JurisdictionGroup(string code) => "j:" + code;

    public async Task WatchJurisdiction(string code)
    {
        if (!JurisdictionCode.IsWellFormed(code) || !callers.Current.Covers(code))
        {
            throw new HubException("You cannot watch that jurisdiction.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, JurisdictionGroup(code));
    }

    public Task UnwatchJurisdiction(string code) => Groups.RemoveFromGroupAsync(Context.ConnectionId, JurisdictionGroup(code));
}
