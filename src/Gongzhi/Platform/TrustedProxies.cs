using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Gongzhi.Platform;

/// <summary>
/// Which reverse proxies may say who the client is (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>): those on this host,
/// and the addresses and networks in <c>Network:TrustedProxies</c> (e.g. <c>10.0.0.5</c>, <c>10.0.0.0/8</c>). Behind a
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
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            addresses.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        };
    }
}
