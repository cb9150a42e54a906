namespace Gongzhi.Platform.Startup;

/// <summary>The loop of the services that scan on a timer: the deadlines, the conference reminders, the abandoned uploads.</summary>
public static class PeriodicWork
{
    /// <summary>
    /// Runs <paramref name="pass"/> every <paramref name="period"/> until the host stops: the first time at once, or after
    /// one period with <paramref name="waitFirst"/>. A pass that fails is logged and the next one tries again, so that one
    /// bad row cannot stop a node's scans for good. A period of zero or less turns the work off (tests run passes themselves).
    /// </summary>
    public static async Task RunAsync(TimeSpan period, TimeProvider clock, ILogger logger, string work,
        Func<DateTimeOffset, CancellationToken, Task> pass, CancellationToken stoppingToken, bool waitFirst = false)
    {
        if (period <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(period, clock);
        try
        {
            if (waitFirst && !await timer.WaitForNextTickAsync(stoppingToken))
            {
                return;
            }
            do
            {
                try
                {
                    await pass(clock.GetUtcNow(), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "{Work} failed; the next pass tries again", work);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
