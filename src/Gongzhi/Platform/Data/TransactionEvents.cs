using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gongzhi.Platform.Data;

/// <summary>
/// Tells the context when an explicit transaction ends, so that work which must follow a commit (live
/// pushes, messages that leave the platform) waits for it, and is dropped on a rollback.
/// </summary>
internal sealed class TransactionEvents : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as GongzhiDbContext)?.OnTransactionEnded(committed: true);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        (eventData.Context as GongzhiDbContext)?.OnTransactionEnded(committed: true);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as GongzhiDbContext)?.OnTransactionEnded(committed: false);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        (eventData.Context as GongzhiDbContext)?.OnTransactionEnded(committed: false);
        return Task.CompletedTask;
    }
}
