using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Tests.Infrastructure;

namespace Gongzhi.Tests.Hostile;

/// <summary>The addresses the site gives out are its own: a forged Host header does not set them, and TLS is kept to.</summary>
public sealed class PublicAddressTests(GongzhiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open311Links_UseTheConfiguredPublicUrl_WhateverTheHostHeader()
    {
        await using var configured = new GongzhiApp { SharedDatabase = app.Database };
        configured.Settings["Gongzhi:PublicUrl"] = "https://gongzhi.example.cn/";
        // A deployment that answers any host (AllowedHosts "*") still writes only its own address into the links.
        configured.Settings["AllowedHosts"] = "*";
        await configured.InitializeAsync();
        using var client = configured.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/open311/v2/discovery.json");
        request.Headers.Host = "evil.example";

        var discovery = await (await client.SendAsync(request, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal("https://gongzhi.example.cn/open311/v2/", discovery.GetProperty("endpoints")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task HttpsAnswers_CarryHsts_PlainHttpOnesDoNot()
    {
        // The site's public name, as a deployment allows it (HSTS is never sent for localhost).
        await using var named = new GongzhiApp { SharedDatabase = app.Database };
        named.Settings["AllowedHosts"] = "gongzhi.example.cn";
        await named.InitializeAsync();
        using var secure = named.CreateClient(new() { BaseAddress = new Uri("https://gongzhi.example.cn/"), AllowAutoRedirect = false });
        using var plain = named.CreateClient(new() { BaseAddress = new Uri("http://gongzhi.example.cn/"), AllowAutoRedirect = false });

        using var overTls = await secure.GetAsync("/healthz", Cancel);
        using var overHttp = await plain.GetAsync("/healthz", Cancel);

        Assert.True(overTls.Headers.Contains("Strict-Transport-Security"));
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
    }
}
