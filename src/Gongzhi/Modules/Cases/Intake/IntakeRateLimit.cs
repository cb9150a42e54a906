using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Gongzhi.Modules.Cases.Intake;

/// <summary>
/// How many reports one source may file in a minute: a signed-in account is counted by its id, everyone else
/// (Open311 clients, which authenticate by api_key, not as an account) by their address. A flood from one
/// source then cannot bury a street's queue; the limits are settings so that a call centre can be given more.
/// </summary>
internal static class IntakeRateLimit
{
    public const string Policy = "cases-intake";

    public static void Add(WebApplicationBuilder builder)
    {
        var perAccount = builder.Configuration.GetValue("Cases:IntakePerMinute", 30);
        var perAddress = builder.Configuration.GetValue("Cases:AnonymousIntakePerMinute", 20);
        builder.Services.Configure<RateLimiterOptions>(limiter => limiter.AddPolicy(Policy, context =>
            context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } account
                ? RateLimitPartition.GetFixedWindowLimiter("account:" + account, _ => Window(perAccount))
                : RateLimitPartition.GetFixedWindowLimiter("address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => Window(perAddress))));
    }

    private static FixedWindowRateLimiterOptions Window(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };
}
