using System.Collections.Concurrent;
using Gongzhi.Platform.PersonalData;

namespace Gongzhi.Modules.Notifications;

/// <summary>
/// A message that leaves the platform (SMS, e-mail). Deployments plug in their gateway; the default
/// only writes to the log, so nothing is sent anywhere by accident.
/// </summary>
public interface IOutboundChannel
{
    Task SendAsync(string recipientUserId, string title, string? body, CancellationToken cancellationToken);

    /// <summary>A text to a phone number that has no account behind it yet (a one-time registration code).</summary>
    Task SendToNumberAsync(string phoneNumber, string text, CancellationToken cancellationToken);
}

/// <summary>
/// The default channel: the log, and in memory the last texts to each number, so that a demo (or its tests) can read the
/// one-time code a gateway would have sent. The log shows the number masked.
/// </summary>
public sealed class LoggingOutboundChannel(ILogger<LoggingOutboundChannel> logger) : IOutboundChannel
{
    private const int Kept = 200;
    private readonly ConcurrentQueue<(string Number, string Text)> recent = new();

    public Task SendAsync(string recipientUserId, string title, string? body, CancellationToken cancellationToken)
    {
        logger.LogInformation("Outbound message to {Recipient}: {Title}", recipientUserId, title);
        return Task.CompletedTask;
    }

    public Task SendToNumberAsync(string phoneNumber, string text, CancellationToken cancellationToken)
    {
        logger.LogInformation("Outbound text to {Number}: {Text}", Masks.Phone(phoneNumber), text);
        recent.Enqueue((phoneNumber, text));
        while (recent.Count > Kept && recent.TryDequeue(out _))
        {
        }
        return Task.CompletedTask;
    }

    /// <summary>The last text sent to <paramref name="phoneNumber"/> through this channel, or null.</summary>
    public string? LastTextTo(string phoneNumber) => recent.LastOrDefault(m => m.Number == phoneNumber).Text;
}
