using System.Security.Claims;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Access;

/// <summary>
/// Whether a sign-in (cookie or bearer token) still stands. Both carry the account's security stamp as it was when they
/// were issued; signing out, a password change and an administrator's lock change the stamp, and a locked account has
/// no session at all. Each node remembers an account's stamp for a few seconds (<c>Access:SessionCheckSeconds</c>), so
/// a request costs no lookup; a refusal is always read again, so that a new sign-in (or an unlocked account) is never
/// refused for a stale memory, and a revocation made on this node is seen here at once, on the other nodes within those seconds.
/// </summary>
public sealed class Sessions(IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, IConfiguration configuration, TimeProvider clock)
    : IDisposable
{
    private readonly MemoryCache remembered = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly TimeSpan memory = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Access:SessionCheckSeconds", 10)));

    private sealed record Standing(string? Stamp, DateTimeOffset? LockoutEnd);

    /// <summary>True when <paramref name="user"/> is a signed-in account whose sign-in has not been revoked.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (id is null || string.IsNullOrEmpty(stamp))
        {
            return false;
        }
        // Only a standing sign-in is taken from memory; a refusal is always read again.
        if (remembered.TryGetValue(id, out Standing? known) && known is not null && known.Stamp == stamp && Stands(known))
        {
            return true;
        }
        var current = await ReadAsync(id, cancellationToken);
        if (current is not null && memory > TimeSpan.Zero)
        {
            remembered.Set(id, current, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = memory, Size = 1 });
        }
        return current is not null && current.Stamp == stamp && Stands(current);
    }

    /// <summary>Drops what this node remembers of the account, after a change to its stamp or its lock.</summary>
    internal void Forget(string userId) => remembered.Remove(userId);

    public void Dispose() => remembered.Dispose();

    private bool Stands(Standing standing) => standing.LockoutEnd is not { } end || end <= clock.GetUtcNow();

    private async Task<Standing?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        return await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new Standing(u.SecurityStamp, u.LockoutEnd))
            .FirstOrDefaultAsync(cancellationToken);
    }
}

/// <summary>Ends sign-ins: signing out, and an administrator's lock. A password change revokes through Identity itself.</summary>
public sealed class SessionRevocation(UserManager<GongzhiUser> users, Sessions sessions)
{
    /// <summary>Ends every sign-in of the signed-in account (every device, since a stamp is the account's). Nothing when signed out.</summary>
    public async Task RevokeAsync(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated == true && await users.GetUserAsync(user) is { } account)
        {
            await RevokeAsync(account);
        }
    }

    internal async Task RevokeAsync(GongzhiUser account)
    {
        var updated = await users.UpdateSecurityStampAsync(account);
        if (!updated.Succeeded)
        {
            throw new InvalidOperationException(AccountService.Describe(updated));
        }
        sessions.Forget(account.Id);
    }
}

internal static class SessionCheck
{
    /// <summary>
    /// After authentication: a revoked sign-in counts as none, so the endpoint's own policy answers 401 (or sends a page to
    /// the sign-in form), and a browser is told to drop the dead cookie.
    /// </summary>
    public static IApplicationBuilder UseSessionCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true
            && !await context.RequestServices.GetRequiredService<Sessions>().IsCurrentAsync(context.User, context.RequestAborted))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            if (context.Request.Cookies.ContainsKey(AccessSetup.CookieName))
            {
                context.Response.Cookies.Delete(AccessSetup.CookieName);
            }
        }
        await next(context);
    });
}
