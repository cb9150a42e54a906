using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Organisations;

/// <summary>An organisation as other modules see it: who it is, not how it is kept.</summary>
public sealed record OrganisationEntry(Guid Id, string Code, string Name, OrganisationKind Kind, string JurisdictionCode);

/// <summary>What other modules may read about organisations, instead of the organisations' table.</summary>
public interface IOrganisationDirectory
{
    /// <summary>
    /// The names of these organisations, whatever the caller's scope: a case or a whistle the caller may see names
    /// the departments working on it, which may sit outside the caller's jurisdiction. Unknown ids are left out.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken);

    /// <summary>The active organisations of these kinds the caller can see, by kind (in the order given), then code.</summary>
    Task<IReadOnlyList<OrganisationEntry>> ActiveAsync(IReadOnlyList<OrganisationKind> kinds, CancellationToken cancellationToken);

    /// <summary>
    /// One organisation, whatever the caller's scope, or null: for a module that must check where an organisation sits
    /// before it lets the caller act for it (an administrator subscribing it to case events).
    /// </summary>
    Task<OrganisationEntry?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// The names of these organisations as a list shows them, in the current UI language (the English name where one is
    /// kept), of those the caller can see. Unknown ids, and organisations outside the caller's view, are left out.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, string>> DisplayNamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken);

    /// <summary>
    /// These organisations by id, whatever the caller's scope, as <see cref="NamesAsync"/> but with their kind and node: a
    /// body's member units may sit outside the caller's jurisdiction. Unknown ids are left out.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, OrganisationEntry>> EntriesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken);

    /// <summary>
    /// One organisation by its code, whatever the caller's scope, or null; with <paramref name="activeOnly"/> only an active
    /// one: a street office leads its street's cases whoever files them (属地兜底).
    /// </summary>
    Task<OrganisationEntry?> FindByCodeAsync(string code, bool activeOnly, CancellationToken cancellationToken);

    /// <summary>
    /// Which of these organisations the caller can see (the scope filter applies: a record may name only those), with
    /// <paramref name="activeOnly"/> only the active ones. Unknown ids are left out.
    /// </summary>
    Task<IReadOnlySet<Guid>> VisibleAsync(IEnumerable<Guid> ids, bool activeOnly, CancellationToken cancellationToken);

    /// <summary>
    /// What a form offers the caller to choose from: the active organisations of these kinds the caller can see, and those
    /// of <paramref name="including"/> the caller can see whatever their kind or state (a record's own choices are never
    /// dropped); by node, then kind, then code.
    /// </summary>
    Task<IReadOnlyList<OrganisationEntry>> ChoicesAsync(IReadOnlyList<OrganisationKind> kinds, IReadOnlyCollection<Guid> including,
        CancellationToken cancellationToken);

    /// <summary>The organisations of this kind the caller can see, active or not, by code.</summary>
    Task<IReadOnlyList<OrganisationEntry>> OfKindAsync(OrganisationKind kind, CancellationToken cancellationToken);

    /// <summary>The organisations (active or not) at this node or below it that the caller can see, by code.</summary>
    Task<IReadOnlyList<OrganisationEntry>> WithinAsync(string jurisdictionCode, CancellationToken cancellationToken);
}

