using Gongzhi.Modules.Cases;
using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.Insights.Counters;

/// <summary>
/// The indicators' daily counters follow every change of a case in the same transaction (docs/indicators.md): Cases hands
/// over the facts of the cases each save writes, generated ones included, and the delta is applied before the commit.
/// </summary>
internal sealed class CaseCounterListener : ICaseFiguresListener
{
    public SaveHookWork? Prepare(IReadOnlyList<CaseFiguresChange> changes) =>
        CaseCounterDelta.Of(changes) is { } delta ? new SaveHookWork(InTransaction: delta.ApplyAsync) : null;
}
