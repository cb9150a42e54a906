using Gongzhi.Modules.SocialForces.Activities;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.SocialForces.Volunteers;

/// <summary>
/// What social forces keep of an erased account: the volunteer's hours, points and sign-ups still count (organisers
/// planned with them, the ledger must add up), no longer anyone's by name.
/// </summary>
internal sealed class VolunteerErasure : IAccountErasure
{
    public async Task EraseAsync(GongzhiDbContext db, string accountId, CancellationToken cancellationToken)
    {
        foreach (var volunteer in await db.Set<Volunteer>().Where(v => v.UserId == accountId).ToListAsync(cancellationToken))
        {
            // Tracked, not a bulk update: the skills are a converted list, and the change is audited with the erasure.
            volunteer.Forget(ErasedAccount.DisplayName);
        }
        await db.Set<ActivityRegistration>().Where(r => r.UserId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DisplayName, ErasedAccount.DisplayName), cancellationToken);
    }
}
