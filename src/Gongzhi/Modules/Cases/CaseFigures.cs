using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gongzhi.Modules.Cases;

/// <summary>
/// The figures of a case another module counts (the indicators' counters): its state, where it lies, the moments of its
/// steps and what its history added up to. No personal data and no free text. A save hands them over before and after
/// (<see cref="CaseFiguresChange"/>); <see cref="CaseReadModel.SelectFigures"/> reads them for cases already written.
/// </summary>
public readonly record struct CaseFigures(
    CaseState State,
    string JurisdictionCode,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ResolveDeadline,
    DateTimeOffset? ClosedAt,
    Satisfaction? Satisfaction,
    int ReturnCount,
    int ReworkCount,
    int ExtensionCount,
    int HandOffCount,
    int ReopenCount,
    bool Overdue,
    int DispatchCount,
    bool? AcceptedOnTime,
    int InvolvedOrganisationCount,
    bool EverOverdue,
    IReadOnlyList<double> HandOverWaitHours)
{
    internal static CaseFigures Of(Case c) => new(c.State, c.JurisdictionCode, c.RegisteredAt, c.DispatchedAt, c.AcceptedAt, c.ResolvedAt,
        c.ResolveDeadline, c.ClosedAt, c.Satisfaction, c.ReturnCount, c.ReworkCount, c.ExtensionCount, c.HandOffCount, c.ReopenCount,
        c.Overdue, c.DispatchCount, c.AcceptedOnTime, c.InvolvedOrganisationCount, c.EverOverdue, c.HandOverWaitHours);

    /// <summary>The values of a tracked case as loaded (<see cref="EntityEntry.OriginalValues"/>) or as about to be saved.</summary>
    internal static CaseFigures Of(PropertyValues v) => new(
        v.GetValue<CaseState>(nameof(Case.State)),
        v.GetValue<string>(nameof(Case.JurisdictionCode)),
        v.GetValue<DateTimeOffset?>(nameof(Case.RegisteredAt)),
        v.GetValue<DateTimeOffset?>(nameof(Case.DispatchedAt)),
        v.GetValue<DateTimeOffset?>(nameof(Case.AcceptedAt)),
        v.GetValue<DateTimeOffset?>(nameof(Case.ResolvedAt)),
        v.GetValue<DateTimeOffset?>(nameof(Case.ResolveDeadline)),
        v.GetValue<DateTimeOffset?>(nameof(Case.ClosedAt)),
        v.GetValue<Satisfaction?>(nameof(Case.Satisfaction)),
        v.GetValue<int>(nameof(Case.ReturnCount)),
        v.GetValue<int>(nameof(Case.ReworkCount)),
        v.GetValue<int>(nameof(Case.ExtensionCount)),
        v.GetValue<int>(nameof(Case.HandOffCount)),
        v.GetValue<int>(nameof(Case.ReopenCount)),
        v.GetValue<bool>(nameof(Case.Overdue)),
        v.GetValue<int>(nameof(Case.DispatchCount)),
        v.GetValue<bool?>(nameof(Case.AcceptedOnTime)),
        v.GetValue<int>(nameof(Case.InvolvedOrganisationCount)),
        v.GetValue<bool>(nameof(Case.EverOverdue)),
        v.GetValue<IReadOnlyList<double>>(nameof(Case.HandOverWaitHours)) ?? []);
}

/// <summary>One case a save writes: its figures as they were (null when it is inserted) and as they will be (null when it is deleted).</summary>
public readonly record struct CaseFiguresChange(CaseFigures? Before, CaseFigures? After);

/// <summary>
/// A module that follows the figures of cases as they change (registered as a singleton from its own <c>Add&lt;Module&gt;</c>), so
/// that Cases tells it without depending on it and without the module reading the cases' entities. Asked while a save is
/// prepared, with every case the save inserts, changes or deletes, and with cases inserted in bulk; the work it returns runs
/// like an <see cref="ISaveHook"/>'s: inside the save's transaction, so what it writes commits or rolls back with the cases.
/// Null when the changes are none of its business (most saves touch no fact it counts).
/// </summary>
public interface ICaseFiguresListener
{
    SaveHookWork? Prepare(IReadOnlyList<CaseFiguresChange> changes);
}

/// <summary>Hands the figures of the cases a save writes to the listeners.</summary>
internal sealed class CaseFiguresSaveHook(IEnumerable<ICaseFiguresListener> listeners) : ISaveHook
{
    private readonly ICaseFiguresListener[] listeners = listeners.ToArray();

    public SaveHookWork? Prepare(ChangeTracker changes)
    {
        if (listeners.Length == 0)
        {
            return null;
        }
        List<CaseFiguresChange>? written = null;
        foreach (var entry in changes.Entries<Case>())
        {
            CaseFigures? before = entry.State is EntityState.Modified or EntityState.Deleted ? CaseFigures.Of(entry.OriginalValues) : null;
            CaseFigures? after = entry.State is EntityState.Added or EntityState.Modified ? CaseFigures.Of(entry.CurrentValues) : null;
            if (before is not null || after is not null)
            {
                (written ??= []).Add(new CaseFiguresChange(before, after));
            }
        }
        return written is null ? null : Tell(written);
    }

    // Generated cases are bulk-inserted: their figures are told too, in the generation's transaction.
    public SaveHookWork? PrepareInserted(IReadOnlyList<object> rows) =>
        listeners.Length > 0 && rows.Count > 0 && rows[0] is Case
            ? Tell(rows.Cast<Case>().Select(c => new CaseFiguresChange(null, CaseFigures.Of(c))).ToList())
            : null;

    private SaveHookWork? Tell(List<CaseFiguresChange> changes)
    {
        var work = listeners.Select(l => l.Prepare(changes)).OfType<SaveHookWork>().ToList();
        return work.Count switch
        {
            0 => null,
            1 => work[0],
            _ => new SaveHookWork(
                InTransaction: work.Any(w => w.InTransaction is not null)
                    ? async (db, cancellationToken) =>
                    {
                        foreach (var w in work.Where(w => w.InTransaction is not null))
                        {
                            await w.InTransaction!(db, cancellationToken);
                        }
                    }
                    : null,
                AfterSave: work.Any(w => w.AfterSave is not null) ? () => work.ForEach(w => w.AfterSave?.Invoke()) : null),
        };
    }
}
