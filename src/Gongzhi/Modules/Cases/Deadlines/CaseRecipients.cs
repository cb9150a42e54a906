using Gongzhi.Modules.Access;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Deadlines;

/// <summary>Whom the platform tells when a case needs someone to act.</summary>
internal static class CaseRecipients
{
    /// <summary>The accounts of an organisation's staff.</summary>
    public static Task<List<string>> StaffOfAsync(GongzhiDbContext db, IReadOnlyCollection<Guid> organisationIds, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.OrganisationId != null && organisationIds.Contains(u.OrganisationId.Value))
            .Select(u => u.Id).ToListAsync(cancellationToken);

    /// <summary>Dispatchers whose scope covers <paramref name="jurisdictionCode"/>: its own node or any ancestor.</summary>
    public static Task<List<string>> DispatchersCoveringAsync(GongzhiDbContext db, string jurisdictionCode, CancellationToken cancellationToken)
    {
        var ancestors = new List<string>();
        for (var code = jurisdictionCode; code is not null; code = JurisdictionCode.ParentOf(code))
        {
            ancestors.Add(code);
        }
        var dispatcherRole = db.Roles.Where(r => r.Name == Roles.StreetDispatcher).Select(r => r.Id);
        return db.Users
            .Where(u => ancestors.Contains(u.ScopeCode) && db.UserRoles.Any(ur => ur.UserId == u.Id && dispatcherRole.Contains(ur.RoleId)))
            .Select(u => u.Id).ToListAsync(cancellationToken);
    }
}
