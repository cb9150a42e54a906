using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases;

/// <summary>
/// A reported case outlives its reporter's account: it was worked, counted and may be examined. Who reported it and how
/// to reach them goes; the link to the account stays, to the anonymous stub the account became.
/// </summary>
internal sealed class CaseReporterErasure : IAccountErasure
{
    public Task EraseAsync(GongzhiDbContext db, string accountId, CancellationToken cancellationToken) =>
        db.Set<Case>().Where(c => c.ReporterUserId == accountId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.ReporterNameProtected, (string?)null)
                .SetProperty(c => c.ReporterNameMasked, (string?)null)
                .SetProperty(c => c.ReporterPhoneProtected, (string?)null)
                .SetProperty(c => c.ReporterPhoneMasked, (string?)null), cancellationToken);
}
