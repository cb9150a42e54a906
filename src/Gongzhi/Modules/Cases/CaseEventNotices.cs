using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gongzhi.Modules.Cases;

/// <summary>
/// A line just written on a case's timeline, as another module hears of it inside the transaction that writes it.
/// <paramref name="Sequence"/> is the line's own number: it grows with every line of the case, so a listener can keep
/// a case's lines in order. <paramref name="ConcernedOrganisationIds"/> are the lead and assisting organisations before
/// and after the action (the organisation that returned a case is concerned by its return). <paramref name="Version"/> is the
/// case's version after the save, the one a next action must name.
/// </summary>
public sealed record CaseEventNotice(
    Guid CaseId,
    string Reference,
    long Sequence,
    string Action,
    CaseState FromState,
    CaseState ToState,
    DateTimeOffset At,
    string JurisdictionCode,
    string CategoryCode,
    CaseUrgency Urgency,
    Guid? LeadOrganisationId,
    IReadOnlyList<Guid> AssistingOrganisationIds,
    IReadOnlyList<Guid> ConcernedOrganisationIds,
    Guid? ActorOrganisationId,
    DateTimeOffset? Deadline,
    long Version);

/// <summary>
/// A module that follows the lines written on cases (registered as a singleton from its own <c>Add&lt;Module&gt;</c>), so
/// that Cases tells it without depending on it. Runs inside the transaction of the save: what it writes commits or rolls
/// back with the case. Returns what to do once the save has succeeded, or null.
/// </summary>
public interface ICaseEventListener
{
    Task<Action?> OnCaseEventsAsync(GongzhiDbContext db, IReadOnlyList<CaseEventNotice> events, CancellationToken cancellationToken);
}

/// <summary>Hands the lines a save adds to the listeners, after they have their numbers and before the commit.</summary>
internal sealed class CaseEventSaveHook(IEnumerable<ICaseEventListener> listeners) : ISaveHook
{
    private readonly List<ICaseEventListener> listeners = listeners.ToList();

    public SaveHookWork? Prepare(ChangeTracker changes)
    {
        if (listeners.Count == 0)
        {
            return null;
        }
        var added = changes.Entries<CaseEvent>().Where(e => e.State == EntityState.Added).ToList();
        if (added.Count == 0)
        {
            return null;
        }
        var cases = changes.Entries<Case>().ToDictionary(e => e.Entity.Id);
        // The organisations before the action are read now; the numbers of the lines only once they are written.
        var lines = added.Where(e => cases.ContainsKey(e.Entity.CaseId))
            .Select(e => (Line: e, Entry: cases[e.Entity.CaseId], Before: Before(cases[e.Entity.CaseId]))).ToList();
        if (lines.Count == 0)
        {
            return null;
        }
        List<Action> after = [];
        return new SaveHookWork(
            InTransaction: async (db, cancellationToken) =>
            {
                // The entry, not the entity, knows the number the database gave: it reaches the entity only once the save is accepted.
                var notices = lines.Select(l => Notice(l.Line.Entity, l.Line.Property(e => e.Id).CurrentValue, l.Entry.Entity, l.Before))
                    .OrderBy(n => n.Sequence).ToList();
                foreach (var listener in listeners)
                {
                    if (await listener.OnCaseEventsAsync(db, notices, cancellationToken) is { } then)
                    {
                        after.Add(then);
                    }
                }
            },
            AfterSave: () => after.ForEach(a => a()));
    }

    private static List<Guid> Before(EntityEntry<Case> entry)
    {
        if (entry.State == EntityState.Added)
        {
            return [];
        }
        var lead = entry.OriginalValues.GetValue<Guid?>(nameof(Case.LeadOrganisationId));
        var assisting = entry.OriginalValues.GetValue<IReadOnlyList<Guid>>(nameof(Case.AssistingOrganisationIds)) ?? [];
        return lead is { } id ? [id, .. assisting] : [.. assisting];
    }

    private static CaseEventNotice Notice(CaseEvent line, long sequence, Case @case, List<Guid> before)
    {
        List<Guid> now = @case.LeadOrganisationId is { } lead ? [lead, .. @case.AssistingOrganisationIds] : [.. @case.AssistingOrganisationIds];
        return new CaseEventNotice(@case.Id, @case.Reference, sequence, line.Action, line.FromState, line.ToState, line.At, @case.JurisdictionCode,
            @case.CategoryCode, @case.Urgency, @case.LeadOrganisationId, @case.AssistingOrganisationIds, before.Concat(now).Distinct().ToList(),
            line.ActorOrganisationId, @case.Deadline, @case.Version);
    }
}
