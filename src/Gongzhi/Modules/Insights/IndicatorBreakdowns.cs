using Gongzhi.Components;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.Insights;

/// <summary>Indicators broken down by area, category or organisation, with the names people read: for the API, the exports and the dashboard.</summary>
internal sealed class IndicatorBreakdowns(GongzhiDbContext db, IndicatorService service, IJurisdictionBrowser jurisdictions,
    IOrganisationDirectory organisationDirectory)
{
    /// <summary>The breakdown with display names, children without cases included so that every area shows.</summary>
    public async Task<List<BreakdownRow>> RowsAsync(IndicatorFilter filter, BreakdownDimension by, CancellationToken cancellationToken)
    {
        var sets = await service.BreakdownAsync(filter, by, cancellationToken);
        switch (by)
        {
            case BreakdownDimension.Child:
                var children = await jurisdictions.GetChildrenAsync(filter.Scope, cancellationToken);
                var known = children.Select(c => new BreakdownRow(c.Code, c.Name, sets.GetValueOrDefault(c.Code) ?? IndicatorSet.Empty));
                var unknown = sets.Where(s => children.All(c => c.Code != s.Key)).Select(s => new BreakdownRow(s.Key, s.Key, s.Value));
                return [.. known, .. unknown];
            case BreakdownDimension.Category:
                var categories = await db.CategoryNamesAsync(sets.Keys, cancellationToken);
                return sets.OrderBy(s => s.Key, StringComparer.Ordinal)
                    .Select(s => new BreakdownRow(s.Key, categories.GetValueOrDefault(s.Key) ?? s.Key, s.Value)).ToList();
            default:
                var names = await organisationDirectory.DisplayNamesAsync(sets.Keys.Where(k => k.Length > 0).Select(Guid.Parse), cancellationToken);
                var organisations = names.ToDictionary(n => n.Key.ToString(), n => n.Value);
                return sets.OrderBy(s => s.Key.Length == 0).ThenBy(s => organisations.GetValueOrDefault(s.Key) ?? s.Key, StringComparer.Ordinal)
                    .Select(s => new BreakdownRow(s.Key, organisations.GetValueOrDefault(s.Key) ?? s.Key, s.Value)).ToList();
        }
    }
}
