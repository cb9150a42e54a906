namespace Gongzhi.Modules.Webhooks;

/// <summary>Settings under <c>Webhooks</c>.</summary>
internal sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Lets subscribers sit on loopback, private and link-local networks, and post over plain http. Off in production: a
    /// subscriber address is otherwise a way to make the server call its own neighbours (server-side request forgery).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How often a node looks for due deliveries (its own new ones wake it at once). 0 turns the sender off.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>The wait after the first failed attempt; each further failure doubles it, up to <see cref="MaxRetrySeconds"/>.</summary>
    public double FirstRetrySeconds { get; set; } = 10;

    public double MaxRetrySeconds { get; set; } = 3600;

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public double TimeoutSeconds { get; set; } = 10;
}

/// <summary>The retry schedule: exponential backoff within a window of 24 hours, then the delivery is marked failed.</summary>
internal static class WebhookRetries
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt.</summary>
    public static TimeSpan After(int attempts, WebhookOptions options)
    {
        var seconds = options.FirstRetrySeconds * Math.Pow(2, Math.Min(Math.Max(attempts - 1, 0), 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, options.MaxRetrySeconds));
    }
}
