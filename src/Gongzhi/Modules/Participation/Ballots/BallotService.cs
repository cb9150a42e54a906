using Gongzhi.Modules.Participation.Residence;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Participation.Ballots;

public sealed record BallotOptionResponse(Guid Id, string Text);

public sealed record BallotResponse(Guid Id, string Title, string JurisdictionCode, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool Secret,
    bool HideResultsUntilClose, int? Quorum, string Status, IReadOnlyList<BallotOptionResponse> Options, bool PerHousehold)
{
    internal static BallotResponse From(Ballot b, DateTimeOffset now) => new(b.Id, b.Title, b.JurisdictionCode, b.OpensAt, b.ClosesAt, b.Secret,
        b.HideResultsUntilClose, b.Quorum, b.IsClosedAt(now) ? "closed" : b.IsOpenAt(now) ? "open" : "upcoming",
        b.Options.OrderBy(o => o.Position).Select(o => new BallotOptionResponse(o.Id, o.Text)).ToList(), b.PerHousehold);
}

/// <summary>
/// Counts are null while they are withheld; turnout and the quorum are always shown. In a ballot of one vote per household,
/// turnout and the eligible count households.
/// </summary>
public sealed record OptionResult(Guid Id, string Text, int? Votes);

public sealed record BallotResults(Guid BallotId, string Title, string Status, bool CountsShown, IReadOnlyList<OptionResult> Options, int Turnout,
    int Eligible, int? Quorum, bool QuorumMet);

public sealed record CreateBallotRequest(string? Title, string? JurisdictionCode, IReadOnlyList<string>? Options, DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt, bool? Secret, bool? HideResultsUntilClose, int? Quorum, bool? PerHousehold = null);

/// <summary>Ballots and votes. A vote is two rows written in one transaction: who took part, and (apart) what was chosen.</summary>
public sealed class BallotService(GongzhiDbContext db, RecordActions actions, ResidenceService residence, TimeProvider clock)
{
    internal const string CreateAction = "create";

    private static readonly BallotRules Rules = new();

    public async Task<Ballot> CreateAsync(Caller caller, CreateBallotRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var title = request.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > Ballot.MaxTitleLength)
        {
            errors["title"] = [ParticipationText.Format("Field.Title", Ballot.MaxTitleLength)];
        }
        if (!JurisdictionCode.IsWellFormed(request.JurisdictionCode) || request.JurisdictionCode == JurisdictionCode.City)
        {
            errors["jurisdictionCode"] = [ParticipationText.Get("Field.JurisdictionCode")];
        }
        var options = (request.Options ?? []).Select(o => o?.Trim() ?? "").ToList();
        if (options.Count < 2 || options.Count > Ballot.MaxOptions || options.Any(o => o.Length == 0 || o.Length > Ballot.MaxOptionLength)
            || options.Distinct(StringComparer.Ordinal).Count() != options.Count)
        {
            errors["options"] = [ParticipationText.Format("Field.Options", Ballot.MaxOptions, Ballot.MaxOptionLength)];
        }
        if (request.OpensAt is null)
        {
            errors["opensAt"] = [ParticipationText.Get("Field.OpensAt")];
        }
        if (request.ClosesAt is not { } closes || closes <= now || (request.OpensAt is { } opens && closes <= opens))
        {
            errors["closesAt"] = [ParticipationText.Get("Field.ClosesAt")];
        }
        if (request.Quorum is < 1)
        {
            errors["quorum"] = [ParticipationText.Get("Field.Quorum")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var ballot = Ballot.Create(title!, request.JurisdictionCode!, options, request.OpensAt!.Value, request.ClosesAt!.Value,
            request.Secret ?? true, request.HideResultsUntilClose ?? false, request.Quorum, caller.UserName ?? "", now, request.PerHousehold ?? false);
        return await actions.CreateAsync(caller, ballot, CreateAction, Rules, cancellationToken);
    }

    public async Task<Ballot> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        return await db.Set<Ballot>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException(ParticipationText.Get("NotFound.Ballot"));
    }

