using System.Globalization;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Modules.Organisations;
using Gongzhi.Modules.Services;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Accountability.Duties;

/// <summary>Reads duty lists and their review (overlaps, gaps, contradicting rules) as the caller may see them.</summary>
public sealed class DutyQueries(GongzhiDbContext db, DutyService duties, IOrganisationDirectory organisations, IJurisdictionDirectory tree,
    ICaseCategories categories, IServiceItems items, IRoutingDirectory routing)
{
    /// <summary>
    /// The duties the caller sees (its area's and those above that bind it), narrowed to one organisation and to those holding in
    /// <paramref name="scope"/> (and below it); by organisation, then kind, then title.
    /// </summary>
    public async Task<IReadOnlyList<DutyResponse>> ListAsync(Caller caller, Guid? organisation, string? scope, CancellationToken cancellationToken)
    {
        scope = string.IsNullOrWhiteSpace(scope) ? null : scope.Trim();
        if (scope is not null && !JurisdictionCode.IsWellFormed(scope))
        {
            throw FieldValidationException.Field("scope", AccountabilityText.Get("Review.ScopeInvalid"));
        }
        if (scope is not null && !caller.CanSee(scope))
        {
            throw new RecordNotFoundException(AccountabilityText.Get("Review.NotFound"));
        }
        var list = await db.ReadAsAsync(caller, async () =>
        {
            var query = db.Set<Duty>().AsNoTracking();
            if (organisation is { } o)
            {
                query = query.Where(d => d.OrganisationId == o);
            }
            if (scope is not null)
            {
                var prefix = JurisdictionCode.QueryPrefix(scope);
                query = query.Where(d => d.JurisdictionCode.StartsWith(prefix) || scope.StartsWith(d.JurisdictionCode));
            }
            return await query.ToListAsync(cancellationToken);
        });
        var names = await OrganisationNamesAsync(caller, list.Select(d => d.OrganisationId), cancellationToken);
        var categoryNames = await CategoryNamesAsync(cancellationToken);
        var itemNames = (await items.FindAsync(list.SelectMany(d => d.ServiceItemCodes), cancellationToken)).ToDictionary(i => i.Code, i => i.Name);
        return list
            .OrderBy(d => names.GetValueOrDefault(d.OrganisationId), StringComparer.Ordinal).ThenBy(d => d.Kind).ThenBy(d => d.Title, StringComparer.Ordinal)
            .Select(d => Response(d, names, categoryNames, itemNames)).ToList();
    }

    /// <summary>One duty the caller sees, or 404.</summary>
    public async Task<DutyResponse> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var duty = await db.ReadAsAsync(caller, () => db.Set<Duty>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken))
            ?? throw new RecordNotFoundException(AccountabilityText.Get("Duty.NotFound"));
        var names = await OrganisationNamesAsync(caller, [duty.OrganisationId], cancellationToken);
        var itemNames = (await items.FindAsync(duty.ServiceItemCodes, cancellationToken)).ToDictionary(i => i.Code, i => i.Name);
        return Response(duty, names, await CategoryNamesAsync(cancellationToken), itemNames);
    }

    /// <summary>
    /// The review of a district (with its streets) or a street: <paramref name="scope"/> defaults to the caller's own; a community or grid
    /// is read as its street. The city as a whole is too wide to read at once: a city caller names a district.
    /// </summary>
    public async Task<DutyReview> ReviewAsync(Caller caller, string? scope, CancellationToken cancellationToken)
    {
        var area = string.IsNullOrWhiteSpace(scope) ? caller.ScopeCode : scope.Trim();
        if (!JurisdictionCode.IsWellFormed(area) || area == JurisdictionCode.City)
        {
            throw FieldValidationException.Field("scope", AccountabilityText.Get("Review.ScopeInvalid"));
        }
        area = area.Length > 9 ? area[..9] : area;
        if (!caller.Covers(area) || !await tree.ExistsAsync(area, cancellationToken))
        {
            throw new RecordNotFoundException(AccountabilityText.Get("Review.NotFound"));
        }
        var streets = area.Length == 6
            ? (await tree.ChildrenOfAsync([area], cancellationToken)).Select(s => s.Code).Order(StringComparer.Ordinal).ToList()
            : [];
        var (holding, decisions) = await db.ReadAsAsync(caller, async () => (
            await duties.HoldingAsync(area, tracked: false, cancellationToken),
            await db.Set<DutyDecision>().AsNoTracking().Where(d => d.JurisdictionCode.StartsWith(JurisdictionCode.QueryPrefix(area)))
                .OrderByDescending(d => d.DecidedAt).ToListAsync(cancellationToken)));
        var minors = await categories.AllActiveMinorAsync(cancellationToken);
        var codes = minors.Select(c => c.Code).ToList();
        var rules = await routing.ApplyingWithinAsync(area, cancellationToken);
        var overlaps = DutyMap.Overlaps(holding, area, streets, codes, decisions);
        var gaps = DutyMap.Gaps(holding, area, streets, codes);
        var contradictions = DutyMap.Contradictions(holding, area, rules, codes);

        var organisationIds = overlaps.SelectMany(o => o.Claimants.Select(c => c.OrganisationId)).Concat(contradictions.Select(c => c.OrganisationId))
            .Concat(decisions.Select(d => d.LeadOrganisationId));
        var names = await OrganisationNamesAsync(caller, organisationIds, cancellationToken);
        var areaNames = await tree.NamesAsync(streets.Append(area).Concat(contradictions.Select(c => c.JurisdictionCode))
            .Concat(decisions.Select(d => d.JurisdictionCode)).Distinct(), cancellationToken);
        var categoryNames = Names(minors);
        string AreaName(string code) => areaNames.GetValueOrDefault(code, code);
        string CategoryName(string code) => categoryNames.GetValueOrDefault(code, code);
        return new DutyReview(area, AreaName(area),
            overlaps.Select(o => new OverlapResponse(o.CategoryCode, CategoryName(o.CategoryCode), o.JurisdictionCode, AreaName(o.JurisdictionCode),
                o.Claimants.Select(c => new ClaimantResponse(c.OrganisationId, names.GetValueOrDefault(c.OrganisationId), c.DutyIds))
                    .OrderBy(c => c.OrganisationName, StringComparer.Ordinal).ToList())).ToList(),
            gaps.Select(g => new GapResponse(g.CategoryCode, CategoryName(g.CategoryCode), g.JurisdictionCode, AreaName(g.JurisdictionCode))).ToList(),
            contradictions.Select(c => new ContradictionResponse(c.RuleId, c.RuleCategoryCode, c.RulePrefix, c.CategoryCode, CategoryName(c.CategoryCode),
                c.JurisdictionCode, AreaName(c.JurisdictionCode), c.OrganisationId, names.GetValueOrDefault(c.OrganisationId))).ToList(),
            decisions.Select(d => Decision(d, names, AreaName(d.JurisdictionCode), CategoryName(d.CategoryCode))).ToList());
    }

    /// <summary>The first district whose duty lists the caller sees: where a city caller's review opens.</summary>
    public async Task<string?> FirstDistrictAsync(Caller caller, CancellationToken cancellationToken)
    {
        var code = await db.ReadAsAsync(caller, () => db.Set<Duty>().AsNoTracking().Where(d => d.JurisdictionCode.Length >= 6).OrderBy(d => d.JurisdictionCode)
            .Select(d => d.JurisdictionCode).FirstOrDefaultAsync(cancellationToken));
        return code?[..6];
    }

    /// <summary>The decision as the API answers it, once it is saved.</summary>
    public async Task<DecisionResponse> DecisionAsync(Caller caller, DutyDecision decision, CancellationToken cancellationToken)
    {
        var names = await OrganisationNamesAsync(caller, [decision.LeadOrganisationId], cancellationToken);
        var areas = await tree.NamesAsync([decision.JurisdictionCode], cancellationToken);
        var category = (await CategoryNamesAsync(cancellationToken)).GetValueOrDefault(decision.CategoryCode, decision.CategoryCode);
        return Decision(decision, names, areas.GetValueOrDefault(decision.JurisdictionCode, decision.JurisdictionCode), category);
    }

    /// <summary>The organisations whose duty lists the caller may open: those it sees, at its own node and below, and the departments above it.</summary>
    public Task<IReadOnlyList<OrganisationEntry>> OrganisationsAsync(Caller caller, CancellationToken cancellationToken) =>
        db.ReadAsAsync(caller, () => organisations.ActiveAsync(
            [OrganisationKind.Department, OrganisationKind.StreetOffice, OrganisationKind.CommandCenter, OrganisationKind.CommunityCommittee], cancellationToken));

    /// <summary>The 小类 and the service items a duty may cover, for the forms.</summary>
    public async Task<(IReadOnlyList<NamedCode> Categories, IReadOnlyList<NamedCode> Items)> ChoicesAsync(CancellationToken cancellationToken)
    {
        var minors = await categories.AllActiveMinorAsync(cancellationToken);
        var names = Names(minors);
        return (minors.Select(c => new NamedCode(c.Code, names[c.Code])).ToList(),
            (await items.AllAsync(cancellationToken)).Select(i => new NamedCode(i.Code, i.Name)).ToList());
    }

    private static DecisionResponse Decision(DutyDecision d, IReadOnlyDictionary<Guid, string> names, string areaName, string categoryName) =>
        new(d.Id, d.CategoryCode, categoryName, d.JurisdictionCode, areaName, d.LeadOrganisationId, names.GetValueOrDefault(d.LeadOrganisationId),
            d.YieldingOrganisationIds, d.Outcome, d.Reason, d.DecidedBy, d.DecidedAt, d.RoutingRuleId);

    private static DutyResponse Response(Duty d, IReadOnlyDictionary<Guid, string> names, IReadOnlyDictionary<string, string> categoryNames,
        IReadOnlyDictionary<string, string> itemNames) =>
        new(d.Id, d.OrganisationId, names.GetValueOrDefault(d.OrganisationId), d.JurisdictionCode, d.Title, d.Kind, d.LegalBasis,
            d.CategoryCodes.Select(c => new NamedCode(c, categoryNames.GetValueOrDefault(c, c))).ToList(),
            d.ServiceItemCodes.Select(c => new NamedCode(c, itemNames.GetValueOrDefault(c, c))).ToList(), d.Version);

    private async Task<IReadOnlyDictionary<string, string>> CategoryNamesAsync(CancellationToken cancellationToken) =>
        Names(await categories.AllActiveMinorAsync(cancellationToken));

    private static Dictionary<string, string> Names(IEnumerable<CaseCategoryName> minors)
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return minors.ToDictionary(c => c.Code, c => english ? c.NameEn : c.NameZh, StringComparer.Ordinal);
    }

    /// <summary>Names in the caller's language where it sees the organisation; the plain name of one a visible duty points at otherwise.</summary>
    private async Task<IReadOnlyDictionary<Guid, string>> OrganisationNamesAsync(Caller caller, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        var shown = await db.ReadAsAsync(caller, () => organisations.DisplayNamesAsync(wanted, cancellationToken));
        var missing = wanted.Where(id => !shown.ContainsKey(id)).ToList();
        if (missing.Count == 0)
        {
            return shown;
        }
        var plain = await organisations.NamesAsync(missing, cancellationToken);
        return shown.Concat(plain).ToDictionary(p => p.Key, p => p.Value);
    }
}
