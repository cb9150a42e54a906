using Gongzhi.Modules.SocialForces.Purchase;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.SocialForces.Calls;

public enum CallState
{
    Open,
    Awarded,
}

/// <summary>
/// A call for proposals (项目招标/征集) on a purchase of services: open until its deadline, judged by a published
/// rubric (criteria whose weights sum to 100), then awarded once. Applications are taken only before the deadline;
/// the panel scores and the purchaser awards only after it, so every applicant is judged on the same footing.
/// </summary>
public sealed class ProposalCall : IJurisdictional, IAudited
{
    public const int MaxCriteria = 8;
    public const int MaxCriterionName = 50;
    public const int MaxReasonLength = 500;

    private ProposalCall()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProjectId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    /// <summary>The project's title, published with the call.</summary>
    public string Title { get; private set; } = "";

    /// <summary>The project's budget in fen: the ceiling of every proposal.</summary>
    public long Budget { get; private set; }

    public DateTimeOffset Deadline { get; private set; }

    public CallState State { get; private set; }

    public DateTimeOffset PublishedAt { get; private set; }

    public string PublishedBy { get; private set; } = "";

    public Guid? AwardedApplicationId { get; private set; }

    /// <summary>Why another than the highest-scoring application won; null when the highest won.</summary>
    public string? AwardReason { get; private set; }

    public DateTimeOffset? AwardedAt { get; private set; }

    public string AuditKey => Id.ToString();

    public sealed record CriterionInput(string? Name, int? Weight);

    public static (ProposalCall Call, List<CallCriterion> Criteria) Publish(ServiceProject project, DateTimeOffset? deadline,
        IReadOnlyList<CriterionInput>? criteria, string publishedBy, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (deadline is not { } due || due <= now)
        {
            errors["deadline"] = [SocialText.Get("Call.Deadline")];
        }
        if (criteria is null || criteria.Count is 0 or > MaxCriteria)
        {
            errors["criteria"] = [SocialText.Format("Call.Criteria", MaxCriteria)];
        }
        else
        {
            for (var i = 0; i < criteria.Count; i++)
            {
                var name = criteria[i].Name?.Trim() ?? "";
                if (name.Length is 0 or > MaxCriterionName)
                {
                    errors[$"criteria[{i}].name"] = [SocialText.Format("Field.Required", MaxCriterionName)];
                }
                if (criteria[i].Weight is not (>= 1 and <= 100))
                {
                    errors[$"criteria[{i}].weight"] = [SocialText.Get("Call.Weight")];
                }
            }
            if (criteria.All(c => c.Weight is >= 1 and <= 100) && criteria.Sum(c => c.Weight!.Value) != 100)
            {
                errors["criteria"] = [SocialText.Get("Call.WeightsSum")];
            }
            if (criteria.Select(c => c.Name?.Trim()).Distinct().Count() != criteria.Count)
            {
                errors.TryAdd("criteria", [SocialText.Get("Call.CriteriaDistinct")]);
            }
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var call = new ProposalCall
        {
            Id = Guid.CreateVersion7(),
            ProjectId = project.Id,
            JurisdictionCode = project.JurisdictionCode,
            Title = project.Title,
            Budget = project.Budget,
            Deadline = deadline!.Value,
            State = CallState.Open,
            PublishedAt = now,
            PublishedBy = publishedBy,
        };
        var rubric = criteria!.Select((c, i) => CallCriterion.Define(call, i + 1, c.Name!.Trim(), c.Weight!.Value)).ToList();
        return (call, rubric);
    }

    /// <summary>Applications are taken while the call is open and before its deadline.</summary>
    public void EnsureTakesApplications(DateTimeOffset now)
    {
        if (State != CallState.Open)
        {
            throw new RuleViolationException(SocialText.Get("Call.AlreadyAwarded"));
        }
        if (now >= Deadline)
        {
            throw new RuleViolationException(SocialText.Get("Call.DeadlinePassed"));
        }
    }

    /// <summary>The panel scores, and the purchaser awards, once applications have closed and before the award.</summary>
    public void EnsureJudging(DateTimeOffset now)
    {
        if (State != CallState.Open)
        {
            throw new RuleViolationException(SocialText.Get("Call.AlreadyAwarded"));
        }
        if (now < Deadline)
        {
            throw new RuleViolationException(SocialText.Get("Call.NotClosed"));
        }
    }

    /// <summary>
    /// Checks an award: every application scored, and a reason when the chosen one is not (one of) the highest.
    /// Returns the reason as it is kept.
    /// </summary>
    public string? CheckAward(ProposalApplication chosen, IReadOnlyDictionary<Guid, decimal?> totals, string? reason, DateTimeOffset now)
    {
        EnsureJudging(now);
        if (chosen.CallId != Id)
        {
            throw FieldValidationException.Field("applicationId", SocialText.Get("Call.Application"));
        }
        if (totals.Values.Any(t => t is null))
        {
            throw new RuleViolationException(SocialText.Get("Call.Unscored"));
        }
        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (text?.Length > MaxReasonLength)
        {
            throw FieldValidationException.Field("reason", SocialText.Format("Field.TooLong", MaxReasonLength));
        }
        var highest = totals.Values.Max();
        if (totals[chosen.Id] < highest && text is null)
        {
            throw FieldValidationException.Field("reason", SocialText.Get("Call.ReasonNeeded"));
        }
        return text;
    }
}

/// <summary>One criterion of a call's rubric and its weight (the weights of a call sum to 100).</summary>
public sealed class CallCriterion : IJurisdictional
{
    private CallCriterion()
    {
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public int Number { get; private set; }

    public string Name { get; private set; } = "";

    public int Weight { get; private set; }

    internal static CallCriterion Define(ProposalCall call, int number, string name, int weight) => new()
    {
        Id = Guid.CreateVersion7(),
        CallId = call.Id,
        JurisdictionCode = call.JurisdictionCode,
        Number = number,
        Name = name,
        Weight = weight,
    };
}
