using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Jurisdictions;

/// <summary>A node of the tree as other modules see it: where it sits and its centre (null until a boundary gives one), never its boundary.</summary>
public sealed record JurisdictionPlace(string Code, string Name, JurisdictionLevel Level, string? ParentCode, double? CentroidLat, double? CentroidLon);

/// <summary>
/// What other modules may read of the jurisdiction tree, instead of its table. The tree is reference data every caller
/// may read, so no answer depends on the caller's scope.
/// </summary>
public interface IJurisdictionDirectory
{
    /// <summary>Whether a node has this code.</summary>
    Task<bool> ExistsAsync(string code, CancellationToken cancellationToken);

    /// <summary>The names of these nodes, by code. Unknown codes are left out.</summary>
    Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> codes, CancellationToken cancellationToken);

    /// <summary>The node with this code, or null.</summary>
    Task<JurisdictionPlace?> FindAsync(string code, CancellationToken cancellationToken);

    /// <summary>The nodes of these levels that have a centre: the places an address may name.</summary>
    Task<IReadOnlyList<JurisdictionPlace>> CentredAsync(IReadOnlyList<JurisdictionLevel> levels, CancellationToken cancellationToken);

    /// <summary>The direct children of these nodes, by code (the grids of some communities).</summary>
    Task<IReadOnlyList<JurisdictionPlace>> ChildrenOfAsync(IEnumerable<string> parentCodes, CancellationToken cancellationToken);
}

internal sealed class JurisdictionDirectoryService(GongzhiDbContext db) : IJurisdictionDirectory
{
    public Task<bool> ExistsAsync(string code, CancellationToken cancellationToken) =>
        db.Set<Jurisdiction>().AnyAsync(j => j.Code == code, cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var wanted = codes.Distinct().ToList();
        return await db.Set<Jurisdiction>().AsNoTracking().Where(j => wanted.Contains(j.Code)).Select(j => new { j.Code, j.Name })
            .ToDictionaryAsync(j => j.Code, j => j.Name, cancellationToken);
    }

    public Task<JurisdictionPlace?> FindAsync(string code, CancellationToken cancellationToken) =>
        Places(db.Set<Jurisdiction>().Where(j => j.Code == code)).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<JurisdictionPlace>> CentredAsync(IReadOnlyList<JurisdictionLevel> levels, CancellationToken cancellationToken) =>
        await Places(db.Set<Jurisdiction>().Where(j => levels.Contains(j.Level) && j.CentroidLat != null && j.CentroidLon != null))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<JurisdictionPlace>> ChildrenOfAsync(IEnumerable<string> parentCodes, CancellationToken cancellationToken)
    {
        var parents = parentCodes.Distinct().ToList();
        return await Places(db.Set<Jurisdiction>().Where(j => j.ParentCode != null && parents.Contains(j.ParentCode)).OrderBy(j => j.Code))
            .ToListAsync(cancellationToken);
    }

    // Boundaries can be tens of kilobytes: only the small columns are read.
    private static IQueryable<JurisdictionPlace> Places(IQueryable<Jurisdiction> nodes) =>
        nodes.AsNoTracking().Select(j => new JurisdictionPlace(j.Code, j.Name, j.Level, j.ParentCode, j.CentroidLat, j.CentroidLon));
}
