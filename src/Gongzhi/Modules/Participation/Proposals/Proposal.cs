using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Participation.Proposals;

public enum ProposalState
{
    Open,
    OnAgenda,
    Decided,
    Expired,
}

public enum ProposalOutcome
{
    BecameCase,
    ConferenceResolution,
    CommunityAction,
    Declined,
}

/// <summary>
/// A topic (议题) a verified resident puts to the community or street. Supporters carry it onto the agenda of a
/// consultation meeting; staff record what became of it, and the proposer and supporters follow it to the end.
/// </summary>
public sealed class Proposal : IVisibleToDescendants, IVersioned, IAudited
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 5000;
    public const int MaxOutcomeLength = 2000;
    public const int MaxOwnerLength = 100;

    private Proposal()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    public string JurisdictionCode { get; private set; } = "";

    public string ProposerAccountId { get; private set; } = "";

    public string ProposerName { get; private set; } = "";

    public ProposalState State { get; private set; }

    public int SupportCount { get; private set; }

    /// <summary>The households the supporters live in: the threshold counts these (a community's rule is in households).</summary>
    public int HouseholdCount { get; private set; }

    /// <summary>The order of the "hot" list: newer proposals and more supporters rank higher (see <see cref="Hotness"/>).</summary>
    public double HotScore { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Supports count only until then: the threshold must be reached within the window.</summary>
    public DateTimeOffset SupportUntil { get; private set; }

    public DateTimeOffset? OnAgendaAt { get; private set; }

    public ProposalOutcome? Outcome { get; private set; }

    public string? OutcomeText { get; private set; }

    public string? OutcomeOwner { get; private set; }

    public DateTimeOffset? OutcomeDueAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    public static Proposal Submit(string title, string body, string jurisdictionCode, string proposer, string proposerName,
        DateTimeOffset now, int windowDays) => new()
    {
        Id = Guid.CreateVersion7(),
        Title = title,
        Body = body,
        JurisdictionCode = jurisdictionCode,
        ProposerAccountId = proposer,
        ProposerName = proposerName,
        State = ProposalState.Open,
        CreatedAt = now,
        SupportUntil = now.AddDays(windowDays),
        HotScore = Hotness.Score(0, now),
    };

    public void EnsureCanBeSupported(DateTimeOffset now)
    {
        if (State is ProposalState.Decided or ProposalState.Expired || (State == ProposalState.Open && now >= SupportUntil))
        {
            throw new RuleViolationException(ParticipationText.Get("Rule.SupportClosed"));
        }
    }

    /// <summary>
    /// The counts after a support was stored; the supporting households reaching <paramref name="required"/> in time put the
    /// proposal on the agenda.
    /// </summary>
    public bool Supported(int count, int households, int required, DateTimeOffset now)
    {
        SupportCount = count;
        HouseholdCount = households;
        HotScore = Hotness.Score(count, CreatedAt);
        if (State == ProposalState.Open && households >= required && now < SupportUntil)
        {
            State = ProposalState.OnAgenda;
            OnAgendaAt = now;
            return true;
        }
        return false;
    }

    public void Decide(ProposalOutcome outcome, string? text, string? owner, DateTimeOffset? dueAt, string by, DateTimeOffset now)
    {
        if (State == ProposalState.Decided)
        {
            throw new RuleViolationException(ParticipationText.Get("Rule.AlreadyDecided"));
        }
        var errors = new Dictionary<string, string[]>();
        if (outcome == ProposalOutcome.Declined && string.IsNullOrWhiteSpace(text))
        {
            errors["text"] = [ParticipationText.Get("Field.ReasonsRequired")];
        }
        if (outcome == ProposalOutcome.CommunityAction)
        {
            if (string.IsNullOrWhiteSpace(owner))
            {
                errors["owner"] = [ParticipationText.Get("Field.OwnerRequired")];
            }
            if (dueAt is null || dueAt <= now)
            {
                errors["dueAt"] = [ParticipationText.Get("Field.DueInFuture")];
            }
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        State = ProposalState.Decided;
        Outcome = outcome;
        OutcomeText = text?.Trim();
        OutcomeOwner = owner?.Trim();
        OutcomeDueAt = outcome == ProposalOutcome.CommunityAction ? dueAt : null;
        DecidedAt = now;
        DecidedBy = by;
    }
}

/// <summary>
/// The "hot" order as one stored number, so that the list reads an index instead of computing a formula per row:
/// each tenfold of supporters is worth as much as a little more than two days of age (the order of Reddit's "hot").
/// </summary>
public static class Hotness
{
    private const double SecondsPerTenfold = 45000 * 4;

    public static double Score(int supporters, DateTimeOffset createdAt) =>
        Math.Log10(Math.Max(0, supporters) + 1) + createdAt.ToUnixTimeSeconds() / SecondsPerTenfold;
}

/// <summary>One verified resident's support: unique per proposal and account.</summary>
public sealed class ProposalSupport
{
    private ProposalSupport()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProposalId { get; private set; }

    public string AccountId { get; private set; } = "";

    public string JurisdictionCode { get; private set; } = "";

    /// <summary>The supporter's household when they supported (<see cref="Residence.Households"/>).</summary>
    public string HouseholdKey { get; private set; } = "";

    public DateTimeOffset SupportedAt { get; private set; }

    public static ProposalSupport Of(Proposal proposal, string accountId, string householdKey, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        ProposalId = proposal.Id,
        AccountId = accountId,
        HouseholdKey = householdKey,
        JurisdictionCode = proposal.JurisdictionCode,
        SupportedAt = now,
    };
}

/// <summary>A comment on a proposal; staff hide one with a reason (audited), they never delete it.</summary>
public sealed class ProposalComment : IAudited
{
    public const int MaxBodyLength = 2000;

    private ProposalComment()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProposalId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public string AuthorAccountId { get; private set; } = "";

    public string AuthorName { get; private set; } = "";

    public string Body { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public string? HiddenReason { get; private set; }

    public string? HiddenBy { get; private set; }

    public DateTimeOffset? HiddenAt { get; private set; }

    public string AuditKey => Id.ToString();

    public bool Hidden => HiddenAt is not null;

    public static ProposalComment Write(Proposal proposal, string author, string authorName, string body, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        ProposalId = proposal.Id,
        JurisdictionCode = proposal.JurisdictionCode,
        AuthorAccountId = author,
        AuthorName = authorName,
        Body = body,
        CreatedAt = now,
    };

    public void Hide(string reason, string by, DateTimeOffset now)
    {
        if (Hidden)
        {
            throw new RuleViolationException(ParticipationText.Get("Rule.AlreadyHidden"));
        }
        HiddenReason = reason;
        HiddenBy = by;
        HiddenAt = now;
    }
}
