using Gongzhi.Modules.Participation.Notices;
using Gongzhi.Modules.Participation.Proposals;
using Gongzhi.Modules.Participation.Publicities;
using Gongzhi.Modules.Participation.Residence;
using Gongzhi.Modules.Participation.Surveys;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Participation.Account;

/// <summary>
/// What participation keeps of an erased account: its votes, supports and answers still count, no longer anyone's by
/// name. The declaration of residence (name and home) goes; names on proposals, comments, read receipts and objections become the
/// anonymous stub; identified survey answers become anonymous ones.
/// </summary>
internal sealed class ParticipationErasure : IAccountErasure
{
    public async Task EraseAsync(GongzhiDbContext db, string accountId, CancellationToken cancellationToken)
    {
        const string erased = ErasedAccount.DisplayName;
        await db.Set<ResidentProfile>().Where(p => p.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Proposal>().Where(p => p.ProposerAccountId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ProposerName, erased), cancellationToken);
        await db.Set<ProposalComment>().Where(c => c.AuthorAccountId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AuthorName, erased), cancellationToken);
        await db.Set<NoticeReceipt>().Where(r => r.AccountId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReaderName, erased), cancellationToken);
        await db.Set<PublicityObjection>().Where(o => o.ObjectorAccountId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ObjectorName, erased), cancellationToken);
        await db.Set<SurveyResponse>().Where(r => r.RespondentAccountId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RespondentAccountId, (string?)null), cancellationToken);
    }
}
