namespace Gongzhi.Modules.Accountability.Duties;

/// <param name="JurisdictionCode">The area the duty holds in; the organisation's own when absent (not changed by an edit).</param>
/// <param name="Version">Required on an edit: the version read.</param>
public sealed record DutyRequest(Guid? OrganisationId, string? JurisdictionCode, string? Title, DutyKind? Kind, string? LegalBasis,
    IReadOnlyList<string>? CategoryCodes, IReadOnlyList<string>? ServiceItemCodes, long? Version = null)
{
    internal DutyInput Input => new(Title, Kind, LegalBasis, CategoryCodes, ServiceItemCodes);
}

/// <summary>The district's decision on an overlap: who leads <c>categoryCode</c> in <c>jurisdictionCode</c>, what the others keep, and why.</summary>
public sealed record ResolutionRequest(string? CategoryCode, string? JurisdictionCode, Guid? LeadOrganisationId, YieldOutcome? Outcome, string? Reason);

public sealed record NamedCode(string Code, string Name);

public sealed record DutyResponse(Guid Id, Guid OrganisationId, string? OrganisationName, string JurisdictionCode, string Title, DutyKind Kind,
    string LegalBasis, IReadOnlyList<NamedCode> Categories, IReadOnlyList<NamedCode> ServiceItems, long Version);

public sealed record ClaimantResponse(Guid OrganisationId, string? OrganisationName, IReadOnlyList<Guid> DutyIds);

public sealed record OverlapResponse(string CategoryCode, string CategoryName, string JurisdictionCode, string AreaName, IReadOnlyList<ClaimantResponse> Claimants);

public sealed record GapResponse(string CategoryCode, string CategoryName, string JurisdictionCode, string AreaName);

public sealed record ContradictionResponse(Guid RuleId, string RuleCategoryCode, string RulePrefix, string CategoryCode, string CategoryName,
    string JurisdictionCode, string AreaName, Guid OrganisationId, string? OrganisationName);

public sealed record DecisionResponse(Guid Id, string CategoryCode, string CategoryName, string JurisdictionCode, string AreaName, Guid LeadOrganisationId,
    string? LeadOrganisationName, IReadOnlyList<Guid> YieldingOrganisationIds, YieldOutcome Outcome, string Reason, string DecidedBy, DateTimeOffset DecidedAt,
    Guid RoutingRuleId);

/// <summary>The district's (or street's) reading of its duty lists: what overlaps, what nobody leads, which rules contradict the lists.</summary>
public sealed record DutyReview(string Scope, string ScopeName, IReadOnlyList<OverlapResponse> Overlaps, IReadOnlyList<GapResponse> Gaps,
    IReadOnlyList<ContradictionResponse> Contradictions, IReadOnlyList<DecisionResponse> Decisions);
