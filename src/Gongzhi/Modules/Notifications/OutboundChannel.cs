namespace Gongzhi.Modules.Notifications;

/// <summary>
/// A message that leaves the platform (SMS, e-mail). Deployments plug in their gateway; the default
/// only writes to the log, so nothing is sent anywhere by accident.
/// </summary>
public interface IOutboundChannel
{
    Task SendAsync(string recipientUserId, string title, string? body, CancellationToken cancellationToken);
}

internal sealed class LoggingOutboundChannel(ILogger<LoggingOutboundChannel> logger) : IOutboundChannel
{
    public Task SendAsync(string recipientUserId, string title, string? body, CancellationToken cancellationToken)
    {
        logger.LogInformation("Outbound message to {Recipient}: {Title}", recipientUserId, title);
        return Task.CompletedTask;
    }
}
