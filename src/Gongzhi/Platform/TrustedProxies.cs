using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Gongzhi.Platform;

/// <summary>
/// Which reverse proxies may say who the client is (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>): only the addresses
/// and networks in <c>Network:TrustedProxies</c> (e.g. <c>127.0.0.1</c> for nginx on the same host, <c>10.0.0.0/8</c>), none
/// by default. Loopback is not trusted on its own: any local program (or a request a local service makes for someone)
/// could otherwise choose the address the sign-in limits and the audit log see. Behind a
/// proxy on another host that is not listed, every client has the proxy's address: the sign-in and intake limits per
/// address would then count the whole city as one client, and the audit log would name the proxy.
/// </summary>
internal static class TrustedProxies
{
    public const string Setting = "Network:TrustedProxies";

    /// <summary>Reads the setting now, so that a wrong entry stops the start instead of the first request.</summary>
    public static Action<ForwardedHeadersOptions> Read(IConfiguration configuration)
    {
        var addresses = new List<IPAddress>();
        var networks = new List<IPNetwork>();
        foreach (var (entry, index) in configuration.GetSection(Setting).GetChildren().Select((c, i) => (c.Value?.Trim(), i)))
        {
            if (entry is not null && entry.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                addresses.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"{Setting}:{index}: '{entry}' is neither an address (10.0.0.5) nor a network (10.0.0.0/8).");
            }
        }
        return options =>
        {
            // With both lists empty the middleware would believe every sender: without a listed proxy it reads no header at all.
            options.ForwardedHeaders = addresses.Count + networks.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback unless told otherwise.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005, CS0618 // the obsolete list still holds the loopback network, and the middleware still reads it
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005, CS0618
            addresses.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        };
    }
}
