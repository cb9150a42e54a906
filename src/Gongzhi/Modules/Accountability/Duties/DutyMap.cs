using Gongzhi.Modules.Cases;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Accountability.Duties;

/// <summary>An organisation's claim in an overlap, with the duty lines that make it.</summary>
public sealed record Claimant(Guid OrganisationId, IReadOnlyList<Guid> DutyIds);

/// <summary>职责交叉: two or more organisations claim the lead of a 小类 in an area.</summary>
public sealed record Overlap(string CategoryCode, string JurisdictionCode, IReadOnlyList<Claimant> Claimants);

/// <summary>职责空白: nobody leads a 小类 in an area.</summary>
public sealed record Gap(string CategoryCode, string JurisdictionCode);

/// <summary>A routing rule sending a 小类 in an area to an organisation whose duties claim nothing of it (neither lead nor assist).</summary>
public sealed record Contradiction(Guid RuleId, string RuleCategoryCode, string RulePrefix, string CategoryCode, string JurisdictionCode,
    Guid OrganisationId);

/// <summary>
/// Reads duty lists against each other, the catalogue and the routing rules, for one district (its streets below it) or one
/// street. A duty covers its area and every area below it, so what a district duty claims holds in each street. Each finding is
/// told once, at the highest area where it arises: an overlap between two district departments is the district's, not each
/// street's; a gap every street shares is the district's.
/// </summary>
public static class DutyMap
{
    /// <param name="area">The district or street analysed.</param>
    /// <param name="streets">The streets of <paramref name="area"/> when it is a district; empty for a street.</param>
    /// <param name="categories">The 小类 everyone should find a lead for.</param>
    /// <param name="decisions">Decisions already taken: an overlap they settled is not open any more, unless a new organisation has
    /// claimed the lead since (a decision can leave a claim in place when the yielding duty is set for an area above the overlap).</param>
    public static IReadOnlyList<Overlap> Overlaps(IReadOnlyList<Duty> duties, string area, IReadOnlyList<string> streets, IEnumerable<string> categories,
        IReadOnlyList<DutyDecision> decisions)
    {
        var found = new List<Overlap>();
        foreach (var category in categories)
        {
            var top = Leads(duties, category, area);
            if (top.Count >= 2 && !Settled(decisions, category, area, top))
            {
                found.Add(new Overlap(category, area, top));
            }
            foreach (var street in streets)
            {
                var here = Leads(duties, category, street);
                if (here.Count >= 2 && !SameOrganisations(here, top) && !Settled(decisions, category, street, here))
                {
                    found.Add(new Overlap(category, street, here));
                }
            }
        }
        return found;
    }

    /// <summary>The 小类 nobody leads, per area (see <see cref="Overlaps"/> for the parameters).</summary>
    public static IReadOnlyList<Gap> Gaps(IReadOnlyList<Duty> duties, string area, IReadOnlyList<string> streets, IEnumerable<string> categories)
    {
        var found = new List<Gap>();
        foreach (var category in categories)
        {
            if (Leads(duties, category, area).Count > 0)
            {
                continue;
            }
            var uncovered = streets.Where(s => Leads(duties, category, s).Count == 0).ToList();
            if (uncovered.Count == streets.Count)
            {
                found.Add(new Gap(category, area));
            }
            else
            {
                found.AddRange(uncovered.Select(s => new Gap(category, s)));
            }
        }
        return found;
    }

    /// <summary>
    /// The rules that decide for a 小类 somewhere in <paramref name="area"/> and send it to an organisation whose duties claim nothing
    /// of it there. A rule is read where it decides: at its own area, or at <paramref name="area"/> for a rule set above it.
    /// </summary>
    public static IReadOnlyList<Contradiction> Contradictions(IReadOnlyList<Duty> duties, string area, IReadOnlyList<RoutingRuleEntry> rules,
        IEnumerable<string> categories)
    {
        var found = new List<Contradiction>();
        var minors = categories.ToList();
        foreach (var rule in rules)
        {
            var at = JurisdictionCode.IsWithin(rule.JurisdictionPrefix, area) ? rule.JurisdictionPrefix : area;
            foreach (var category in minors.Where(c => rule.AppliesTo(c, at)))
            {
                if (RoutingRuleEntry.Deciding(rules, category, at)?.Id != rule.Id)
                {
                    continue;
                }
                if (!duties.Any(d => d.OrganisationId == rule.LeadOrganisationId && d.Claims(category, at)))
                {
                    found.Add(new Contradiction(rule.Id, rule.CategoryCode, rule.JurisdictionPrefix, category, at, rule.LeadOrganisationId));
                }
            }
        }
        return found;
    }

    /// <summary>The organisations leading the 小类 in the area, by the duties that hold there (its own and those above it).</summary>
    public static IReadOnlyList<Claimant> Leads(IEnumerable<Duty> duties, string category, string area) =>
        duties.Where(d => d.Kind == DutyKind.Lead && d.Claims(category, area))
            .GroupBy(d => d.OrganisationId)
            .Select(g => new Claimant(g.Key, g.Select(d => d.Id).Order().ToList()))
            .OrderBy(c => c.OrganisationId)
            .ToList();

    private static bool Settled(IReadOnlyList<DutyDecision> decisions, string category, string area, IReadOnlyList<Claimant> claimants) =>
        decisions.Any(d => d.CategoryCode == category && d.JurisdictionCode == area
            && claimants.All(c => c.OrganisationId == d.LeadOrganisationId || d.YieldingOrganisationIds.Contains(c.OrganisationId)));

    private static bool SameOrganisations(IReadOnlyList<Claimant> a, IReadOnlyList<Claimant> b) =>
        a.Select(c => c.OrganisationId).SequenceEqual(b.Select(c => c.OrganisationId));
}
