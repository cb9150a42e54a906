using Gongzhi.Modules.Access;
using Gongzhi.Modules.Cases.Queries;
using Gongzhi.Modules.Participation.Ballots;
using Gongzhi.Modules.Participation.Notices;
using Gongzhi.Modules.Participation.Proposals;
using Gongzhi.Modules.Participation.Residence;
using Gongzhi.Modules.Participation.Surveys;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Modules.SocialForces.Activities;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Participation.Account;

public sealed record MyCase(Guid Id, string Reference, string Title, string State, DateTimeOffset CreatedAt);

public sealed record MyApplication(Guid Id, string Reference, string ItemName, string State, DateTimeOffset SubmittedAt);

public sealed record MyProposal(Guid Id, string Title, ProposalState State, int SupportCount, DateTimeOffset CreatedAt);

/// <summary>A ballot the caller voted in: which, and its voting period. Never the choice; the moment of the vote is not kept at all.</summary>
public sealed record MyVote(Guid BallotId, string Title, bool Secret, DateTimeOffset OpensAt, DateTimeOffset ClosesAt);

public sealed record MySurvey(Guid SurveyId, string Title, SurveyState State, bool Anonymous);

public sealed record MyNotice(Guid NoticeId, string Title, DateTimeOffset PublishedAt, DateTimeOffset ReadAt);

/// <summary>What the caller's account page shows: who they are and everything they took part in, newest first.</summary>
public sealed record AccountOverviewResponse(
    string UserName,
    string DisplayName,
    string? PhoneMasked,
    ResidentResponse? Residence,
    IReadOnlyList<MyCase> Cases,
    IReadOnlyList<MyApplication> Applications,
    IReadOnlyList<MyProposal> Proposals,
    IReadOnlyList<MyVote> Votes,
    IReadOnlyList<MySurvey> Surveys,
    IReadOnlyList<MyActivity> Activities,
    IReadOnlyList<MyNotice> Notices);

/// <summary>
/// Reads the caller's own records: participation from this module's tables, reports, applications and activities through
/// the public queries of Cases, Services and SocialForces (which give a resident only their own).
/// </summary>
public sealed class AccountOverview(GongzhiDbContext db, ResidenceService residence, ResidentAccounts accounts, CaseQueries cases,
    ApplicationQueries applications, ActivityService activities)
{
    /// <summary>Rows per section; the page says when there are more elsewhere.</summary>
    public const int Take = 50;

    public async Task<AccountOverviewResponse> GetAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } me)
        {
            throw new Platform.Actions.ActionForbiddenException(ParticipationText.Get("Forbidden.ResidentsOnly"));
        }
        // A resident's reports and applications are theirs; a staff member's lists there are their office's queue, not "mine".
        var isResident = ParticipationAccess.IsResident(caller) && !caller.IsAdmin;
        var profile = await residence.MineAsync(caller, cancellationToken);
        var myCases = isResident
            ? (await cases.ListAsync(caller, new CaseQuery(Sort: CaseSort.Created, Take: Take), cancellationToken)).Items
                .Select(c => new MyCase(c.Id, c.Reference, c.Title, c.State.ToString(), c.CreatedAt)).ToList()
            : [];
        var myApplications = isResident
            ? (await applications.ListAsync(caller, null, false, null, 1, Take, cancellationToken)).Items.Where(a => a.Mine)
                .Select(a => new MyApplication(a.Id, a.Reference, a.ItemName, a.State.ToString(), a.SubmittedAt)).ToList()
            : [];
        return new AccountOverviewResponse(caller.UserName ?? "", caller.DisplayName ?? "", await accounts.MaskedPhoneAsync(me, cancellationToken),
            profile is null ? null : ResidentResponse.From(profile), myCases, myApplications,
            await ProposalsAsync(me, cancellationToken), await VotesAsync(me, cancellationToken), await SurveysAsync(me, cancellationToken),
            await activities.ListMineAsync(caller, Take, cancellationToken), await NoticesAsync(me, cancellationToken));
    }

    // One's own records are found by account wherever they lie: a street's ballot or proposal is outside a community's scope.
    private Task<List<MyProposal>> ProposalsAsync(string me, CancellationToken cancellationToken) =>
        db.Set<Proposal>().IgnoreQueryFilters().AsNoTracking().Where(p => p.ProposerAccountId == me).OrderByDescending(p => p.CreatedAt).Take(Take)
            .Select(p => new MyProposal(p.Id, p.Title, p.State, p.SupportCount, p.CreatedAt)).ToListAsync(cancellationToken);

    private async Task<List<MyVote>> VotesAsync(string me, CancellationToken cancellationToken)
    {
        // The participation row only: it names the ballot, never the option.
        var rows = await db.Set<BallotParticipation>().IgnoreQueryFilters().AsNoTracking().Where(p => p.VoterAccountId == me)
            .Join(db.Set<Ballot>().IgnoreQueryFilters(), p => p.BallotId, b => b.Id, (p, b) => new { b.Id, b.Title, b.Secret, b.OpensAt, b.ClosesAt })
            .OrderByDescending(b => b.ClosesAt).Take(Take).ToListAsync(cancellationToken);
        return [.. rows.Select(b => new MyVote(b.Id, b.Title, b.Secret, b.OpensAt, b.ClosesAt))];
    }

    private async Task<List<MySurvey>> SurveysAsync(string me, CancellationToken cancellationToken)
    {
        // One's own answers, whatever area each survey was for (as for the votes above).
        var rows = await db.Set<SurveyParticipation>().IgnoreQueryFilters().AsNoTracking().Where(p => p.AccountId == me)
            .Join(db.Set<Survey>().IgnoreQueryFilters(), p => p.SurveyId, s => s.Id, (p, s) => new { s.Id, s.Title, s.State, s.Anonymous, s.CreatedAt })
            .OrderByDescending(s => s.CreatedAt).Take(Take).ToListAsync(cancellationToken);
        return [.. rows.Select(s => new MySurvey(s.Id, s.Title, s.State, s.Anonymous))];
    }

    private async Task<List<MyNotice>> NoticesAsync(string me, CancellationToken cancellationToken)
    {
        // One's own receipts, whatever area each notice was for (as for the votes above).
        var rows = await db.Set<NoticeReceipt>().IgnoreQueryFilters().AsNoTracking().Where(r => r.AccountId == me)
            .Join(db.Set<Notice>().IgnoreQueryFilters(), r => r.NoticeId, n => n.Id, (r, n) => new { n.Id, n.Title, n.PublishedAt, r.ReadAt })
            .OrderByDescending(n => n.ReadAt).Take(Take).ToListAsync(cancellationToken);
        return [.. rows.Select(n => new MyNotice(n.Id, n.Title, n.PublishedAt, n.ReadAt))];
    }
}