internal sealed class OrganisationDirectoryService(GongzhiDbContext db) : IOrganisationDirectory
{
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        // One query per call, even for no ids: a page that asks once costs the same whatever its records name.
        var wanted = ids.Distinct().ToList();
        // Names only, of organisations a record the caller may see already points at (see the contract).
        return await db.Set<Organisation>().IgnoreQueryFilters().AsNoTracking().Where(o => wanted.Contains(o.Id))
            .Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }

    public async Task<IReadOnlyList<OrganisationEntry>> ActiveAsync(IReadOnlyList<OrganisationKind> kinds, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Organisation>().AsNoTracking().Where(o => o.Active && kinds.Contains(o.Kind))
            .Select(o => new OrganisationEntry(o.Id, o.Code, o.Name, o.Kind, o.JurisdictionCode)).ToListAsync(cancellationToken);
        return rows.OrderBy(o => IndexOf(kinds, o.Kind)).ThenBy(o => o.Code, StringComparer.Ordinal).ToList();
    }

    public async Task<OrganisationEntry?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        // Any scope: the caller's own rights over the organisation's node are checked by the module that asks (see the contract).
        await db.Set<Organisation>().IgnoreQueryFilters().AsNoTracking().Where(o => o.Id == id)
            .Select(o => new OrganisationEntry(o.Id, o.Code, o.Name, o.Kind, o.JurisdictionCode)).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, string>> DisplayNamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return await db.Set<Organisation>().AsNoTracking().Where(o => wanted.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => english ? o.NameEn ?? o.Name : o.Name, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, OrganisationEntry>> EntriesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<Guid, OrganisationEntry>();
        }
        // Who an organisation is, for a record the caller may see that already points at it (see the contract).
        return await db.Set<Organisation>().IgnoreQueryFilters().AsNoTracking().Where(o => wanted.Contains(o.Id))
            .Select(o => new OrganisationEntry(o.Id, o.Code, o.Name, o.Kind, o.JurisdictionCode)).ToDictionaryAsync(o => o.Id, cancellationToken);
    }

    public async Task<OrganisationEntry?> FindByCodeAsync(string code, bool activeOnly, CancellationToken cancellationToken)
    {
        // Any scope: the organisation stands for a place, not for the caller (see the contract).
        var found = db.Set<Organisation>().IgnoreQueryFilters().AsNoTracking().Where(o => o.Code == code);
        if (activeOnly)
        {
            found = found.Where(o => o.Active);
        }
        return await found.Select(o => new OrganisationEntry(o.Id, o.Code, o.Name, o.Kind, o.JurisdictionCode)).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlySet<Guid>> VisibleAsync(IEnumerable<Guid> ids, bool activeOnly, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new HashSet<Guid>();
        }
        var found = db.Set<Organisation>().AsNoTracking().Where(o => wanted.Contains(o.Id));
        if (activeOnly)
        {
            found = found.Where(o => o.Active);
        }
        return (await found.Select(o => o.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    public async Task<IReadOnlyList<OrganisationEntry>> ChoicesAsync(IReadOnlyList<OrganisationKind> kinds, IReadOnlyCollection<Guid> including,
        CancellationToken cancellationToken) =>
        await db.Set<Organisation>().AsNoTracking()
            .Where(o => (o.Active && kinds.Contains(o.Kind)) || including.Contains(o.Id))
            .OrderBy(o => o.JurisdictionCode).ThenBy(o => o.Kind).ThenBy(o => o.Code)
            .Select(o => new OrganisationEntry(o.Id, o.Code, o.Name, o.Kind, o.JurisdictionCode)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<OrganisationEntry>> OfKindAsync(OrganisationKind kind, CancellationToken cancellationToken) =>
        await db.Set<Organisation>().AsNoTracking().Where(o => o.Kind == kind).OrderBy(o => o.Code)
            .Select(o => new OrganisationEntry(o.Id, o.Code, o.Name, o.Kind, o.JurisdictionCode)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<OrganisationEntry>> WithinAsync(string jurisdictionCode, CancellationToken cancellationToken) =>
        await db.Set<Organisation>().AsNoTracking().Where(o => o.JurisdictionCode.StartsWith(jurisdictionCode)).OrderBy(o => o.Code)
            .Select(o => new OrganisationEntry(o.Id, o.Code, o.Name, o.Kind, o.JurisdictionCode)).ToListAsync(cancellationToken);

    private static int IndexOf(IReadOnlyList<OrganisationKind> kinds, OrganisationKind kind)
    {
        for (var i = 0; i < kinds.Count; i++)
        {
            if (kinds[i] == kind)
            {
                return i;
            }
        }
        return kinds.Count;
    }
}
