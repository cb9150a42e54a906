using Gongzhi.Platform.Scoping;

namespace Gongzhi.Components;

/// <summary>
/// What the jurisdiction pages read to render the tree, the breadcrumb and the search results on the server.
/// The map itself fetches boundaries from the jurisdictions API in the browser.
/// </summary>
public interface IJurisdictionBrowser
{
    /// <summary>The node with this code, or null when it does not exist or the caller may not see it.</summary>
    Task<JurisdictionNode?> GetAsync(string code, CancellationToken cancellationToken);

    /// <summary>The node's direct children, ordered by code.</summary>
    Task<IReadOnlyList<JurisdictionNode>> GetChildrenAsync(string code, CancellationToken cancellationToken);

    /// <summary>The node's ancestors, the city first and the parent last; empty for the city.</summary>
    Task<IReadOnlyList<JurisdictionNode>> GetAncestorsAsync(string code, CancellationToken cancellationToken);

    /// <summary>Nodes whose Chinese name contains <paramref name="query"/>, shallow levels first, at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<JurisdictionMatch>> SearchAsync(string query, int take, CancellationToken cancellationToken);

    /// <summary>
    /// The grids under <paramref name="code"/> (the city's code for all) whose position is known, ordered by code: a point
    /// inside each (its centroid), for placing records in grids. Empty until the derived boundaries are prepared.
    /// </summary>
    Task<IReadOnlyList<GridPosition>> GridPositionsAsync(string code, CancellationToken cancellationToken);
}

public sealed record JurisdictionNode(string Code, string Name, JurisdictionLevel Level, string? ParentCode, bool BoundaryDerived, int ChildCount);

/// <param name="Path">The names from the city down to the match's parent, to tell apart communities of the same name.</param>
public sealed record JurisdictionMatch(string Code, string Name, JurisdictionLevel Level, IReadOnlyList<string> Path);

/// <summary>A grid and a point inside it.</summary>
public sealed record GridPosition(string Code, double Lat, double Lon);
