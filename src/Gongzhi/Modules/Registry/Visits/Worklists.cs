using Gongzhi.Modules.Registry.Addresses;
using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Registry.Visits;

/// <summary>A person in a list: masked, with where they live and when they are due a visit.</summary>
public sealed record PersonListItem(Guid Id, string JurisdictionCode, string Name, string IdNumber, string? Phone, Guid? AddressId, string? Address,
    DateTimeOffset? NextCareVisitDue, DateTimeOffset? LastVisitedAt, bool Overdue);

public static class QualityChecks
{
    public const string BadIdNumber = "bad-id";
    public const string TwoHomes = "two-homes";
    public const string Stale = "stale";

    public static readonly IReadOnlyList<string> All = [BadIdNumber, TwoHomes, Stale];
}

/// <summary>
/// The lists that keep the data true: people of an area, care visits that are due, and the data-quality
/// checks. All read through the caller's scope; all show personal data masked.
/// </summary>
public sealed class Worklists(GongzhiDbContext db, PersonalDataProtector protector, IOptions<RegistryOptions> options, TimeProvider clock)
{
    public const int MaxRows = 500;

    /// <summary>Bad check digits are found by decrypting: the scan is bounded to this many records of the caller's area.</summary>
    public const int MaxScanned = 20_000;

    /// <param name="idNumberHash">The keyed hash of an exact ID number (<see cref="Persons.PersonService.IdNumberHash"/>).</param>
    public async Task<List<PersonListItem>> PeopleAsync(Caller caller, string? area, string? name, Guid? addressId, string? idNumberHash,
        CancellationToken cancellationToken)
    {
        var query = Scoped(caller, area);
        if (idNumberHash is not null)
        {
            query = query.Where(p => p.IdNumberHash == idNumberHash);
        }
        if (!string.IsNullOrWhiteSpace(name))
        {
            var text = name.Trim();
            query = query.Where(p => p.Name.Contains(text));
        }
        if (addressId is { } address)
        {
            query = query.Where(p => p.AddressId == address);
        }
        return await ItemsAsync(query.OrderBy(p => p.JurisdictionCode).ThenBy(p => p.Name), cancellationToken);
    }

    /// <summary>People whose care visit is due, the longest overdue first.</summary>
    public Task<List<PersonListItem>> CareDueAsync(Caller caller, string? area, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return ItemsAsync(Scoped(caller, area).Where(p => p.NextCareVisitDue != null && p.NextCareVisitDue <= now).OrderBy(p => p.NextCareVisitDue),
            cancellationToken);
    }

    public async Task<List<PersonListItem>> QualityAsync(Caller caller, string? check, string? area, CancellationToken cancellationToken)
    {
        var query = Scoped(caller, area);
        switch (check)
        {
            case QualityChecks.BadIdNumber:
                var stored = await query.OrderBy(p => p.Id).Take(MaxScanned).Select(p => new { p.Id, p.IdNumberProtected }).ToListAsync(cancellationToken);
                var bad = stored.Where(p => !IdNumbers.IsValid(protector.Unprotect(p.IdNumberProtected))).Select(p => p.Id).Take(MaxRows).ToList();
                return await ItemsAsync(query.Where(p => bad.Contains(p.Id)).OrderBy(p => p.Name), cancellationToken);
            case QualityChecks.TwoHomes:
                var hashes = query.Select(p => p.IdNumberHash);
                // The same person registered at another address may live outside the caller's area: the count looks
                // city-wide (hence no filter) but only the caller's own records are listed.
                var doubled = db.Set<Person>().IgnoreQueryFilters().Where(p => hashes.Contains(p.IdNumberHash))
                    .GroupBy(p => p.IdNumberHash).Where(g => g.Select(p => p.AddressId).Distinct().Count() > 1).Select(g => g.Key);
                return await ItemsAsync(query.Where(p => doubled.Contains(p.IdNumberHash)).OrderBy(p => p.IdNumberHash).ThenBy(p => p.Name),
                    cancellationToken);
            case QualityChecks.Stale:
                var before = clock.GetUtcNow().AddMonths(-options.Value.StaleAfterMonths);
                return await ItemsAsync(query.Where(p => p.CreatedAt < before && (p.LastVisitedAt == null || p.LastVisitedAt < before))
                    .OrderBy(p => p.LastVisitedAt), cancellationToken);
            default:
                throw FieldValidationException.Field("check", RegistryText.Format("Quality.Unknown", string.Join(", ", QualityChecks.All)));
        }
    }

    private IQueryable<Person> Scoped(Caller caller, string? area)
    {
        db.Caller = caller;
        // Archived persons are kept for the record only: no list or worklist shows them.
        var query = db.Set<Person>().AsNoTracking().Where(p => p.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(area))
        {
            if (!JurisdictionCode.IsWellFormed(area))
            {
                throw FieldValidationException.Field("area", RegistryText.Get("Field.AreaInvalid"));
            }
            var prefix = JurisdictionCode.QueryPrefix(area);
            query = query.Where(p => p.JurisdictionCode.StartsWith(prefix));
        }
        return query;
    }

    private async Task<List<PersonListItem>> ItemsAsync(IQueryable<Person> query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var people = await query.Take(MaxRows).Select(p => new
        {
            p.Id, p.JurisdictionCode, p.Name, p.IdNumberMasked, p.PhoneMasked, p.AddressId, p.NextCareVisitDue, p.LastVisitedAt,
        }).ToListAsync(cancellationToken);
        var addressIds = people.Select(p => p.AddressId).OfType<Guid>().Distinct().ToList();
        var labels = (await db.Set<StandardAddress>().AsNoTracking().Where(a => addressIds.Contains(a.Id)).ToListAsync(cancellationToken))
            .ToDictionary(a => a.Id, a => a.Label);
        return people.Select(p => new PersonListItem(p.Id, p.JurisdictionCode, p.Name, p.IdNumberMasked, p.PhoneMasked, p.AddressId,
            p.AddressId is { } a ? labels.GetValueOrDefault(a) : null, p.NextCareVisitDue, p.LastVisitedAt,
            p.NextCareVisitDue is { } due && due <= now)).ToList();
    }
}
