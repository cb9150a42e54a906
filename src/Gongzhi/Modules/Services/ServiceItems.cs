using Gongzhi.Modules.Services.Catalogue;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services;

/// <summary>A service item (事项) as other modules see it: its code and name.</summary>
public sealed record ServiceItemName(string Code, string Name);

/// <summary>What other modules may read of the item catalogue, instead of its table.</summary>
public interface IServiceItems
{
    /// <summary>The items among these codes, in the order given; unknown codes are left out.</summary>
    Task<IReadOnlyList<ServiceItemName>> FindAsync(IEnumerable<string> codes, CancellationToken cancellationToken);

    /// <summary>Every item of the catalogue, by code.</summary>
    Task<IReadOnlyList<ServiceItemName>> AllAsync(CancellationToken cancellationToken);
}

internal sealed class ServiceItemNames(GongzhiDbContext db) : IServiceItems
{
    public async Task<IReadOnlyList<ServiceItemName>> FindAsync(IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var wanted = codes.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        var found = await db.Set<ServiceItem>().AsNoTracking().Where(i => wanted.Contains(i.Code))
            .ToDictionaryAsync(i => i.Code, i => i.Name, StringComparer.Ordinal, cancellationToken);
        return wanted.Where(found.ContainsKey).Select(c => new ServiceItemName(c, found[c])).ToList();
    }

    public async Task<IReadOnlyList<ServiceItemName>> AllAsync(CancellationToken cancellationToken) =>
        await db.Set<ServiceItem>().AsNoTracking().OrderBy(i => i.Code).Select(i => new ServiceItemName(i.Code, i.Name)).ToListAsync(cancellationToken);
}
