namespace Gongzhi.Modules.Cases.Routing.Pages;

/// <summary>The routing rule edit page's fields as posted; the assisting organisations come from a multiple select beside it.</summary>
public sealed class RoutingRuleForm
{
    public string? CategoryCode { get; set; }

    public string? JurisdictionPrefix { get; set; }

    public Guid? LeadOrganisationId { get; set; }

    public bool Active { get; set; } = true;

    public long Version { get; set; }

    public static RoutingRuleForm From(RoutingRule rule) => new()
    {
        CategoryCode = rule.CategoryCode,
        JurisdictionPrefix = rule.JurisdictionPrefix,
        LeadOrganisationId = rule.LeadOrganisationId,
        Active = rule.Active,
        Version = rule.Version,
    };

    public RoutingRuleRequest ToRequest(IEnumerable<Guid> assisting) =>
        new(CategoryCode, JurisdictionPrefix, LeadOrganisationId, [.. assisting], Active, Version);
}
