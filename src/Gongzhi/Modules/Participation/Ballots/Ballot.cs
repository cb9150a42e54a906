using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Participation.Ballots;

/// <summary>
/// A vote (表决) of the verified residents of an area on fixed options between an opening and a closing time.
/// Visible to the residents below its node; only staff covering the node change it.
/// </summary>
public sealed class Ballot : IVisibleToDescendants, IAudited
{
    public const int MaxTitleLength = 200;
    public const int MaxOptionLength = 200;
    public const int MaxOptions = 20;

    private Ballot()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string JurisdictionCode { get; private set; } = "";

    public DateTimeOffset OpensAt { get; private set; }

    public DateTimeOffset ClosesAt { get; private set; }

    /// <summary>A secret ballot keeps no link between a voter and a choice.</summary>
    public bool Secret { get; private set; }

    /// <summary>Counts per option are shown only once the ballot has closed.</summary>
    public bool HideResultsUntilClose { get; private set; }

    /// <summary>One vote per household (一户一票) rather than per resident: the first member of a household to vote casts its vote.</summary>
    public bool PerHousehold { get; private set; }

    /// <summary>The minimum turnout for the result to stand (residents' meeting: more than half of those entitled).</summary>
    public int? Quorum { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public List<BallotOption> Options { get; private set; } = [];

    public string AuditKey => Id.ToString();

    public static Ballot Create(string title, string jurisdictionCode, IReadOnlyList<string> options, DateTimeOffset opensAt,
        DateTimeOffset closesAt, bool secret, bool hideResultsUntilClose, int? quorum, string createdBy, DateTimeOffset now, bool perHousehold = false)
    {
        var ballot = new Ballot
        {
            Id = Guid.CreateVersion7(),
            Title = title,
            JurisdictionCode = jurisdictionCode,
            OpensAt = opensAt,
            ClosesAt = closesAt,
            Secret = secret,
            HideResultsUntilClose = hideResultsUntilClose,
            Quorum = quorum,
            PerHousehold = perHousehold,
            CreatedBy = createdBy,
            CreatedAt = now,
        };
        ballot.Options = options.Select((text, i) => new BallotOption(Guid.CreateVersion7(), ballot.Id, text, i)).ToList();
        return ballot;
    }

    public bool IsOpenAt(DateTimeOffset now) => now >= OpensAt && now < ClosesAt;

    public bool IsClosedAt(DateTimeOffset now) => now >= ClosesAt;

    /// <summary>The rule a vote must pass: the ballot is open and the option is one of its own.</summary>
    public void EnsureCanVote(Guid optionId, DateTimeOffset now)
    {
        if (now < OpensAt)
        {
            throw new RuleViolationException(ParticipationText.Get("Rule.BallotNotOpen"));
        }
        if (IsClosedAt(now))
        {
            throw new RuleViolationException(ParticipationText.Get("Rule.BallotClosed"));
        }
        if (Options.All(o => o.Id != optionId))
        {
            throw new FieldValidationException(new Dictionary<string, string[]>
            {
                ["optionId"] = [ParticipationText.Get("Field.OptionUnknown")],
            });
        }
    }

    /// <summary>Counts per option are withheld while the ballot runs when so configured; turnout never is.</summary>
    public bool ShowsCountsAt(DateTimeOffset now) => !HideResultsUntilClose || IsClosedAt(now);
}

public sealed class BallotOption(Guid id, Guid ballotId, string text, int position)
{
    public Guid Id { get; private set; } = id;

    public Guid BallotId { get; private set; } = ballotId;

    public string Text { get; private set; } = text;

    public int Position { get; private set; } = position;
}

/// <summary>
/// That a resident took part in a ballot: unique per ballot and voter, and in a ballot of one vote per household also per
/// ballot and household, which is what makes a second vote (even a racing one) fail. It names no option.
/// </summary>
public sealed class BallotParticipation
{
    private BallotParticipation()
    {
    }

    public Guid Id { get; private set; }

    public Guid BallotId { get; private set; }

    public string VoterAccountId { get; private set; } = "";

    /// <summary>The voter's household in a ballot of one vote per household; null otherwise (nulls never collide in the unique index).</summary>
    public string? HouseholdKey { get; private set; }

    /// <summary>The ballot's node, kept for partitioning by district.</summary>
    public string JurisdictionCode { get; private set; } = "";

    // A random id, not a time-ordered one: ids that sort by time would let the participation and the vote be paired.
    public static BallotParticipation Of(Ballot ballot, string voter, string householdKey) => new()
    {
        Id = Guid.NewGuid(),
        BallotId = ballot.Id,
        VoterAccountId = voter,
        HouseholdKey = ballot.PerHousehold ? householdKey : null,
        JurisdictionCode = ballot.JurisdictionCode,
    };
}

/// <summary>
/// One choice. In a secret ballot it carries no voter and no time, and a random id, so nothing in the row
/// joins it to its <see cref="BallotParticipation"/>; in an open ballot the voter is named.
/// </summary>
public sealed class BallotVote
{
    private BallotVote()
    {
    }

    public Guid Id { get; private set; }

    public Guid BallotId { get; private set; }

    public Guid OptionId { get; private set; }

    /// <summary>Only for an open (non-secret) ballot.</summary>
    public string? VoterAccountId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public static BallotVote Of(Ballot ballot, Guid optionId, string voter) => new()
    {
        Id = Guid.NewGuid(),
        BallotId = ballot.Id,
        OptionId = optionId,
        VoterAccountId = ballot.Secret ? null : voter,
        JurisdictionCode = ballot.JurisdictionCode,
    };
}
