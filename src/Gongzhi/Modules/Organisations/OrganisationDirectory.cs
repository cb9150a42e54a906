using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Organisations;

/// <summary>What other modules may ask about organisations.</summary>
public static class OrganisationDirectory
{
    public static Task<Organisation?> FindByCodeAsync(this GongzhiDbContext db, string code, CancellationToken cancellationToken) =>
        db.Set<Organisation>().FirstOrDefaultAsync(o => o.Code == code, cancellationToken);
}
