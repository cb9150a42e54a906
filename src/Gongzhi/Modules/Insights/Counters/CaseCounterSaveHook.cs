using Gongzhi.Modules.Cases;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gongzhi.Modules.Insights.Counters;

/// <summary>The indicators' daily counters follow every change of a case in the same transaction (docs/indicators.md).</summary>
internal sealed class CaseCounterSaveHook : ISaveHook
{
    public SaveHookWork? Prepare(ChangeTracker changes) =>
        CaseCounterDelta.Of(changes) is { } delta ? new SaveHookWork(InTransaction: delta.ApplyAsync) : null;

    // Generated cases are bulk-inserted: their contribution is counted here, in the generation's transaction.
    public SaveHookWork? PrepareInserted(IReadOnlyList<object> rows) =>
        rows.Count > 0 && rows[0] is Case ? new SaveHookWork(InTransaction: CaseCounterDelta.Of(rows.Cast<Case>()).ApplyAsync) : null;
}
