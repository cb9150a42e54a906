using Gongzhi.Modules.SocialForces.Purchase;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.SocialForces.Calls;

/// <summary>A social organisation's proposal to a call: one per organisation and call, for at most the project's budget.</summary>
public sealed class ProposalApplication : IJurisdictional, IAudited
{
    public const int MaxProposalLength = 4000;

    private ProposalApplication()
    {
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public Guid ProjectId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public Guid OrganisationId { get; private set; }

    public string OrganisationName { get; private set; } = "";

    /// <summary>The account that applied, and the <c>Idempotency-Key</c> it applied with (a retry gets this application back).</summary>
    public string ApplicantUserId { get; private set; } = "";

    public string? IdempotencyKey { get; private set; }

    public string Proposal { get; private set; } = "";

    /// <summary>In fen.</summary>
    public long Amount { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public string AuditKey => Id.ToString();

    public static ProposalApplication Submit(ProposalCall call, Guid organisationId, string organisationName, string applicantUserId,
        string? idempotencyKey, string? proposal, decimal? amount, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var text = proposal?.Trim() ?? "";
        if (text.Length is 0 or > MaxProposalLength)
        {
            errors["proposal"] = [SocialText.Format("Field.Required", MaxProposalLength)];
        }
        var fen = Fen.From(amount);
        if (fen is not > 0)
        {
            errors["amount"] = [SocialText.Get("Field.Amount")];
        }
        else if (fen > call.Budget)
        {
            errors["amount"] = [SocialText.Format("Application.OverBudget", Fen.Yuan(call.Budget))];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        call.EnsureTakesApplications(now);
        return new ProposalApplication
        {
            Id = Guid.CreateVersion7(),
            CallId = call.Id,
            ProjectId = call.ProjectId,
            JurisdictionCode = call.JurisdictionCode,
            OrganisationId = organisationId,
            OrganisationName = organisationName,
            ApplicantUserId = applicantUserId,
            IdempotencyKey = idempotencyKey,
            Proposal = text,
            Amount = fen!.Value,
            SubmittedAt = now,
        };
    }
}

/// <summary>One panel member's score of one application on one criterion, 0–10 (<see cref="Rubric.MaxScore"/>).</summary>
public sealed class ApplicationScore : IJurisdictional, IAudited
{
    private ApplicationScore()
    {
    }

    public Guid Id { get; private set; }

    public Guid ApplicationId { get; private set; }

    public Guid CallId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public string ScorerId { get; private set; } = "";

    public string ScorerName { get; private set; } = "";

    public int CriterionNumber { get; private set; }

    public int Score { get; private set; }

    public DateTimeOffset ScoredAt { get; private set; }

    public string AuditKey => Id.ToString();

    internal static ApplicationScore Give(ProposalApplication application, string scorerId, string scorerName, int criterion, int score,
        DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        ApplicationId = application.Id,
        CallId = application.CallId,
        JurisdictionCode = application.JurisdictionCode,
        ScorerId = scorerId,
        ScorerName = scorerName,
        CriterionNumber = criterion,
        Score = score,
        ScoredAt = now,
    };
}

/// <summary>
/// The arithmetic of a rubric. Each criterion is scored 0–10 by each panel member; a criterion's mark is the mean of
/// the panel's scores; the weighted total is Σ weight × mark / 10, so 0–100 with the weights summing to 100.
/// </summary>
public static class Rubric
{
    public const int MaxScore = 10;

    public sealed record ScoreInput(int? Criterion, int? Score);

    /// <summary>One score for every criterion of the rubric, each 0–10; throws naming <c>scores</c> otherwise.</summary>
    public static IReadOnlyDictionary<int, int> Check(IReadOnlyList<CallCriterion> criteria, IReadOnlyList<ScoreInput>? scores)
    {
        var given = new Dictionary<int, int>();
        foreach (var s in scores ?? [])
        {
            if (s.Criterion is not { } number || criteria.All(c => c.Number != number) || s.Score is not (>= 0 and <= MaxScore)
                || !given.TryAdd(number, s.Score.Value))
            {
                throw FieldValidationException.Field("scores", SocialText.Format("Score.Range", MaxScore));
            }
        }
        if (given.Count != criteria.Count)
        {
            throw FieldValidationException.Field("scores", SocialText.Get("Score.Missing"));
        }
        return given;
    }

    /// <summary>The weighted total of one application's scores (0–100, two decimals); null when no one scored it yet.</summary>
    public static decimal? Total(IReadOnlyList<CallCriterion> criteria, IEnumerable<ApplicationScore> scores)
    {
        var byCriterion = scores.ToLookup(s => s.CriterionNumber);
        if (criteria.Any(c => !byCriterion[c.Number].Any()))
        {
            return null;
        }
        var total = criteria.Sum(c => c.Weight * (decimal)byCriterion[c.Number].Average(s => s.Score) / MaxScore);
        return decimal.Round(total, 2, MidpointRounding.AwayFromZero);
    }
}
