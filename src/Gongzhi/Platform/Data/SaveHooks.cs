using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gongzhi.Platform.Data;

/// <summary>
/// A module's part in every save, registered from its own <c>Add&lt;Module&gt;</c>: the context asks each hook
/// about the changes it is about to write, so that Platform keeps one save pipeline without knowing the
/// modules (the indicators' counters follow the cases this way; the account directory forgets who holds what).
/// </summary>
public interface ISaveHook
{
    /// <summary>Looks at the pending changes (already detected); null when this save is none of the hook's business.</summary>
    SaveHookWork? Prepare(ChangeTracker changes);

    /// <summary>The same for rows written without the change tracker (<see cref="BulkInsert"/>); nothing by default.</summary>
    SaveHookWork? PrepareInserted(IReadOnlyList<object> rows) => null;
}

/// <summary>
/// What a hook does with one save: <paramref name="InTransaction"/> runs after the rows are written and before
/// the commit, in the same transaction (a failure rolls the save back); <paramref name="AfterSave"/> runs once
/// the save has succeeded.
/// </summary>
public sealed record SaveHookWork(Func<GongzhiDbContext, CancellationToken, Task>? InTransaction = null, Action? AfterSave = null);
