using System.Net;
using Gongzhi.Platform;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Gongzhi.Tests.Security.SecurityKit;

namespace Gongzhi.Tests.Security;

/// <summary>
/// Who the client is comes from <c>X-Forwarded-For</c> only when the connection is from a proxy listed in
/// <c>Network:TrustedProxies</c>: loopback is not trusted by default, or any local program could pick its address. The
/// Host header is checked against <c>AllowedHosts</c>, so it cannot put another site into the links of an answer.
/// </summary>
public sealed class ProxyAndHostTests(GongzhiApp app)
{
    [Theory]
    [InlineData("127.0.0.1", null, "127.0.0.1")]
    [InlineData("::1", null, "::1")]
    [InlineData("127.0.0.1", "127.0.0.1", "203.0.113.9")]
    [InlineData("10.1.2.3", "10.0.0.0/8", "203.0.113.9")]
    [InlineData("192.168.1.1", "10.0.0.0/8", "192.168.1.1")]
    public async Task ForwardedFor_IsHonouredOnlyFromAListedProxy_LoopbackNotByDefault(string connection, string? trusted, string seen)
    {
        var settings = new Dictionary<string, string?>();
        if (trusted is not null)
        {
            settings[$"{TrustedProxies.Setting}:0"] = trusted;
        }
        var options = new ForwardedHeadersOptions();
        TrustedProxies.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())(options);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(connection);
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.9";
        IPAddress? observed = null;
        var middleware = new ForwardedHeadersMiddleware(c =>
        {
            observed = c.Connection.RemoteIpAddress;
            return Task.CompletedTask;
        }, NullLoggerFactory.Instance, Options.Create(options));

        await middleware.Invoke(context);

        Assert.Equal(IPAddress.Parse(seen), observed);
    }

    [Theory]
    [InlineData("/open311/v2/services.json")]
    [InlineData("/api/v1/cases")]
    [InlineData("/")]
    public async Task AForeignHostHeader_IsRefused_SoItCannotSetTheLinksOfAnAnswer(string path)
    {
        using var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheShippedSettings_AllowNoHostButTheLocalOnes()
    {
        using var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = "localhost";
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request, Cancel)).StatusCode);
        var configured = app.Services.GetService(typeof(IConfiguration)) as IConfiguration;
        Assert.NotEqual("*", configured!["AllowedHosts"]);
    }
}
