using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gongzhi.Platform.Identity;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Notifications;

/// <summary>The SMS gateway a deployment sends texts through (<c>Notifications:Sms</c>); without an endpoint texts only go to the log.</summary>
public sealed class SmsGatewayOptions
{
    public const string Section = "Notifications:Sms";

    /// <summary>The gateway's address for one text (an https URL in production).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The platform's account at the gateway, sent with every text.</summary>
    public string? Account { get; set; }

    /// <summary>The secret shared with the gateway, which signs each request; kept in the deployment's secrets, never in a file.</summary>
    public string? Secret { get; set; }

    /// <summary>How long one request may take before it counts as failed.</summary>
    public double TimeoutSeconds { get; set; } = 10;
}

/// <summary>A text the gateway did not take: the caller tells the user to try again later.</summary>
public sealed class OutboundDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Sends texts through an HTTP SMS gateway: a JSON POST of the account, the number and the text, signed with HMAC-SHA256 of
/// the instant, a nonce and the exact body under the shared secret (headers <c>X-Sms-Account</c>, <c>X-Sms-Timestamp</c>,
/// <c>X-Sms-Nonce</c>, <c>X-Sms-Signature</c>), so that the gateway can refuse a forged or replayed request. A non-2xx answer,
/// a timeout or no connection is logged (the status and the gateway, never the number or the text: it holds the code) and
/// thrown as <see cref="OutboundDeliveryException"/>.
/// </summary>
public sealed class SmsGatewayChannel(HttpClient http, IOptions<SmsGatewayOptions> options, LoggingOutboundChannel log,
    ILogger<SmsGatewayChannel> logger, TimeProvider clock, IAccountPhones phones) : IOutboundChannel
{
    /// <summary>What one text may hold: a message longer than this is cut, the rest is in the inbox it links to.</summary>
    public const int MaxTextLength = 300;

    /// <summary>
    /// A text to the number the account registered with; an account without one (most staff) reads the message in the
    /// inbox only, and the log says it was not texted.
    /// </summary>
    public async Task SendAsync(string recipientUserId, string title, string? body, CancellationToken cancellationToken)
    {
        if (await phones.PhoneOfAsync(recipientUserId, cancellationToken) is not { Length: > 0 } number)
        {
            await log.SendAsync(recipientUserId, title, body, cancellationToken);
            return;
        }
        await SendToNumberAsync(number, Text(title, body), cancellationToken);
    }

    public static string Text(string title, string? body)
    {
        var text = string.IsNullOrWhiteSpace(body) ? title : title + "\n" + body;
        return text.Length <= MaxTextLength ? text : text[..(MaxTextLength - 1)] + "…";
    }

    public async Task SendToNumberAsync(string phoneNumber, string text, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var endpoint = new Uri(settings.Endpoint ?? throw new InvalidOperationException("Notifications:Sms:Endpoint is not set."));
        var body = JsonSerializer.SerializeToUtf8Bytes(new { account = settings.Account, phoneNumber, text });
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-Sms-Account", settings.Account);
        request.Headers.Add("X-Sms-Timestamp", timestamp);
        request.Headers.Add("X-Sms-Nonce", nonce);
        request.Headers.Add("X-Sms-Signature", Signature(settings.Secret ?? "", timestamp, nonce, body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogError("The SMS gateway {Gateway} refused a text: {Status}", endpoint.Host, (int)response.StatusCode);
                throw new OutboundDeliveryException($"The SMS gateway answered {(int)response.StatusCode}.");
            }
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogError("The SMS gateway {Gateway} could not be reached within {Seconds} s: {Error}", endpoint.Host, settings.TimeoutSeconds,
                e.GetType().Name);
            throw new OutboundDeliveryException("The SMS gateway could not be reached.", e);
        }
    }

    /// <summary>Lower-case hex HMAC-SHA256 of "timestamp\nnonce\n" and the body's bytes, under the secret.</summary>
    public static string Signature(string secret, string timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
