using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Training;

/// <summary>A staff account as training sees it: who, where and in which roles.</summary>
public sealed record StaffAccount(string Id, string? UserName, string DisplayName, string ScopeCode, IReadOnlyList<string> Roles);

/// <summary>
/// The staff accounts training is about. Accounts are the platform's, not a module's table (as the registry's grid coverage
/// reads them): only their name, scope and roles are read here, never changed.
/// </summary>
public sealed class StaffDirectory(GongzhiDbContext db)
{
    /// <summary>The staff accounts whose scope lies in <paramref name="area"/>, with their staff roles.</summary>
    public async Task<IReadOnlyList<StaffAccount>> InAsync(string area, CancellationToken cancellationToken)
    {
        var prefix = JurisdictionCode.QueryPrefix(area);
        var roles = TrainingCourse.StaffRoles.ToList();
        var rows = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where u.ScopeCode.StartsWith(prefix) && roles.Contains(r.Name!)
                          select new { u.Id, u.UserName, u.DisplayName, u.ScopeCode, Role = r.Name! }).AsNoTracking().ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Id)
            .Select(g => new StaffAccount(g.Key, g.First().UserName, g.First().DisplayName, g.First().ScopeCode, g.Select(r => r.Role).Order(StringComparer.Ordinal).ToList()))
            .OrderBy(s => s.ScopeCode, StringComparer.Ordinal).ThenBy(s => s.UserName, StringComparer.Ordinal).ToList();
    }

    /// <summary>The account with this user name (or id) with its staff roles, or null when there is none or it holds no staff role.</summary>
    public async Task<StaffAccount?> FindAsync(string userNameOrId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.UserName == userNameOrId || u.Id == userNameOrId)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.ScopeCode }).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }
        var roles = TrainingCourse.StaffRoles.ToList();
        var held = await (from ur in db.UserRoles
                          join r in db.Roles on ur.RoleId equals r.Id
                          where ur.UserId == user.Id && roles.Contains(r.Name!)
                          select r.Name!).ToListAsync(cancellationToken);
        return held.Count == 0 ? null : new StaffAccount(user.Id, user.UserName, user.DisplayName, user.ScopeCode, held.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The display names of these accounts, by id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        return list.Count == 0
            ? new Dictionary<string, string>()
            : await db.Users.AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}
