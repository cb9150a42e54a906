using System.Text.Json;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases;

/// <summary>
/// A case of a period's cohort as the fragmentation measures see it: the organisations named by its dispatches over its
/// life, how often it passed on (every dispatch and transfer), and whether a deadline was ever missed.
/// </summary>
public sealed record CaseHandling(Guid CaseId, Guid? LeadOrganisationId, IReadOnlyList<Guid> InvolvedOrganisationIds, int HandOffCount,
    int ReturnCount, bool EverOverdue);

/// <summary>One 退单 of a cohort case, charged to the organisation that sent the case back (the lead at that moment).</summary>
public sealed record CaseReturn(Guid CaseId, DateTimeOffset At, Guid? ReturnedBy);

/// <summary>What the indicators may read about cases' hand-offs between organisations, instead of the cases' tables.</summary>
public interface ICaseHandlingFacts
{
    /// <summary>
    /// The dispatched cases registered in <c>[from, to)</c> whose jurisdiction lies under <paramref name="scope"/> (merged
    /// duplicates left out, as in every cohort of the indicators), read as <paramref name="caller"/>.
    /// </summary>
    Task<IReadOnlyList<CaseHandling>> CohortAsync(Caller caller, string scope, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>The returns of the same cohort's cases, with the organisation each is charged to.</summary>
    Task<IReadOnlyList<CaseReturn>> ReturnsAsync(Caller caller, string scope, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

internal sealed class CaseHandlingFacts(GongzhiDbContext db) : ICaseHandlingFacts
{
    public async Task<IReadOnlyList<CaseHandling>> CohortAsync(Caller caller, string scope, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        db.Caller = caller;
        return await Cohort(scope, from, to)
            .Select(c => new CaseHandling(c.Id, c.LeadOrganisationId, c.InvolvedOrganisationIds, c.HandOffCount, c.ReturnCount, c.EverOverdue))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CaseReturn>> ReturnsAsync(Caller caller, string scope, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        db.Caller = caller;
        // Few cases of a cohort were ever returned: only their timelines are read.
        var returned = Cohort(scope, from, to).Where(c => c.ReturnCount > 0).Select(c => c.Id);
        var lines = await db.Set<CaseEvent>().AsNoTracking()
            .Where(e => e.Action == CaseActions.Return && returned.Contains(e.CaseId))
            .Select(e => new { e.CaseId, e.At, e.Data, e.ActorOrganisationId }).ToListAsync(cancellationToken);
        return lines.Select(l => new CaseReturn(l.CaseId, l.At, ReturnedBy(l.Data) ?? l.ActorOrganisationId)).ToList();
    }

    private IQueryable<Case> Cohort(string scope, DateTimeOffset from, DateTimeOffset to)
    {
        var prefix = JurisdictionCode.QueryPrefix(scope);
        return db.Set<Case>().AsNoTracking().Where(c => c.JurisdictionCode.StartsWith(prefix) && c.RegisteredAt >= from && c.RegisteredAt < to
            && c.State != CaseState.Merged && c.DispatchedAt != null);
    }

    /// <summary>The lead the return line names (<c>returnedBy</c>): the organisation that bounced the case, whoever pressed the button.</summary>
    private static Guid? ReturnedBy(string? data)
    {
        if (data is null)
        {
            return null;
        }
        using var json = JsonDocument.Parse(data);
        return json.RootElement.TryGetProperty("returnedBy", out var by) && by.ValueKind == JsonValueKind.String && by.TryGetGuid(out var id) ? id : null;
    }
}
