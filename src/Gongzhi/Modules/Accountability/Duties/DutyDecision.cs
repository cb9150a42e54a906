using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Accountability.Duties;

/// <summary>What becomes of the organisations that claimed the lead and were not chosen.</summary>
public enum YieldOutcome
{
    /// <summary>They keep the category as 配合 (assisting).</summary>
    Assist,

    /// <summary>The category leaves their duty lists.</summary>
    Remove,
}

/// <summary>
/// The district's decision on an overlap (职责交叉): which organisation leads a 小类 in an area, who decided, when and why. The
/// record stays when the duties change again, so that the duty list can say where each lead came from.
/// </summary>
public sealed class DutyDecision : IJurisdictional, IAudited
{
    public const int MaxReasonLength = 1000;

    private DutyDecision()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The area of the overlap.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public string CategoryCode { get; private set; } = "";

    public Guid LeadOrganisationId { get; private set; }

    /// <summary>The organisations that claimed the lead too.</summary>
    public IReadOnlyList<Guid> YieldingOrganisationIds { get; private set; } = [];

    public YieldOutcome Outcome { get; private set; }

    public string Reason { get; private set; } = "";

    public string DecidedBy { get; private set; } = "";

    public string? DecidedByUserId { get; private set; }

    public DateTimeOffset DecidedAt { get; private set; }

    /// <summary>The routing rule set to the decided lead.</summary>
    public Guid RoutingRuleId { get; private set; }

    public string AuditKey => $"{CategoryCode}@{JurisdictionCode}";

    /// <summary>
    /// Decides <paramref name="overlap"/> for <paramref name="lead"/>, one of the organisations claiming it; the reason is required,
    /// since a decision nobody can explain is reopened at the next joint meeting.
    /// </summary>
    public static DutyDecision Decide(Overlap overlap, Guid? lead, YieldOutcome? outcome, string? reason, Caller caller, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (lead is not { } chosen || overlap.Claimants.All(c => c.OrganisationId != chosen))
        {
            errors["leadOrganisationId"] = [AccountabilityText.Get("Decision.LeadNotClaimant")];
        }
        if (outcome is not { } o || !Enum.IsDefined(o))
        {
            errors["outcome"] = [AccountabilityText.Get("Decision.OutcomeInvalid")];
        }
        var text = reason?.Trim() ?? "";
        if (text.Length is 0 or > MaxReasonLength)
        {
            errors["reason"] = [AccountabilityText.Format("Field.Required", MaxReasonLength)];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        return new DutyDecision
        {
            Id = Guid.CreateVersion7(now),
            JurisdictionCode = overlap.JurisdictionCode,
            CategoryCode = overlap.CategoryCode,
            LeadOrganisationId = lead!.Value,
            YieldingOrganisationIds = overlap.Claimants.Select(c => c.OrganisationId).Where(id => id != lead).Distinct().ToList(),
            Outcome = outcome!.Value,
            Reason = text,
            DecidedBy = caller.ShownName ?? "",
            DecidedByUserId = caller.UserId,
            DecidedAt = now,
        };
    }

    /// <summary>Notes the routing rule the decision set (known once the rule is staged).</summary>
    public void Routed(Guid routingRuleId) => RoutingRuleId = routingRuleId;
}
