using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gongzhi.Modules.Notifications;
using Gongzhi.Platform.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gongzhi.Tests.Notifications;

/// <summary>The SMS gateway sender against a gateway on loopback: what it posts, how it signs, how a refusal shows.</summary>
public sealed class SmsGatewayChannelTests : IDisposable
{
    private const string Secret = "gateway-shared-secret";
    private const string Number = "13812345678";
    private const string Text = "您的注册验证码是 482913，10 分钟内有效。";
    private readonly HttpListener gateway = new();
    private readonly Uri endpoint;
    private readonly ListLogger<SmsGatewayChannel> log = new();

    public SmsGatewayChannelTests()
    {
        endpoint = new Uri($"http://127.0.0.1:{FreePort()}/sms/send/");
        gateway.Prefixes.Add(endpoint.ToString());
        gateway.Start();
    }

    public void Dispose() => gateway.Close();

    private SmsGatewayChannel Channel(double timeoutSeconds = 5) => new(new HttpClient(),
        Options.Create(new SmsGatewayOptions { Endpoint = endpoint.ToString(), Account = "gongzhi-wuhan", Secret = Secret, TimeoutSeconds = timeoutSeconds }),
        new LoggingOutboundChannel(NullLogger<LoggingOutboundChannel>.Instance), log, TimeProvider.System,
        new KnownPhones(new Dictionary<string, string> { ["resident-account"] = Number }));

    /// <summary>Answers the next request with <paramref name="status"/> and hands back what came.</summary>
    private async Task<(string Method, string ContentType, Dictionary<string, string?> Headers, byte[] Body)> AnswerAsync(HttpStatusCode status)
    {
        var context = await gateway.GetContextAsync();
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body, TestContext.Current.CancellationToken);
        var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k], StringComparer.OrdinalIgnoreCase);
        var seen = (context.Request.HttpMethod, context.Request.ContentType ?? "", headers, body.ToArray());
        context.Response.StatusCode = (int)status;
        context.Response.Close();
        return seen;
    }

    [Fact]
    public async Task SendToNumber_PostsTheAccountNumberAndText_SignedWithTheSharedSecret()
    {
        var answered = AnswerAsync(HttpStatusCode.OK);

        await Channel().SendToNumberAsync(Number, Text, TestContext.Current.CancellationToken);

        var (method, contentType, headers, body) = await answered;
        Assert.Equal("POST", method);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(("gongzhi-wuhan", Number, Text),
            (json.GetProperty("account").GetString(), json.GetProperty("phoneNumber").GetString(), json.GetProperty("text").GetString()));
        Assert.Equal("gongzhi-wuhan", headers["X-Sms-Account"]);
        var timestamp = long.Parse(headers["X-Sms-Timestamp"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp, 0, 60);
        // The gateway's own check: HMAC-SHA256 of "timestamp\nnonce\n" and the body as received, under the secret.
        var signed = Encoding.UTF8.GetBytes($"{headers["X-Sms-Timestamp"]}\n{headers["X-Sms-Nonce"]}\n").Concat(body).ToArray();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed));
        Assert.Equal(expected, headers["X-Sms-Signature"]);
        Assert.False(string.IsNullOrEmpty(headers["X-Sms-Nonce"]));
    }

    [Fact]
    public async Task SendToNumber_WhenTheGatewayAnswersNon2xx_ThrowsAndLogsWithoutTheNumberOrTheCode()
    {
        var answered = AnswerAsync(HttpStatusCode.ServiceUnavailable);

        await Assert.ThrowsAsync<OutboundDeliveryException>(() => Channel().SendToNumberAsync(Number, Text, TestContext.Current.CancellationToken));

        await answered;
        var error = Assert.Single(log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Entries, e => e.Message.Contains(Number, StringComparison.Ordinal) || e.Message.Contains("482913", StringComparison.Ordinal)
            || e.Message.Contains("5678", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendToNumber_WhenTheGatewayIsSilentPastTheTimeout_Throws()
    {
        // The listener takes the connection but never answers.
        var hanging = gateway.GetContextAsync();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAsync<OutboundDeliveryException>(() => Channel(timeoutSeconds: 0.5).SendToNumberAsync(Number, Text, TestContext.Current.CancellationToken));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Single(log.Entries, e => e.Level == LogLevel.Error);
        (await hanging).Response.Abort();
    }

    [Fact]
    public async Task Send_ToAnAccountWithANumber_TextsItsTitleAndBody_ToThatNumber()
    {
        var answered = AnswerAsync(HttpStatusCode.OK);

        await Channel().SendAsync("resident-account", "停水通知", "明天 9:00–17:00 万年社区停水。", TestContext.Current.CancellationToken);

        var json = JsonDocument.Parse((await answered).Body).RootElement;
        Assert.Equal((Number, "停水通知\n明天 9:00–17:00 万年社区停水。"),
            (json.GetProperty("phoneNumber").GetString(), json.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Send_ToAnAccountWithoutANumber_PostsNothing()
    {
        // Nobody answers on the gateway: a post would time out and throw.
        await Channel(timeoutSeconds: 0.5).SendAsync("staff-account", "新案件", null, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(log.Entries, e => e.Level == LogLevel.Error);
    }

    [Fact]
    public void Text_OverTheLimit_IsCutWithAnEllipsis()
    {
        var text = SmsGatewayChannel.Text("通知", new string('长', 400));

        Assert.Equal(SmsGatewayChannel.MaxTextLength, text.Length);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
        Assert.Equal("通知", SmsGatewayChannel.Text("通知", " "));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }

    private sealed class KnownPhones(Dictionary<string, string> numbers) : IAccountPhones
    {
        public Task<string?> PhoneOfAsync(string accountId, CancellationToken cancellationToken) =>
            Task.FromResult(numbers.GetValueOrDefault(accountId));
    }
}
