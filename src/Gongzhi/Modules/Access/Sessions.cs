using System.Security.Claims;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Access;

/// <summary>
/// Whether a sign-in (cookie or bearer token) still stands. Each is a session of its own (<see cref="SessionClaims"/>): one
/// can be ended alone (signing out on one computer, the others of a street office sharing the account stay signed in),
/// and every one ends after <see cref="SessionClaims.MaxAge"/>. All carry the account's security stamp as it was when they
/// were issued; a password change, an administrator's lock and signing out everywhere change the stamp, and a locked
/// account has no session at all. Each node remembers an account's stamp and ended sessions for a few seconds
/// (<c>Access:SessionCheckSeconds</c>), so a request costs no lookup; a refusal is always read again, so that a new sign-in
/// (or an unlocked account) is never refused for a stale memory, and a revocation made on this node is seen here at once,
/// on the other nodes within those seconds.
/// </summary>
public sealed class Sessions(IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, IConfiguration configuration, TimeProvider clock)
    : IDisposable
{
    private readonly MemoryCache remembered = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly TimeSpan memory = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Access:SessionCheckSeconds", 10)));

    internal TimeSpan MaxAge { get; } = SessionClaims.MaxAge(configuration);

    private sealed record Standing(string? Stamp, DateTimeOffset? LockoutEnd, IReadOnlySet<string> Ended);

    /// <summary>True when <paramref name="user"/> is a signed-in account whose sign-in has not been revoked nor grown too old.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (id is null || string.IsNullOrEmpty(stamp) || !SessionClaims.IsYoungEnough(user, clock.GetUtcNow(), MaxAge))
        {
            return false;
        }
        var session = user.FindFirstValue(SessionClaims.Id)!;
        // Only a standing sign-in is taken from memory; a refusal is always read again.
        if (remembered.TryGetValue(id, out Standing? known) && known is not null && Stands(known, stamp, session))
        {
            return true;
        }
        var current = await ReadAsync(id, cancellationToken);
        if (current is not null && memory > TimeSpan.Zero)
        {
            remembered.Set(id, current, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = memory, Size = 1 });
        }
        return current is not null && Stands(current, stamp, session);
    }

    /// <summary>Drops what this node remembers of the account, after a change to its stamp, its lock or its sessions.</summary>
    internal void Forget(string userId) => remembered.Remove(userId);

    public void Dispose() => remembered.Dispose();

    private bool Stands(Standing standing, string stamp, string session) =>
        standing.Stamp == stamp && !standing.Ended.Contains(session) && (standing.LockoutEnd is not { } end || end <= clock.GetUtcNow());

    private async Task<Standing?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        var account = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.SecurityStamp, u.LockoutEnd })
            .FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var ended = await db.Set<RevokedSession>().AsNoTracking().Where(r => r.UserId == id && r.KeepUntil > now).Select(r => r.SessionId)
            .ToListAsync(cancellationToken);
        return new Standing(account.SecurityStamp, account.LockoutEnd, ended.ToHashSet(StringComparer.Ordinal));
    }
}

/// <summary>Ends sign-ins: one session, every session of an account (signing out everywhere, an administrator's lock).</summary>
public sealed class SessionRevocation(UserManager<GongzhiUser> users, Sessions sessions, GongzhiDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Ends the sign-in <paramref name="user"/> came with, and no other of the account. Nothing when signed out. Ended sessions
    /// too old to be used any more are deleted on the way.
    /// </summary>
    public async Task RevokeSessionAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var session = user.FindFirstValue(SessionClaims.Id);
        if (user.Identity?.IsAuthenticated != true || id is null || string.IsNullOrEmpty(session))
        {
            return;
        }
        var now = clock.GetUtcNow();
        await db.Set<RevokedSession>().Where(r => r.KeepUntil <= now).ExecuteDeleteAsync(cancellationToken);
        if (!await db.Set<RevokedSession>().AnyAsync(r => r.SessionId == session, cancellationToken))
        {
            db.Add(new RevokedSession(session, id, now, now + sessions.MaxAge));
            await db.SaveChangesAsync(cancellationToken);
        }
        sessions.Forget(id);
    }

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
