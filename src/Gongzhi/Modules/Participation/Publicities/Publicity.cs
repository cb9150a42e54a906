using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Participation.Publicities;

/// <summary>What is made public (居务公开): the community's money, its decisions, who receives a subsidy, a ballot's result.</summary>
public enum PublicityKind
{
    Finance,
    Decision,
    Subsidy,
    BallotResult,
}

/// <summary>
/// A publicity (公示): a text put before the residents of an area for a period of working days, during which a verified
/// resident of the area may object. Visible to the residents below its node; only staff covering the node publish it.
/// </summary>
public sealed class Publicity : IVisibleToDescendants, IAudited
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 10000;
    public const int MinWorkingDays = 1;
    public const int MaxWorkingDays = 30;

    private Publicity()
    {
    }

    public Guid Id { get; private set; }

    public PublicityKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    public string JurisdictionCode { get; private set; } = "";

    /// <summary>The ballot whose result this is; a ballot's result is put up once.</summary>
    public Guid? BallotId { get; private set; }

    public int WorkingDays { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    /// <summary><see cref="WorkingDays"/> working days after the start, on the working calendar: weekends and holidays do not count.</summary>
    public DateTimeOffset EndsAt { get; private set; }

    public string PublishedBy { get; private set; } = "";

    /// <summary>The publisher's account, told of every objection.</summary>
    public string PublishedById { get; private set; } = "";

    public string AuditKey => Id.ToString();

    public static Publicity Publish(PublicityKind kind, string title, string body, string jurisdictionCode, Guid? ballotId, int workingDays,
        DateTimeOffset startsAt, DateTimeOffset endsAt, string publishedBy, string publishedById) => new()
    {
        Id = Guid.CreateVersion7(),
        Kind = kind,
        Title = title,
        Body = body,
        JurisdictionCode = jurisdictionCode,
        BallotId = ballotId,
        WorkingDays = workingDays,
        StartsAt = startsAt,
        EndsAt = endsAt,
        PublishedBy = publishedBy,
        PublishedById = publishedById,
    };

    public bool IsRunningAt(DateTimeOffset now) => now >= StartsAt && now < EndsAt;

    /// <summary>An objection is taken only while the publicity runs: afterwards what was published stands.</summary>
    public void EnsureTakesObjections(DateTimeOffset now)
    {
        if (now >= EndsAt)
        {
            throw new RuleViolationException(ParticipationText.Get("Rule.PublicityEnded"));
        }
        if (now < StartsAt)
        {
            throw new RuleViolationException(ParticipationText.Get("Rule.PublicityNotStarted"));
        }
    }
}

/// <summary>
/// A resident's objection (异议) to a publicity and the staff's answer. One per resident and publicity, so that a retried
/// request does not file it twice; the objector sees their own, the staff who organise the area see them all.
/// </summary>
public sealed class PublicityObjection : IVersioned, IAudited
{
    public const int MaxTextLength = 1000;

    private PublicityObjection()
    {
    }

    public Guid Id { get; private set; }

    public Guid PublicityId { get; private set; }

    /// <summary>The publicity's node, so that the staff who organise it find the objection.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public string ObjectorAccountId { get; private set; } = "";

    /// <summary>The name the community knows the objector by (their declaration of residence).</summary>
    public string ObjectorName { get; private set; } = "";

    /// <summary>The objector's verified community.</summary>
    public string ObjectorCommunity { get; private set; } = "";

    public string Text { get; private set; } = "";

    public DateTimeOffset FiledAt { get; private set; }

    public string? Answer { get; private set; }

    public string? AnsweredBy { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    public static PublicityObjection File(Publicity publicity, string accountId, string name, string community, string text, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        PublicityId = publicity.Id,
        JurisdictionCode = publicity.JurisdictionCode,
        ObjectorAccountId = accountId,
        ObjectorName = name,
        ObjectorCommunity = community,
        Text = text,
        FiledAt = now,
    };

    /// <summary>Staff answer an objection once; the answer is what the objector is told, so it is not rewritten afterwards.</summary>
    public void Respond(string answer, string by, DateTimeOffset now)
    {
        if (Answer is not null)
        {
            throw new RuleViolationException(ParticipationText.Get("Rule.ObjectionAnswered"));
        }
        Answer = answer;
        AnsweredBy = by;
        AnsweredAt = now;
    }
}
