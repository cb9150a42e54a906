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

    /// <summary>The catalogue, the names of these areas and of these organisations (whatever the caller's scope: a rule names them already).</summary>
    public static async Task<RoutingNames> LoadAsync(GongzhiDbContext db, IJurisdictionDirectory places, IOrganisationDirectory directory,
        IEnumerable<string> areaCodes, IEnumerable<Guid> organisationIds)
    {
        var tree = Catalogue.CategoryTree.Order(await db.Set<CaseCategory>().AsNoTracking().ToListAsync());
        var areas = await places.NamesAsync(areaCodes, default);
        var organisations = await directory.NamesAsync(organisationIds.Where(id => id != Guid.Empty), default);
        return new RoutingNames(tree, areas, organisations);
    }
}
