using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Organisations;

/// <summary>What other modules may ask about organisations.</summary>
public static class OrganisationDirectory
{
    public static Task<Organisation?> FindByCodeAsync(this GongzhiDbContext db, string code, CancellationToken cancellationToken) =>
        db.Set<Organisation>().FirstOrDefaultAsync(o => o.Code == code, cancellationToken);

    /// <summary>The jurisdiction an organisation belongs to, or null when there is none the caller of <paramref name="db"/> can see.</summary>
    public static Task<string?> JurisdictionOfAsync(this GongzhiDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Set<Organisation>().Where(o => o.Id == id).Select(o => o.JurisdictionCode).FirstOrDefaultAsync(cancellationToken);
}
