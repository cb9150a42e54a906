namespace Gongzhi.Platform.Jobs;

/// <summary>
/// Jobs stored in a table and run in the background by whichever node claims them first (an import, say): the jobs waiting,
/// a claim that only one node wins (a lease, taken again once it runs out), and a run that resumes from what was committed.
/// </summary>
public interface IStoredJobs
{
    Task<List<Guid>> PendingAsync(CancellationToken cancellationToken);

    Task<bool> TryClaimAsync(Guid id, CancellationToken cancellationToken);

    Task RunClaimedAsync(Guid id, CancellationToken cancellationToken);
}

/// <summary>Wakes the worker of <typeparamref name="TJobs"/> when this node stores a job, so that it does not wait for the poll.</summary>
public sealed class JobSignal<TJobs> : IDisposable
    where TJobs : IStoredJobs
{
    private readonly SemaphoreSlim signal = new(0);

    public void Wake()
    {
        if (signal.CurrentCount == 0)
        {
            signal.Release();
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => signal.Dispose();
}

/// <summary>Runs stored jobs in the background: those stored on this node at once, and any unfinished or abandoned one on a poll.</summary>
public abstract class JobWorker<TJobs>(TJobs jobs, JobSignal<TJobs> signal, ILogger log) : BackgroundService
    where TJobs : IStoredJobs
{
    protected abstract TimeSpan Poll { get; }

    /// <summary>What must be ready before any job can run (a job started earlier would fail every row for nothing).</summary>
    protected virtual Task ReadyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ReadyAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var id in await jobs.PendingAsync(stoppingToken))
                {
                    if (await jobs.TryClaimAsync(id, stoppingToken))
                    {
                        await jobs.RunClaimedAsync(id, stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The job keeps its committed progress and its lease; it is taken up again once the lease runs out.
                log.LogError(e, "{Jobs} failed; the job will be resumed", typeof(TJobs).Name);
            }
            try
            {
                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
