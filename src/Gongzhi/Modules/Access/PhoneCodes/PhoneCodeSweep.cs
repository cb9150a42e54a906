using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Access.PhoneCodes;

/// <summary>
/// Removes one-time phone codes nobody can use any more. A code row holds only hashes, but each still links a number's hash
/// to an address's hash and a time (PIPL art. 19: kept no longer than needed). Rows are kept for a day, well past the hour
/// the sending limits look back over, so that removing them never lets a number or an address ask for more codes.
/// </summary>
public sealed class PhoneCodeSweep(IServiceScopeFactory scopes, IOptions<PhoneCodeOptions> options, TimeProvider clock,
    ILogger<PhoneCodeSweep> log) : BackgroundService
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(TimeSpan.FromMinutes(options.Value.SweepMinutes), clock, log, "The sweep of phone codes", RunOnceAsync,
            stoppingToken, waitFirst: true);

    /// <summary>One sweep at <paramref name="now"/>: the number of codes removed.</summary>
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        var before = now - KeptFor;
        return await db.Set<PhoneCode>().Where(c => c.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
