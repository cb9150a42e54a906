using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Applications;

/// <summary>
/// What the service centre keeps of an erased account: its applications, which are administrative files with a legal
/// retention period (PIPL art. 47: deletion yields to a retention period set by law), without the comments the resident
/// wrote when rating them; its appointments and tickets name only the account, which is now the anonymous stub.
/// </summary>
internal sealed class ApplicantErasure : IAccountErasure
{
    public async Task EraseAsync(GongzhiDbContext db, string accountId, CancellationToken cancellationToken)
    {
        var rated = await db.Set<ServiceApplication>().Where(a => a.ApplicantUserId == accountId && a.RatingComment != null)
            .ToListAsync(cancellationToken);
        foreach (var application in rated)
        {
            application.ForgetApplicantsComment();
        }
    }
}
