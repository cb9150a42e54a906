using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Routing.Pages;

/// <summary>The names the routing pages show beside codes and ids: categories, areas and organisations.</summary>
public sealed class RoutingNames
{
    public static readonly RoutingNames Empty = new([], new Dictionary<string, string>(), new Dictionary<Guid, string>());

    private readonly Dictionary<string, CaseCategory> categories;
    private readonly IReadOnlyDictionary<string, string> areas;
    private readonly IReadOnlyDictionary<Guid, string> organisations;

    private RoutingNames(List<CaseCategory> tree, IReadOnlyDictionary<string, string> areas, IReadOnlyDictionary<Guid, string> organisations)
    {
        Tree = tree;
        categories = tree.ToDictionary(c => c.Code, StringComparer.Ordinal);
        this.areas = areas;
        this.organisations = organisations;
    }

    /// <summary>Every category, each 大类 followed by its 小类.</summary>
    public IReadOnlyList<CaseCategory> Tree { get; }

    public string Category(string code) => categories.TryGetValue(code, out var c) ? c.NameZh : "";

    public string Area(string code) => areas.GetValueOrDefault(code, "");

    /// <summary>The organisation's name; an id that names none (removed since) shows as such rather than vanishing.</summary>
    public string Organisation(Guid id) => organisations.GetValueOrDefault(id, "？");

    public static async Task<RoutingNames> LoadAsync(GongzhiDbContext db, IEnumerable<string> areaCodes, IEnumerable<Guid> organisationIds)
    {
        var tree = Catalogue.CategoryTree.Order(await db.Set<CaseCategory>().AsNoTracking().ToListAsync());
        var codes = areaCodes.Distinct().ToList();
        var areas = await db.Set<Jurisdiction>().AsNoTracking().Where(j => codes.Contains(j.Code)).ToDictionaryAsync(j => j.Code, j => j.Name);
        var ids = organisationIds.Where(id => id != Guid.Empty).Distinct().ToList();
        var organisations = await db.Set<Organisation>().IgnoreQueryFilters().AsNoTracking().Where(o => ids.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name);
        return new RoutingNames(tree, areas, organisations);
    }
}
