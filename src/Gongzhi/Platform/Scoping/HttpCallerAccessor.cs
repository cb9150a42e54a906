using System.Security.Claims;

namespace Gongzhi.Platform.Scoping;

/// <summary>Reads the caller from the current request; outside a request the system is acting.</summary>
internal sealed class HttpCallerAccessor(IHttpContextAccessor http) : ICallerAccessor
{
    public const string ScopeClaim = "gongzhi:scope";
    public const string OrganisationClaim = "gongzhi:org";

    public Caller Current
    {
        get
        {
            var context = http.HttpContext;
            if (context is null)
            {
                return Caller.System;
            }
            var user = context.User;
            if (user.Identity?.IsAuthenticated != true)
            {
                return Caller.Anonymous with { RemoteIp = context.Connection.RemoteIpAddress?.ToString() };
            }
            return new Caller(
                user.FindFirstValue(ClaimTypes.NameIdentifier),
                user.Identity.Name,
                user.FindFirstValue(ScopeClaim) ?? string.Empty,
                user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(),
                user.FindFirstValue(OrganisationClaim),
                context.Connection.RemoteIpAddress?.ToString(),
                IsSystem: false);
        }
    }
}
