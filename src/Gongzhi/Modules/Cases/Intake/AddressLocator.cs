using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Intake;

/// <summary>
/// Places a free-text address without a street geocoder: the address must name a community or street of
/// the city, and the report is placed at that node's centre (the deepest, longest name wins).
/// </summary>
internal static class AddressLocator
{
    public static async Task<(double Lat, double Lon)?> LocateAsync(GongzhiDbContext db, string address, CancellationToken cancellationToken)
    {
        var candidates = await db.Set<Jurisdiction>().AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Community || j.Level == JurisdictionLevel.Street)
            .Select(j => new { j.Code, j.Name, j.CentroidLat, j.CentroidLon })
            .ToListAsync(cancellationToken);
        var match = candidates.Where(c => c.Name.Length >= 2 && address.Contains(c.Name, StringComparison.Ordinal) && c.CentroidLat is not null)
            .OrderByDescending(c => c.Code.Length).ThenByDescending(c => c.Name.Length).FirstOrDefault();
        return match is { CentroidLat: { } lat, CentroidLon: { } lon } ? (lat, lon) : null;
    }
}
