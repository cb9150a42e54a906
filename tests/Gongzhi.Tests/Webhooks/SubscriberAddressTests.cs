using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Webhooks;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.Webhooks.WebhookKit;

namespace Gongzhi.Tests.Webhooks;

/// <summary>Server-side request forgery: subscriber addresses on the server's own networks are refused (the shared app keeps the default).</summary>
public sealed class SubscriberAddressTests(GongzhiApp app)
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("192.168.1.10", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd12:3456::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("64:ff9b::a00:1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("114.114.114.114", false)]
    [InlineData("2400:3200::1", false)]
    [InlineData("::ffff:8.8.8.8", false)]
    public void IsPrivate_KnowsTheInnerRanges(string address, bool inner) =>
        Assert.Equal(inner, SubscriberAddresses.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost:8443/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://192.168.0.1/hook")]
    [InlineData("http://8.8.8.8/hook")]
    [InlineData("https://user:pass@8.8.8.8/hook")]
    public async Task Subscribe_ToAnAddressOnAnInnerNetworkOrNotHttps_Returns400NamingUrl(string url)
    {
        using var admin = await app.ClientForAsync("admin");
        var response = await admin.PostAsJsonAsync(Api,
            new { organisationId = await OrganisationAsync(app, "420103.cgj"), url, events = CaseEvents, secret = "ssrf-test-secret-0123" }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors");
        Assert.Equal("url", Assert.Single(errors.EnumerateObject()).Name);
    }

    [Fact]
    public async Task Connect_AtSendTime_RefusesANameThatNowResolvesToAnInnerAddress()
    {
        // A name that passed the check once and is pointed inside afterwards (rebinding) is refused when connecting.
        var refused = await Assert.ThrowsAsync<HttpRequestException>(async () =>
            await SubscriberAddresses.ConnectAsync(new DnsEndPoint("localhost", 9), allowPrivate: false, Cancel));
        Assert.Contains("refused", refused.Message, StringComparison.Ordinal);
    }
}
