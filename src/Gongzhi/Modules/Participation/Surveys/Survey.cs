using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Participation.Surveys;

public enum SurveyState
{
    Draft = 0,
    Open = 1,
    Closed = 2,
}

public enum QuestionKind
{
    /// <summary>One option.</summary>
    SingleChoice = 0,

    /// <summary>Any number of options.</summary>
    MultipleChoice = 1,

    /// <summary>A whole number from 1 to <see cref="SurveyQuestion.ScaleMax"/> (满意度 1–5).</summary>
    Scale = 2,

    /// <summary>Free text, grouped by its most frequent words in the results.</summary>
    Text = 3,

    /// <summary>Every option put in an order, the first the most wanted.</summary>
    Ranking = 4,
}

/// <summary>
/// A survey of residents' needs (需求调研) for an area: drafted by its staff, opened to the verified residents below its
/// node, closed when enough have answered. Anonymous surveys keep no link between a resident and their answers.
/// </summary>
public sealed class Survey : IVisibleToDescendants, IVersioned, IAudited
{
    public const int MaxTitleLength = 200;
    public const int MaxIntroLength = 2000;
    public const int MaxQuestions = 30;

    private Survey()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string Intro { get; private set; } = "";

    public string JurisdictionCode { get; private set; } = "";

    /// <summary>Answers name no resident; who answered is kept apart, only so that nobody answers twice.</summary>
    public bool Anonymous { get; private set; }

    public SurveyState State { get; private set; }

    /// <summary>When answering ends by itself; staff may close earlier.</summary>
    public DateTimeOffset? ClosesAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? OpenedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public long Version { get; set; }

    public List<SurveyQuestion> Questions { get; private set; } = [];

    public string AuditKey => Id.ToString();

    public static Survey Draft(string title, string intro, string jurisdictionCode, bool anonymous, DateTimeOffset? closesAt,
        IReadOnlyList<SurveyQuestion> questions, string createdBy, DateTimeOffset now)
    {
        var survey = new Survey
        {
            Id = Guid.CreateVersion7(),
            Title = title,
            Intro = intro,
            JurisdictionCode = jurisdictionCode,
            Anonymous = anonymous,
            ClosesAt = closesAt,
            CreatedBy = createdBy,
            CreatedAt = now,
            State = SurveyState.Draft,
        };
        survey.Questions = questions.Select((q, i) => q.For(survey.Id, i)).ToList();
        return survey;
    }

    /// <summary>The state residents see: an open survey past its closing time is closed.</summary>
    public SurveyState StateAt(DateTimeOffset now) => State == SurveyState.Open && ClosesAt is { } closes && now >= closes ? SurveyState.Closed : State;

    public void Open(DateTimeOffset now)
    {
        if (State != SurveyState.Draft)
        {
            throw new RuleViolationException(ParticipationText.Get("Rule.SurveyNotDraft"));
        }
        if (ClosesAt is { } closes && closes <= now)
        {
            throw new RuleViolationException(ParticipationText.Get("Rule.SurveyClosesInPast"));
        }
        State = SurveyState.Open;
        OpenedAt = now;
    }

    public void Close(DateTimeOffset now)
    {
        if (StateAt(now) != SurveyState.Open)
        {
            throw new RuleViolationException(ParticipationText.Get("Rule.SurveyNotOpen"));
        }
        State = SurveyState.Closed;
        ClosedAt = now;
    }

    public void EnsureAnswerable(DateTimeOffset now)
    {
        if (StateAt(now) != SurveyState.Open)
        {
            throw new RuleViolationException(ParticipationText.Get("Rule.SurveyNotOpen"));
        }
    }
}

public sealed class SurveyQuestion
{
    public const int MaxTextLength = 300;
    public const int MaxOptions = 20;
    public const int MaxOptionLength = 100;

    private SurveyQuestion()
    {
    }

    public Guid Id { get; private set; }

    public Guid SurveyId { get; private set; }

    public int Position { get; private set; }

    public QuestionKind Kind { get; private set; }

    public string Text { get; private set; } = "";

    public bool Required { get; private set; }

    /// <summary>The options of a single, multiple or ranking question, in their order.</summary>
    public List<string> Options { get; private set; } = [];

    /// <summary>The top of a scale question (bottom 1).</summary>
    public int ScaleMax { get; private set; }

