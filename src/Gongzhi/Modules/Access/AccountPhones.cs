using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Access;

/// <summary>
/// Decrypts an account's number for a text to it. No person sees the number here, so it is not a reveal in the audit's
/// sense; what was sent is in the gateway's own records. A scope of its own: senders run after the save that notified.
/// </summary>
internal sealed class AccountPhones(IServiceScopeFactory scopes, PersonalDataProtector protector) : IAccountPhones
{
    public async Task<string?> PhoneOfAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        var stored = await db.Set<AccountPhone>().AsNoTracking().Where(p => p.AccountId == accountId).Select(p => p.PhoneProtected)
            .FirstOrDefaultAsync(cancellationToken);
        return stored is null ? null : protector.Unprotect(stored);
    }
}
