using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Organisations;

/// <summary>How organisations are looked up, the same for the API and the pages.</summary>
internal static class OrganisationQueries
{
    /// <summary>Organisations under a jurisdiction, of a kind, matching a text (name, code, English name), active or not.</summary>
    internal static IQueryable<Organisation> Filter(IQueryable<Organisation> query, string? scope, OrganisationKind? kind, string? q, bool? active)
    {
        if (scope is not null)
        {
            var prefix = JurisdictionCode.QueryPrefix(scope);
            query = query.Where(o => o.JurisdictionCode.StartsWith(prefix));
        }
        if (kind is { } k)
        {
            query = query.Where(o => o.Kind == k);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(o => o.Name.Contains(text) || o.Code.Contains(text) || (o.NameEn != null && o.NameEn.Contains(text)));
        }
        if (active is { } a)
        {
            query = query.Where(o => o.Active == a);
        }
        return query;
    }

    // Codes are unique across the city, including organisations outside the caller's sight.
    internal static Task<bool> CodeTakenAsync(GongzhiDbContext db, string code, CancellationToken cancellationToken) =>
        db.Set<Organisation>().IgnoreQueryFilters().AnyAsync(o => o.Code == code, cancellationToken);
}
