using Gongzhi.Components;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Jurisdictions;

/// <summary>The web UI's view of the tree, read from the jurisdictions table (grids included) with the API's queries.</summary>
internal sealed class DatabaseJurisdictionBrowser(GongzhiDbContext db) : IJurisdictionBrowser
{
    public async Task<JurisdictionNode?> GetAsync(string code, CancellationToken cancellationToken)
    {
        var row = await JurisdictionsApi.Nodes(db).Where(j => j.Code == code).AsRows().FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToNode((await JurisdictionsApi.WithChildCountsAsync(db, [row], cancellationToken))[0]);
    }

    public async Task<IReadOnlyList<JurisdictionNode>> GetChildrenAsync(string code, CancellationToken cancellationToken)
    {
        var rows = await JurisdictionsApi.Nodes(db).Where(j => j.ParentCode == code).OrderBy(j => j.Code).AsRows().ToListAsync(cancellationToken);
        return [.. (await JurisdictionsApi.WithChildCountsAsync(db, rows, cancellationToken)).Select(ToNode)];
    }

    public async Task<IReadOnlyList<JurisdictionNode>> GetAncestorsAsync(string code, CancellationToken cancellationToken) =>
        [.. (await JurisdictionsApi.AncestorResponsesAsync(db, code, cancellationToken)).Select(ToNode)];

    public async Task<IReadOnlyList<JurisdictionMatch>> SearchAsync(string query, int take, CancellationToken cancellationToken)
    {
        var text = query.Trim();
        if (text.Length == 0)
        {
            return [];
        }
        var found = await JurisdictionsApi.Nodes(db).Where(j => j.Name.Contains(text))
            .OrderBy(j => j.Code.Length).ThenBy(j => j.Code)
            .Take(Math.Clamp(take, 1, 100))
            .AsRows()
            .ToListAsync(cancellationToken);
        var pathCodes = found.SelectMany(j => JurisdictionsApi.AncestorCodes(j.Code)).Distinct().ToList();
        var names = await JurisdictionsApi.Nodes(db).Where(j => pathCodes.Contains(j.Code)).ToDictionaryAsync(j => j.Code, j => j.Name, cancellationToken);
        return [.. found.Select(j => new JurisdictionMatch(j.Code, j.Name, j.Level,
            [.. JurisdictionsApi.AncestorCodes(j.Code).Where(names.ContainsKey).Select(c => names[c])]))];
    }

    public async Task<IReadOnlyList<GridPosition>> GridPositionsAsync(string code, CancellationToken cancellationToken)
    {
        var prefix = JurisdictionCode.QueryPrefix(code);
        return await db.Set<Jurisdiction>().AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Grid && j.CentroidLat != null && j.CentroidLon != null && j.Code.StartsWith(prefix))
            .OrderBy(j => j.Code)
            .Select(j => new GridPosition(j.Code, j.CentroidLat!.Value, j.CentroidLon!.Value))
            .ToListAsync(cancellationToken);
    }

    private static JurisdictionNode ToNode(JurisdictionResponse r) => new(r.Code, r.Name, r.Level, r.ParentCode, r.BoundaryDerived, r.ChildCount);
}
