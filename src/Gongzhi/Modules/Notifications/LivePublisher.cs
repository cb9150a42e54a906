using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.SignalR;

namespace Gongzhi.Modules.Notifications;

/// <summary>What changed, for pages that show it live. Carries keys, never personal data.</summary>
public sealed record LiveEvent(string Kind, string Key, string JurisdictionCode, DateTimeOffset At);

/// <summary>Publishes a change to everyone watching its jurisdiction or any ancestor of it.</summary>
public sealed class LivePublisher(IHubContext<LiveHub> hub)
{
    public Task PublishAsync(LiveEvent change, CancellationToken cancellationToken)
    {
        var groups = new List<string> { LiveHub.JurisdictionGroup(JurisdictionCode.City) };
        for (var code = change.JurisdictionCode; code is not null && code != JurisdictionCode.City; code = JurisdictionCode.ParentOf(code))
        {
            groups.Add(LiveHub.JurisdictionGroup(code));
        }
        return hub.Clients.Groups(groups).SendAsync("changed", change, cancellationToken);
    }
}
