using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Routing;

public enum RoutingSource
{
    /// <summary>A routing rule named the lead.</summary>
    Rule,

    /// <summary>No rule applied: the street office of the case's street leads (属地兜底).</summary>
    Territorial,

    /// <summary>Neither a rule nor a street office was found; the dispatcher must choose.</summary>
    None,
}

public sealed record RoutedOrganisation(Guid Id, string Code, string Name);

public sealed record RoutingSuggestion(RoutingSource Source, Guid? RuleId, Guid? LeadOrganisationId, RoutedOrganisation? Lead,
    IReadOnlyList<RoutedOrganisation> Assisting);

/// <summary>Which organisation should lead a case: the most specific rule, else the street office (属地兜底).</summary>
public sealed class CaseRouter(GongzhiDbContext db, IOrganisationDirectory organisations)
{
    public async Task<RoutingSuggestion> SuggestAsync(string categoryCode, string jurisdictionCode, CancellationToken cancellationToken)
    {
        var major = categoryCode.Length >= 2 ? categoryCode[..2] : categoryCode;
        var candidates = await db.Set<RoutingRule>().AsNoTracking()
            .Where(r => r.Active && (r.CategoryCode == categoryCode || r.CategoryCode == major))
            .ToListAsync(cancellationToken);
        var rule = MostSpecific(candidates, categoryCode, jurisdictionCode);
        if (rule is not null)
        {
            var named = await organisations.EntriesAsync([rule.LeadOrganisationId, .. rule.AssistingOrganisationIds], cancellationToken);
            return new RoutingSuggestion(RoutingSource.Rule, rule.Id, rule.LeadOrganisationId, Routed(named.GetValueOrDefault(rule.LeadOrganisationId)),
                rule.AssistingOrganisationIds.Select(id => Routed(named.GetValueOrDefault(id))).OfType<RoutedOrganisation>().ToList());
        }
        if (TerritorialOfficeCode(jurisdictionCode) is { } officeCode
            && Routed(await organisations.FindByCodeAsync(officeCode, activeOnly: true, cancellationToken)) is { } office)
        {
            return new RoutingSuggestion(RoutingSource.Territorial, null, office.Id, office, []);
        }
        return new RoutingSuggestion(RoutingSource.None, null, null, null, []);
    }

    /// <summary>The rule that decides for the category and place: the most specific of those that apply, or none.</summary>
    public static RoutingRule? MostSpecific(IEnumerable<RoutingRule> rules, string categoryCode, string jurisdictionCode) =>
        rules.Where(r => r.Active && r.AppliesTo(categoryCode, jurisdictionCode))
            .OrderByDescending(r => r.Specificity)
            .FirstOrDefault();

    /// <summary>The street office that leads by territory (属地兜底) where no rule applies: its code, for a case located at least to a street.</summary>
    public static string? TerritorialOfficeCode(string jurisdictionCode) =>
        jurisdictionCode.Length >= 9 ? jurisdictionCode[..9] + ".office" : null;

    private static RoutedOrganisation? Routed(OrganisationEntry? entry) => entry is null ? null : new(entry.Id, entry.Code, entry.Name);
}
