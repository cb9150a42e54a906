using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Conferences;

/// <summary>What the pages read about bodies besides what the API's services answer, always as the explicit caller.</summary>
internal sealed class BodyQueries(GongzhiDbContext db)
{
    /// <summary>The body as the caller may see it, or null (another street's body does not exist for them).</summary>
    public async Task<ConferenceBody?> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        return await db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
    }

    /// <summary>The bodies directly below a body that the caller sees, by node.</summary>
    public async Task<List<ConferenceBody>> LowerAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        return await db.Set<ConferenceBody>().AsNoTracking().Where(b => b.ParentBodyId == id).OrderBy(b => b.JurisdictionCode)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Body names by id, whatever the caller's scope: a task's owner or an escalation's sender may be a body the caller cannot open.</summary>
    public Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        // Names only (see the summary).
        return db.Set<ConferenceBody>().IgnoreQueryFilters().AsNoTracking().Where(b => list.Contains(b.Id))
            .ToDictionaryAsync(b => b.Id, b => b.Name, cancellationToken);
    }

    /// <summary>The bodies the caller's unit sits in as a current member, whatever their level: where it may offer a venue.</summary>
    public async Task<List<ConferenceBody>> OfOwnUnitAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(caller.OrganisationId, out var unit))
        {
            return [];
        }
        // Memberships and bodies sit at the body's node, above a member unit elsewhere; the unit's own rows are read unfiltered.
        var memberOf = await db.Set<BodyMembership>().IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.OrganisationId == unit && m.LeftAt == null).Select(m => m.BodyId).ToListAsync(cancellationToken);
        // As above: the bodies of the unit's own memberships.
        return await db.Set<ConferenceBody>().IgnoreQueryFilters().AsNoTracking().Where(b => memberOf.Contains(b.Id))
            .OrderBy(b => b.JurisdictionCode).ToListAsync(cancellationToken);
    }

    /// <summary>Escalations from the bodies below waiting for a body's answer, oldest first.</summary>
    public async Task<List<Escalation>> PendingEscalationsAsync(Caller caller, Guid bodyId, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        return await db.Set<Escalation>().AsNoTracking().Where(e => e.ToBodyId == bodyId && e.State == EscalationState.Pending)
            .OrderBy(e => e.EscalatedAt).ToListAsync(cancellationToken);
    }
}