    /// <summary>Ballots the caller can see (their area and the areas above it), the latest closing first.</summary>
    public async Task<List<Ballot>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        return await db.Set<Ballot>().AsNoTracking().OrderByDescending(b => b.ClosesAt).Take(100).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Casts the caller's vote. Eligibility is a verified residence inside the ballot's area; the unique indexes on
    /// (ballot, voter) and, for one vote per household, (ballot, household) decide between two racing votes, in the same
    /// transaction as the choice.
    /// </summary>
    public async Task VoteAsync(Caller caller, Guid ballotId, Guid? optionId, CancellationToken cancellationToken)
    {
        var ballot = await GetAsync(caller, ballotId, cancellationToken);
        if (!ParticipationAccess.IsResident(caller) || caller.UserId is not { } voter)
        {
            throw new ActionForbiddenException(ParticipationText.Get("Forbidden.ResidentsOnly"));
        }
        if (await residence.MineAsync(caller, cancellationToken) is not { IsVerified: true } home
            || !JurisdictionCode.IsWithin(home.JurisdictionCode, ballot.JurisdictionCode))
        {
            throw new ActionForbiddenException(ParticipationText.Get("Forbidden.NotVerifiedHere"));
        }
        if (optionId is not { } option)
        {
            throw FieldValidationException.Field("optionId", ParticipationText.Get("Field.OptionUnknown"));
        }
        ballot.EnsureCanVote(option, clock.GetUtcNow());
        if (ballot.PerHousehold && await HouseholdVotedAsync(ballot, home.HouseholdKey, cancellationToken))
        {
            throw new RuleViolationException(ParticipationText.Get("Rule.HouseholdVoted"));
        }
        db.Add(BallotParticipation.Of(ballot, voter, home.HouseholdKey));
        db.Add(BallotVote.Of(ballot, option, voter));
        // One save, one transaction: the participation and the choice are stored together or not at all.
        await db.SaveOnceAsync(ParticipationText.Get(ballot.PerHousehold ? "Rule.HouseholdVoted" : "Rule.AlreadyVoted"), cancellationToken);
    }

    /// <summary>Whether someone of the caller's household has voted in a ballot of one vote per household.</summary>
    public async Task<bool> HouseholdVotedAsync(Caller caller, Guid ballotId, CancellationToken cancellationToken)
    {
        var ballot = await GetAsync(caller, ballotId, cancellationToken);
        return ballot.PerHousehold && await residence.MineAsync(caller, cancellationToken) is { IsVerified: true } home
            && await HouseholdVotedAsync(ballot, home.HouseholdKey, cancellationToken);
    }

    private Task<bool> HouseholdVotedAsync(Ballot ballot, string household, CancellationToken cancellationToken) =>
        db.Set<BallotParticipation>().AsNoTracking().AnyAsync(p => p.BallotId == ballot.Id && p.HouseholdKey == household, cancellationToken);

    public async Task<bool> HasVotedAsync(Caller caller, Guid ballotId, CancellationToken cancellationToken) =>
        caller.UserId is { } me
        && await db.Set<BallotParticipation>().AsNoTracking().AnyAsync(p => p.BallotId == ballotId && p.VoterAccountId == me, cancellationToken);

    public async Task<BallotResults> ResultsAsync(Caller caller, Guid ballotId, CancellationToken cancellationToken)
    {
        var ballot = await GetAsync(caller, ballotId, cancellationToken);
        var now = clock.GetUtcNow();
        var turnout = await db.Set<BallotParticipation>().CountAsync(p => p.BallotId == ballotId, cancellationToken);
        var verified = residence.VerifiedIn(ballot.JurisdictionCode);
        var eligible = ballot.PerHousehold
            ? await verified.Select(p => p.HouseholdKey).Distinct().CountAsync(cancellationToken)
            : await verified.CountAsync(cancellationToken);
        var shown = ballot.ShowsCountsAt(now);
        var counts = shown
            ? await db.Set<BallotVote>().Where(v => v.BallotId == ballotId).GroupBy(v => v.OptionId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken)
            : [];
        var options = ballot.Options.OrderBy(o => o.Position)
            .Select(o => new OptionResult(o.Id, o.Text, shown ? counts.GetValueOrDefault(o.Id) : null)).ToList();
        var status = BallotResponse.From(ballot, now).Status;
        return new BallotResults(ballot.Id, ballot.Title, status, shown, options, turnout, eligible, ballot.Quorum,
            ballot.Quorum is not { } quorum || turnout >= quorum);
    }

    /// <summary>Ballots the caller took part in (never the choice of a secret one).</summary>
    public async Task<List<Ballot>> VotedInAsync(Caller caller, CancellationToken cancellationToken)
    {
        var me = caller.UserId;
        var ids = await db.Set<BallotParticipation>().AsNoTracking().Where(p => p.VoterAccountId == me).Select(p => p.BallotId).ToListAsync(cancellationToken);
        db.Caller = caller;
        return await db.Set<Ballot>().AsNoTracking().Where(b => ids.Contains(b.Id)).OrderByDescending(b => b.ClosesAt).ToListAsync(cancellationToken);
    }

    private sealed class BallotRules : IActionRules<Ballot>
    {
        public bool CanSee(Caller caller, Ballot record) => caller.CanSee(record.JurisdictionCode);

        public bool Allows(Caller caller, string action, Ballot record) => ParticipationAccess.Organises(caller, record.JurisdictionCode);
    }
}
