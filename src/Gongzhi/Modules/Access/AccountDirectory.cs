using System.Collections.Concurrent;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Access;

/// <summary>
/// Which accounts hold a role over a jurisdiction (their scope is the code or one of its ancestors): the
/// recipients of a case's notifications, asked on every report and every action. Answers are kept for
/// <see cref="Lifetime"/>: a save that adds or removes an account, a role or a scope clears them at once in
/// this instance (<see cref="GongzhiDbContext"/> calls <see cref="Invalidate"/>), and another instance,
/// which shares no memory with this one, sees the change when its own answers expire.
/// </summary>
public sealed class AccountDirectory(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string Role, string JurisdictionCode), Entry> entries = new();
    private long generation;

    public async Task<IReadOnlyList<string>> HoldersAsync(GongzhiDbContext db, string role, string jurisdictionCode,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (entries.TryGetValue((role, jurisdictionCode), out var kept) && now - kept.LoadedAt < Lifetime)
        {
            return kept.UserIds;
        }
        var started = Interlocked.Read(ref generation);
        var covering = new List<string>();
        for (string? code = jurisdictionCode; code is not null; code = JurisdictionCode.ParentOf(code))
        {
            covering.Add(code);
        }
        var userIds = await db.Users
            .Where(u => covering.Contains(u.ScopeCode) && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)))
            .Select(u => u.Id).ToListAsync(cancellationToken);
        // An answer read while an account changed may already be stale: it is used, not kept.
        if (Interlocked.Read(ref generation) == started)
        {
            entries[(role, jurisdictionCode)] = new Entry(now, userIds);
        }
        return userIds;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        entries.Clear();
    }

    private sealed record Entry(DateTimeOffset LoadedAt, IReadOnlyList<string> UserIds);
}
