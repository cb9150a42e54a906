using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Participation.Residence;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Participation.Proposals;

public enum ProposalSort
{
    Hot,
    Newest,
    MostSupported,
}

public sealed record DecideRequest(ProposalOutcome? Outcome, string? Text, string? Owner, DateTimeOffset? DueAt, long? Version);

/// <summary>The deliberation hall's proposals: submission, support up to the threshold, comments and their moderation, the outcome.</summary>
public sealed class ProposalService(GongzhiDbContext db, RecordActions actions, ResidenceService residence, Notifier notifier,
    IOptions<ParticipationOptions> options, TimeProvider clock)
{
    internal const string DecideAction = "decide";
    internal const string HideAction = "hide";

    // The open proposals of one community sharing a word with a title being typed, ranked here by how many they share.
    private const int SimilarCandidates = 200;

    // How many of a wide area's proposals, first in the list's order, a search reads before it asks the pair index.
    private const int SearchWindow = 2000;

    // A community's code has 12 digits: a shorter prefix is a street, a district or the city.
    private const int CommunityCodeLength = 12;

    private static readonly ProposalRules Rules = new();
    private static readonly CommentRules CommentAccess = new();

    public async Task<Proposal> SubmitAsync(Caller caller, string? title, string? body, string? jurisdictionCode, CancellationToken cancellationToken)
    {
        var home = await VerifiedHomeAsync(caller, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > Proposal.MaxTitleLength)
        {
            errors["title"] = [ParticipationText.Format("Field.Title", Proposal.MaxTitleLength)];
        }
        if (string.IsNullOrWhiteSpace(body) || body.Trim().Length > Proposal.MaxBodyLength)
        {
            errors["body"] = [ParticipationText.Format("Field.Body", Proposal.MaxBodyLength)];
        }
        var code = string.IsNullOrWhiteSpace(jurisdictionCode) ? home : jurisdictionCode.Trim();
        // A resident speaks for their own community or their street, nowhere else.
        if (code != home && code != JurisdictionCode.ParentOf(home))
        {
            errors["jurisdictionCode"] = [ParticipationText.Get("Field.ProposalArea")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var threshold = await ThresholdForAsync(code, cancellationToken);
        // A resident's scope is their community; the rule above lets them speak for their street too, so the save runs
        // with the street as their scope (the audit still names them).
        db.Caller = code == home ? caller : caller with { ScopeCode = code };
        var proposal = Proposal.Submit(title!.Trim(), body!.Trim(), code, caller.UserId!, caller.UserName ?? "", clock.GetUtcNow(), threshold.WindowDays);
        db.Add(proposal);
        await db.SaveChangesAsync(cancellationToken);
        return proposal;
    }

    public async Task<Proposal> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        return await db.Set<Proposal>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException(ParticipationText.Get("NotFound.Proposal"));
    }

    /// <summary>
    /// Proposals in <paramref name="scope"/> (default: the caller's own node) and the nodes above it that the caller sees,
    /// in one of the three orders, each read from an index led by the node or, for an area wider than a community, from one
    /// led by the order with the node beside it. With <paramref name="q"/>, those whose title or text holds the words, in the
    /// same order.
    /// </summary>
    public async Task<List<Proposal>> ListAsync(Caller caller, string? scope, ProposalSort sort, int take, CancellationToken cancellationToken,
        string? q = null)
    {
        var words = ProposalWords.Validated(q, "q", ProposalWords.MaxQueryLength);
        take = Math.Clamp(take, 1, 100);
        db.Caller = caller;
        var query = db.Set<Proposal>().AsNoTracking();
        string? area = null;
        if (!string.IsNullOrWhiteSpace(scope))
        {
            if (!JurisdictionCode.IsWellFormed(scope))
            {
                throw FieldValidationException.Field("scope", ParticipationText.Get("Field.JurisdictionCode"));
            }
            area = JurisdictionCode.QueryPrefix(scope);
            query = query.Where(p => p.JurisdictionCode.StartsWith(area));
        }
        else if (!caller.IsSystem && caller.ScopeCode.Length > 0)
        {
            // What the scope filter admits (the caller's node and below, or a node above it) written so that an index can
            // serve it: a prefix and the few nodes above. The filter alone compares the node with the caller's code the
            // other way round, which no index serves, and a resident's list page read the whole table for it.
            var prefix = JurisdictionCode.QueryPrefix(caller.ScopeCode);
            var above = Above(caller.ScopeCode);
            query = query.Where(p => p.JurisdictionCode.StartsWith(prefix) || above.Contains(p.JurisdictionCode));
            area = prefix;
        }
        if (words is null)
        {
            return await Ordered(query, sort).Take(take).ToListAsync(cancellationToken);
        }
        if ((area?.Length ?? 0) < CommunityCodeLength)
        {
            // A word common in a district (one proposal in eight holds 噪音) matches thousands there, which the pair index
            // finds but then must fetch and sort: 140 ms. The area's first proposals in the order, read from the order's
            // index and checked for the words, fill a page of such a word at once; a rarer word leaves it short, and the
            // pair index then finds its few matches.
            var window = await Ordered(ProposalWords.InText(Ordered(query, sort).Take(SearchWindow), words), sort).Take(take)
                .ToListAsync(cancellationToken);
            if (window.Count == take)
            {
                return window;
            }
        }
        return await Ordered(ProposalWords.Containing(db, query, words, scope is null ? null : area), sort).Take(take).ToListAsync(cancellationToken);
    }

    private static IOrderedQueryable<Proposal> Ordered(IQueryable<Proposal> query, ProposalSort sort) => sort switch
    {
        ProposalSort.Newest => query.OrderByDescending(p => p.CreatedAt),
        ProposalSort.MostSupported => query.OrderByDescending(p => p.SupportCount).ThenByDescending(p => p.CreatedAt),
        _ => query.OrderByDescending(p => p.HotScore),
    };

    /// <summary>
    /// Up to <paramref name="count"/> open proposals of <paramref name="communityCode"/> whose titles share the most words
    /// (character pairs) with <paramref name="title"/>, for a resident about to post the same thing twice.
    /// </summary>
    public async Task<List<Proposal>> SimilarAsync(Caller caller, string? communityCode, string? title, int count, CancellationToken cancellationToken)
    {
        if (!JurisdictionCode.IsWellFormed(communityCode) || JurisdictionCode.LevelOf(communityCode!) != JurisdictionLevel.Community)
        {
            throw FieldValidationException.Field("communityCode", ParticipationText.Get("Field.CommunityCode"));
        }
        var pairs = ProposalWords.Pairs(ProposalWords.Validated(title, "title", Proposal.MaxTitleLength) ?? "");
        if (pairs.Count == 0)
        {
            return [];
        }
        db.Caller = caller;
        var open = db.Set<Proposal>().AsNoTracking().Where(p => p.JurisdictionCode == communityCode && p.State == ProposalState.Open);
        var candidates = await ProposalWords.SharingAnyPair(db, open, communityCode!, pairs)
            .OrderByDescending(p => p.HotScore).Take(SimilarCandidates).ToListAsync(cancellationToken);
        return candidates.Select(p => (Proposal: p, Shared: ProposalWords.Shared(pairs, p.Title)))
            .Where(c => c.Shared > 0).OrderByDescending(c => c.Shared).ThenByDescending(c => c.Proposal.HotScore)
            .Take(Math.Clamp(count, 1, 5)).Select(c => c.Proposal).ToList();
    }

    /// <summary>
    /// The caller's support. The unique index on (proposal, account) refuses a second one; the count is raised in the same
    /// transaction, so racing supports never lose one, and reaching the threshold puts the proposal on the agenda.
    /// </summary>
    public async Task<Proposal> SupportAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var proposal = await GetAsync(caller, id, cancellationToken);
        var profile = await VerifiedProfileAsync(caller, cancellationToken);
        if (!JurisdictionCode.IsWithin(profile.JurisdictionCode, proposal.JurisdictionCode))
        {
            throw new ActionForbiddenException(ParticipationText.Get("Forbidden.NotVerifiedHere"));
        }
        var now = clock.GetUtcNow();
        proposal.EnsureCanBeSupported(now);
        var threshold = await ThresholdForAsync(proposal.JurisdictionCode, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var support = ProposalSupport.Of(proposal, caller.UserId!, profile.HouseholdKey, now);
            db.Add(support);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
                throw new RuleViolationException(ParticipationText.Get("Rule.AlreadySupported"));
            }
            // An increment in the database, not a count this request read: a concurrent support waits for the row and adds
            // to the stored value, so none is lost (a recount in a subquery could miss a support committed meanwhile).
            await db.Set<Proposal>().Where(p => p.Id == id).ExecuteUpdateAsync(
                s => s.SetProperty(p => p.SupportCount, p => p.SupportCount + 1), cancellationToken);
            // The increment above holds the proposal's row until commit, so a household member supporting at the same
            // moment waits here and then sees this support: the household is counted once.
            if (!await db.Set<ProposalSupport>().AnyAsync(s => s.ProposalId == id && s.HouseholdKey == support.HouseholdKey && s.Id != support.Id,
                    cancellationToken))
            {
                await db.Set<Proposal>().Where(p => p.Id == id).ExecuteUpdateAsync(
                    s => s.SetProperty(p => p.HouseholdCount, p => p.HouseholdCount + 1), cancellationToken);
            }
            var counts = await db.Set<Proposal>().Where(p => p.Id == id).Select(p => new { p.SupportCount, p.HouseholdCount })
                .FirstAsync(cancellationToken);
            var (count, households) = (counts.SupportCount, counts.HouseholdCount);
            var hot = Hotness.Score(count, proposal.CreatedAt);
            await db.Set<Proposal>().Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.HotScore, hot), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (proposal.State == ProposalState.Open && households >= threshold.Required)
            {
                await PutOnAgendaAsync(id, count, households, threshold.Required, now, cancellationToken);
            }
        }
        return await GetAsync(caller, id, cancellationToken);
    }

    private async Task PutOnAgendaAsync(Guid id, int count, int households, int required, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Reaching the threshold is the platform's act, not the last supporter's: a resident may support a street's
        // proposal without holding the street's scope. Two supports crossing it together: the second finds it done.
        var supporter = db.Caller;
        db.Caller = Caller.System;
        try
        {
            await TryPutOnAgendaAsync(id, count, households, required, now, cancellationToken);
        }
        finally
        {
            db.Caller = supporter;
        }
    }

    private async Task TryPutOnAgendaAsync(Guid id, int count, int households, int required, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var tracked = await db.Set<Proposal>().FirstAsync(p => p.Id == id, cancellationToken);
            if (!tracked.Supported(count, households, required, now))
            {
                return;
            }
            var followers = await FollowersAsync(tracked, cancellationToken);
            notifier.Notify(followers, "participation.proposal.onAgenda", ParticipationText.Format("Notify.OnAgenda", tracked.Title), null,
                $"/participation/proposals/{id}");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<Proposal> DecideAsync(Caller caller, Guid id, DecideRequest request, CancellationToken cancellationToken)
    {
        if (request.Outcome is not { } outcome)
        {
            throw FieldValidationException.Field("outcome", ParticipationText.Get("Field.Outcome"));
        }
        return await actions.RunAsync<Proposal>(caller, p => p.Id == id, DecideAction, request.Version, Rules, async p =>
        {
            p.Decide(outcome, request.Text, request.Owner, request.DueAt, caller.UserName ?? "", clock.GetUtcNow());
            notifier.Notify(await FollowersAsync(p, cancellationToken), "participation.proposal.decided",
                ParticipationText.Format("Notify.Decided", p.Title), request.Text, $"/participation/proposals/{p.Id}");
        }, cancellationToken);
    }

    public async Task<ProposalComment> CommentAsync(Caller caller, Guid id, string? body, CancellationToken cancellationToken)
    {
        var proposal = await GetAsync(caller, id, cancellationToken);
        if (!ParticipationAccess.Organises(caller, proposal.JurisdictionCode))
        {
            var home = await VerifiedHomeAsync(caller, cancellationToken);
            if (!JurisdictionCode.IsWithin(home, proposal.JurisdictionCode))
            {
                throw new ActionForbiddenException(ParticipationText.Get("Forbidden.NotVerifiedHere"));
            }
        }
        if (string.IsNullOrWhiteSpace(body) || body.Trim().Length > ProposalComment.MaxBodyLength)
        {
            throw FieldValidationException.Field("body", ParticipationText.Format("Field.Body", ProposalComment.MaxBodyLength));
        }
        var comment = ProposalComment.Write(proposal, caller.UserId!, caller.UserName ?? "", body.Trim(), clock.GetUtcNow());
        db.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        return comment;
    }

    public Task<ProposalComment> HideCommentAsync(Caller caller, Guid commentId, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            throw FieldValidationException.Field("reason", ParticipationText.Format("Field.Reason", 500));
        }
        return actions.RunAsync<ProposalComment>(caller, c => c.Id == commentId, HideAction, null, CommentAccess, c =>
        {
            c.Hide(reason.Trim(), caller.UserName ?? "", clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);
    }

    public async Task<List<ProposalComment>> CommentsAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        await GetAsync(caller, id, cancellationToken);
        return await db.Set<ProposalComment>().AsNoTracking().Where(c => c.ProposalId == id).OrderBy(c => c.CreatedAt).Take(500)
            .ToListAsync(cancellationToken);
    }

    public async Task<bool> HasSupportedAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        caller.UserId is { } me && await db.Set<ProposalSupport>().AsNoTracking().AnyAsync(s => s.ProposalId == id && s.AccountId == me, cancellationToken);

    /// <summary>The rule of the nearest node at or above <paramref name="code"/> that set one, else the configured default.</summary>
    public async Task<SupportThreshold> ThresholdForAsync(string code, CancellationToken cancellationToken)
    {
        var chain = new List<string>();
        for (string? c = code; c is not null; c = JurisdictionCode.ParentOf(c))
        {
            chain.Add(c);
        }
        var rules = await db.Set<SupportThreshold>().AsNoTracking().Where(t => chain.Contains(t.JurisdictionCode)).ToListAsync(cancellationToken);
        return rules.OrderByDescending(t => t.JurisdictionCode.Length).FirstOrDefault()
            ?? SupportThreshold.For(code, options.Value.DefaultMinSupporters, null, null, options.Value.DefaultWindowDays);
    }

    public async Task<SupportThreshold> SetThresholdAsync(Caller caller, string code, int? minSupporters, decimal? householdShare, int? households,
        int? windowDays, CancellationToken cancellationToken)
    {
        if (!JurisdictionCode.IsWellFormed(code) || !ParticipationAccess.Organises(caller, code))
        {
            throw new ActionForbiddenException(ParticipationText.Get("Forbidden.StaffOnly"));
        }
        var errors = new Dictionary<string, string[]>();
        if (minSupporters is < 1 or > SupportThreshold.MaxSupporters)
        {
            errors["minSupporters"] = [ParticipationText.Get("Field.MinSupporters")];
        }
        if (householdShare is <= 0m or > 1m || (householdShare is not null) != (households is > 0))
        {
            errors["householdShare"] = [ParticipationText.Get("Field.HouseholdShare")];
        }
        if (minSupporters is null && householdShare is null)
        {
            errors["minSupporters"] = [ParticipationText.Get("Field.MinSupporters")];
        }
        if (windowDays is not (>= 1 and <= 365))
        {
            errors["windowDays"] = [ParticipationText.Get("Field.WindowDays")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        db.Caller = caller;
        var rule = await db.Set<SupportThreshold>().FirstOrDefaultAsync(t => t.JurisdictionCode == code, cancellationToken);
        if (rule is null)
        {
            rule = SupportThreshold.For(code, minSupporters, householdShare, households, windowDays!.Value);
            db.Add(rule);
        }
        else
        {
            rule.Change(minSupporters, householdShare, households, windowDays!.Value);
        }
        await db.SaveChangesAsync(cancellationToken);
        return rule;
    }

    private async Task<List<string>> FollowersAsync(Proposal proposal, CancellationToken cancellationToken)
    {
        var supporters = await db.Set<ProposalSupport>().AsNoTracking().Where(s => s.ProposalId == proposal.Id).Select(s => s.AccountId)
            .ToListAsync(cancellationToken);
        return [proposal.ProposerAccountId, .. supporters];
    }

    private static List<string> Above(string code)
    {
        var above = new List<string>();
        for (var parent = JurisdictionCode.ParentOf(code); parent is not null; parent = JurisdictionCode.ParentOf(parent))
        {
            above.Add(parent);
        }
        return above;
    }

    private async Task<string> VerifiedHomeAsync(Caller caller, CancellationToken cancellationToken) =>
        (await VerifiedProfileAsync(caller, cancellationToken)).JurisdictionCode;

    /// <summary>The caller's verified declaration of residence: their community and household.</summary>
    private async Task<ResidentProfile> VerifiedProfileAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!ParticipationAccess.IsResident(caller) || caller.UserId is null)
        {
            throw new ActionForbiddenException(ParticipationText.Get("Forbidden.ResidentsOnly"));
        }
        return await residence.MineAsync(caller, cancellationToken) is { IsVerified: true } profile
            ? profile
            : throw new ActionForbiddenException(ParticipationText.Get("Forbidden.NotVerified"));
    }

    private sealed class ProposalRules : IActionRules<Proposal>
    {
        public bool CanSee(Caller caller, Proposal record) => caller.CanSee(record.JurisdictionCode);

        public bool Allows(Caller caller, string action, Proposal record) => ParticipationAccess.Organises(caller, record.JurisdictionCode);
    }

    private sealed class CommentRules : IActionRules<ProposalComment>
    {
        public bool CanSee(Caller caller, ProposalComment record) => caller.CanSee(record.JurisdictionCode);

        public bool Allows(Caller caller, string action, ProposalComment record) => ParticipationAccess.Organises(caller, record.JurisdictionCode);
    }
}
