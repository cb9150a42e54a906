using System.Net;
using System.Net.Sockets;

namespace Gongzhi.Modules.Webhooks;

/// <summary>
/// Keeps deliveries off the server's own networks (server-side request forgery): a subscriber's host must resolve only to
/// public addresses, checked when the subscription is made and again on every connection (a name may be pointed at an
/// inner address after the check: DNS rebinding), unless <see cref="WebhookOptions.AllowPrivateNetworks"/>.
/// </summary>
internal static class SubscriberAddresses
{
    /// <summary>Loopback, private, shared (carrier NAT), link-local, multicast, reserved and unspecified addresses.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] is >= 64 and <= 127,
                169 => b[1] == 254,
                172 => b[1] is >= 16 and <= 31,
                192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99),
                198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),
                203 => b[1] == 0 && b[2] == 113,
                >= 224 => true,
                _ => false,
            };
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
                || address.IsIPv6Multicast)
            {
                return true;
            }
            var b = address.GetAddressBytes();
            // fc00::/7 unique local; 2001:db8::/32 documentation; 64:ff9b::/96 and ::ffff:0:0/96 carry an IPv4 address inside.
            return (b[0] & 0xFE) == 0xFC || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && IsPrivate(new IPAddress(b[12..])));
        }
        return true;
    }

    /// <summary>The addresses of <paramref name="host"/>, all of them; an address written as such is its own.</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    /// <summary>
    /// Connects to the first usable address of the host, refusing the connection when any of its addresses is private:
    /// the check and the connection use the same answer of the resolver, so a rebinding in between cannot slip past.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(endpoint.Host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"{endpoint.Host} has no address.");
        }
        if (!allowPrivate && addresses.FirstOrDefault(IsPrivate) is { } inner)
        {
            throw new HttpRequestException($"{endpoint.Host} resolves to {inner}, an address on a private or local network; refused.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
