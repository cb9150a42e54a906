using System.Text.Json;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Components;

/// <summary>
/// Serves the jurisdiction pages from the committed Wuhan division list (city, districts, streets, communities)
/// so the web UI runs before the jurisdictions module registers its database-backed <see cref="IJurisdictionBrowser"/>.
/// It knows no grids and no scopes: replace it, do not extend it.
/// </summary>
internal sealed class DivisionFileJurisdictionBrowser : IJurisdictionBrowser
{
    private readonly Lazy<Dictionary<string, JurisdictionNode>> nodes = new(Load);

    public Task<JurisdictionNode?> GetAsync(string code, CancellationToken cancellationToken) =>
        Task.FromResult(nodes.Value.GetValueOrDefault(code));

    public Task<IReadOnlyList<JurisdictionNode>> GetChildrenAsync(string code, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JurisdictionNode>>([.. nodes.Value.Values.Where(n => n.ParentCode == code).OrderBy(n => n.Code, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<JurisdictionNode>> GetAncestorsAsync(string code, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JurisdictionNode>>(Ancestors(code));

    public Task<IReadOnlyList<JurisdictionMatch>> SearchAsync(string query, int take, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JurisdictionMatch>>([.. nodes.Value.Values
            .Where(n => n.Name.Contains(query.Trim(), StringComparison.Ordinal))
            .OrderBy(n => n.Level).ThenBy(n => n.Code, StringComparer.Ordinal)
            .Take(take)
            .Select(n => new JurisdictionMatch(n.Code, n.Name, n.Level, [.. Ancestors(n.Code).Select(a => a.Name)]))]);

    private List<JurisdictionNode> Ancestors(string code)
    {
        var chain = new List<JurisdictionNode>();
        for (var parent = JurisdictionCode.ParentOf(code); parent is not null; parent = JurisdictionCode.ParentOf(parent))
        {
            if (nodes.Value.TryGetValue(parent, out var node))
            {
                chain.Insert(0, node);
            }
        }
        return chain;
    }

    private static Dictionary<string, JurisdictionNode> Load()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "seed", "divisions.json"));
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var result = new Dictionary<string, JurisdictionNode>(StringComparer.Ordinal);
        var districts = root.GetProperty("districts");
        Add(result, root.GetProperty("city"), null, districts.GetArrayLength());
        foreach (var district in districts.EnumerateArray())
        {
            var streets = district.GetProperty("streets");
            Add(result, district, JurisdictionCode.City, streets.GetArrayLength());
            foreach (var street in streets.EnumerateArray())
            {
                var communities = street.GetProperty("communities");
                Add(result, street, district.GetProperty("code").GetString(), communities.GetArrayLength());
                foreach (var community in communities.EnumerateArray())
                {
                    Add(result, community, street.GetProperty("code").GetString(), 0);
                }
            }
        }
        return result;
    }

    private static void Add(Dictionary<string, JurisdictionNode> nodes, JsonElement element, string? parent, int childCount)
    {
        var code = element.GetProperty("code").GetString()!;
        var level = JurisdictionCode.LevelOf(code);
        // Only district boundaries are public; everything below them is derived.
        nodes[code] = new JurisdictionNode(code, element.GetProperty("name").GetString()!, level, parent, level > JurisdictionLevel.District, childCount);
    }
}
