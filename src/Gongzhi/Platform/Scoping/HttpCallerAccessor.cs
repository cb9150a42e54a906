using System.Security.Claims;

namespace Gongzhi.Platform.Scoping;

/// <summary>
/// Reads the caller from the current request; outside a request (start-up, background services) the system is acting.
/// Code that runs for a connection rather than a request (a SignalR hub, whose calls over long polling arrive outside the
/// request that opened it) must not use this: it reads the connection's own user through <see cref="ForUser"/>.
/// </summary>
internal sealed class HttpCallerAccessor(IHttpContextAccessor http) : ICallerAccessor
{
    public const string ScopeClaim = "gongzhi:scope";
    public const string OrganisationClaim = "gongzhi:org";
    public const string DisplayNameClaim = "gongzhi:name";

    public Caller Current
    {
        get
        {
            var context = http.HttpContext;
            return context is null ? Caller.System : ForUser(context.User, context.Connection.RemoteIpAddress?.ToString());
        }
    }

    /// <summary>The caller a signed-in principal stands for; anything else (no principal, not signed in) is anonymous, never the system.</summary>
    public static Caller ForUser(ClaimsPrincipal? user, string? remoteIp)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return Caller.Anonymous with { RemoteIp = remoteIp };
        }
        return new Caller(
            user.FindFirstValue(ClaimTypes.NameIdentifier),
            user.Identity.Name,
            user.FindFirstValue(ScopeClaim) ?? string.Empty,
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(),
            user.FindFirstValue(OrganisationClaim),
            remoteIp,
            IsSystem: false,
            user.FindFirstValue(DisplayNameClaim));
    }
}
