using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Organisations;

/// <summary>What other modules may ask about organisations.</summary>
public static class OrganisationDirectory
{
    public static Task<Organisation?> FindByCodeAsync(this GongzhiDbContext db, string code, CancellationToken cancellationToken) =>
        db.Set<Organisation>().FirstOrDefaultAsync(o => o.Code == code, cancellationToken);

    /// <summary>The jurisdiction an organisation belongs to, or null when there is none the caller of <paramref name="db"/> can see.</summary>
    public static Task<string?> JurisdictionOfAsync(this GongzhiDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Set<Organisation>().Where(o => o.Id == id).Select(o => o.JurisdictionCode).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The names of the organisations among <paramref name="ids"/> that the caller of <paramref name="db"/> can see.</summary>
    public static async Task<Dictionary<Guid, string>> NamesAsync(this GongzhiDbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Set<Organisation>().AsNoTracking().Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }

    /// <summary>The active organisations among <paramref name="ids"/> that the caller of <paramref name="db"/> can see, with their names.</summary>
    public static async Task<Dictionary<Guid, string>> ActiveNamesAsync(this GongzhiDbContext db, IEnumerable<Guid> ids,
        CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Set<Organisation>().AsNoTracking().Where(o => wanted.Contains(o.Id) && o.Active)
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }

    /// <summary>The active organisations of <paramref name="kind"/> that the caller of <paramref name="db"/> can see, by code: for a picker.</summary>
    public static Task<List<OrganisationChoice>> ActiveOfKindAsync(this GongzhiDbContext db, OrganisationKind kind, CancellationToken cancellationToken) =>
        db.Set<Organisation>().AsNoTracking().Where(o => o.Active && o.Kind == kind).OrderBy(o => o.Code)
            .Select(o => new OrganisationChoice(o.Id, o.Code, o.Name)).ToListAsync(cancellationToken);
}

/// <summary>An organisation as a picker offers it.</summary>
public sealed record OrganisationChoice(Guid Id, string Code, string Name);
