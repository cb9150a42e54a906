using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Conferences.Meetings;

/// <summary>
/// Whom the module tells: the staff of member units, and the accounts that run a node's bodies. Both read the platform's
/// accounts (the Access module's users and roles), the one cross-module read the notifications need.
/// </summary>
internal static class ConferenceRecipients
{
    /// <summary>The accounts of the organisations' staff.</summary>
    public static Task<List<string>> StaffOfAsync(GongzhiDbContext db, IReadOnlyCollection<Guid> organisationIds, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.OrganisationId != null && organisationIds.Contains(u.OrganisationId.Value))
            .Select(u => u.Id).ToListAsync(cancellationToken);

    /// <summary>Accounts that run a node's bodies (its staff and party organisation, by role).</summary>
    public static Task<List<string>> RunnersOfAsync(GongzhiDbContext db, string node, CancellationToken cancellationToken)
    {
        var roles = db.Roles.Where(r => ConferencePermissions.Runners.Contains(r.Name!)).Select(r => r.Id);
        return db.Users.Where(u => u.ScopeCode == node && db.UserRoles.Any(ur => ur.UserId == u.Id && roles.Contains(ur.RoleId)))
            .Select(u => u.Id).ToListAsync(cancellationToken);
    }
}