    public bool IsClosed => Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice or QuestionKind.Scale;

    public static SurveyQuestion Of(QuestionKind kind, string text, bool required, IReadOnlyList<string> options, int scaleMax) => new()
    {
        Kind = kind,
        Text = text,
        Required = required,
        Options = kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice or QuestionKind.Ranking ? options.ToList() : [],
        ScaleMax = kind == QuestionKind.Scale ? scaleMax : 0,
    };

    internal SurveyQuestion For(Guid surveyId, int position)
    {
        Id = Guid.CreateVersion7();
        SurveyId = surveyId;
        Position = position;
        return this;
    }

    /// <summary>The labels a closed question's answers are counted under: its options, or the points of its scale.</summary>
    public IReadOnlyList<string> Labels => Kind == QuestionKind.Scale
        ? Enumerable.Range(1, ScaleMax).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList()
        : Options;
}

/// <summary>That a resident answered a survey: unique per survey and resident, so a second (even racing) answer fails. Names no answer.</summary>
public sealed class SurveyParticipation
{
    private SurveyParticipation()
    {
    }

    public Guid Id { get; private set; }

    public Guid SurveyId { get; private set; }

    public string AccountId { get; private set; } = "";

    public string JurisdictionCode { get; private set; } = "";

    // A random id: time-ordered ids would pair a participation with its anonymous response.
    public static SurveyParticipation Of(Survey survey, string accountId) =>
        new() { Id = Guid.NewGuid(), SurveyId = survey.Id, AccountId = accountId, JurisdictionCode = survey.JurisdictionCode };
}

/// <summary>
/// One resident's answers. In an anonymous survey it names nobody and carries only the day, with a random id, so that
/// nothing joins it to its <see cref="SurveyParticipation"/>; the community and the age band are kept for the breakdown.
/// </summary>
public sealed class SurveyResponse
{
    public const int MaxTextLength = 1000;

    private SurveyResponse()
    {
    }

    public Guid Id { get; private set; }

    public Guid SurveyId { get; private set; }

    public string? RespondentAccountId { get; private set; }

    /// <summary>The respondent's verified community.</summary>
    public string CommunityCode { get; private set; } = "";

    public AgeBand? AgeBand { get; private set; }

    public DateOnly SubmittedOn { get; private set; }

    public List<SurveyAnswer> Answers { get; private set; } = [];

    public static SurveyResponse Of(Survey survey, string accountId, string community, AgeBand? ageBand, DateOnly today, IEnumerable<SurveyAnswer> answers)
    {
        var response = new SurveyResponse
        {
            Id = Guid.NewGuid(),
            SurveyId = survey.Id,
            RespondentAccountId = survey.Anonymous ? null : accountId,
            CommunityCode = community,
            AgeBand = ageBand,
            SubmittedOn = today,
        };
        response.Answers = answers.Select(a => a.For(response)).ToList();
        return response;
    }
}

/// <summary>
/// One part of an answer: the option (or scale point) chosen, with its place for a ranking, or a text. A multiple choice is
/// one row per option chosen.
/// </summary>
public sealed class SurveyAnswer
{
    private SurveyAnswer()
    {
    }

    public Guid Id { get; private set; }

    public Guid ResponseId { get; private set; }

    public Guid SurveyId { get; private set; }

    public Guid QuestionId { get; private set; }

    /// <summary>The option's index, or the scale point.</summary>
    public int? Choice { get; private set; }

    /// <summary>For a ranking: 1 for the most wanted.</summary>
    public int? Rank { get; private set; }

    public string? Text { get; private set; }

    public static SurveyAnswer Chosen(Guid questionId, int choice, int? rank = null) => new() { QuestionId = questionId, Choice = choice, Rank = rank };

    public static SurveyAnswer Written(Guid questionId, string text) => new() { QuestionId = questionId, Text = text };

    internal SurveyAnswer For(SurveyResponse response)
    {
        Id = Guid.NewGuid();
        ResponseId = response.Id;
        SurveyId = response.SurveyId;
        return this;
    }
}

/// <summary>Age bands a respondent may give, for the breakdown (no birth date is asked).</summary>
public enum AgeBand
{
    Under30 = 0,
    From30To44 = 1,
    From45To59 = 2,
    From60To74 = 3,
    From75 = 4,
}
