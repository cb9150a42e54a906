using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Routing;

internal sealed class RoutingDirectory(GongzhiDbContext db) : IRoutingDirectory
{
    public async Task<IReadOnlyList<RoutingRuleEntry>> ApplyingWithinAsync(string jurisdictionCode, CancellationToken cancellationToken)
    {
        var prefix = Platform.Scoping.JurisdictionCode.QueryPrefix(jurisdictionCode);
        var rules = await db.Set<RoutingRule>().AsNoTracking()
            .Where(r => r.Active && (r.JurisdictionPrefix.StartsWith(prefix) || jurisdictionCode.StartsWith(r.JurisdictionPrefix)
                || r.JurisdictionPrefix == Platform.Scoping.JurisdictionCode.City))
            .ToListAsync(cancellationToken);
        // A prefix test on text would take 4201030 for a node of 420103: only whole codes above the area count.
        return rules.Where(r => Platform.Scoping.JurisdictionCode.IsWithin(r.JurisdictionPrefix, jurisdictionCode)
                || Platform.Scoping.JurisdictionCode.IsWithin(jurisdictionCode, r.JurisdictionPrefix))
            .OrderBy(r => r.CategoryCode, StringComparer.Ordinal).ThenBy(r => r.JurisdictionPrefix, StringComparer.Ordinal)
            .Select(Entry).ToList();
    }

    public async Task<RoutingRuleEntry> SetLeadAsync(string categoryCode, string jurisdictionPrefix, Guid leadOrganisationId, IEnumerable<Guid> assisting,
        CancellationToken cancellationToken)
    {
        if (!db.Caller.Covers(jurisdictionPrefix))
        {
            throw new ScopeViolationException(CasesText.Format("Routing.OutsideScope", jurisdictionPrefix, db.Caller.ScopeCode));
        }
        var rule = await db.Set<RoutingRule>().FirstOrDefaultAsync(r => r.CategoryCode == categoryCode && r.JurisdictionPrefix == jurisdictionPrefix,
            cancellationToken);
        if (rule is null)
        {
            rule = RoutingRule.Create(categoryCode, jurisdictionPrefix, leadOrganisationId, assisting);
            db.Add(rule);
        }
        else
        {
            rule.Update(categoryCode, jurisdictionPrefix, leadOrganisationId, rule.AssistingOrganisationIds.Concat(assisting), active: true);
        }
        return Entry(rule);
    }

    private static RoutingRuleEntry Entry(RoutingRule r) => new(r.Id, r.CategoryCode, r.JurisdictionPrefix, r.LeadOrganisationId, r.AssistingOrganisationIds);
}
