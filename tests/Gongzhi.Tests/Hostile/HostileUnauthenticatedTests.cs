using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Gongzhi.Tests.Cases.Open311;
using Gongzhi.Tests.Infrastructure;

namespace Gongzhi.Tests.Hostile;

/// <summary>
/// What anyone on the internet can reach without an account — Open311 reading and posting, the sign-in form, the
/// language switch — under arbitrary input: any 2xx–4xx, never a 5xx.
/// </summary>
public sealed partial class HostileUnauthenticatedTests(GongzhiApp app)
{
    private static readonly Gen<string> Text = HostileInputTests.Text;

    private static readonly string[] Open311Params =
    [
        "service_request_id", "service_code", "start_date", "end_date", "status", "jurisdiction_id", "lat", "long", "address_id",
        "address_string", "description", "first_name", "last_name", "phone", "email", "device_id", "account_id", "media_url", "api_key",
        "attribute[volume]", "attribute[", "attribute[]", "attribute[\u0000]",
    ];

    private static readonly Gen<string> Open311Value = Gen.OneOf(Text,
        Gen.OneOf(Gen.Const("0101"), Gen.Const("30.5805"), Gen.Const("114.2705"), Gen.Const("420103001002"), Gen.Const("open,closed"),
            Gen.Const("9999-12-31T00:00:00Z"), Gen.Const("0001-01-02T00:00:00Z"), Gen.Const("2026-11-01T00:00:00+08:00"), Gen.Const("少量"),
            Gen.Const("万年社区"), Gen.Const("420103-20261126-000001")));

    private static readonly Gen<(string Key, string Value)[]> Open311Fields = Gen.Select(Gen.OneOf(Open311Params), Open311Value).Array[0, 8];

    private static readonly string[] Open311Paths =
    [
        "discovery.{f}", "services.{f}", "services/{x}.{f}", "requests.{f}", "requests/{x}.{f}", "tokens/{x}.{f}",
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open311Reading_UnderArbitraryInput_AnswersWithoutAServerError()
    {
        using var client = app.Anonymous();
        var probes = Gen.Select(Gen.OneOf(Open311Paths), Text, Gen.OneOf(Gen.Const("json"), Gen.Const("xml"), Text), Open311Fields);

        await probes.SampleAsync(async probe =>
        {
            var (template, x, format, query) = probe;
            // A NUL in the path never reaches the app: Kestrel refuses it with 400, and the test client throws before sending.
            (x, format) = (x.Replace("\0", "", StringComparison.Ordinal), format.Replace("\0", "", StringComparison.Ordinal));
            var path = "/open311/v2/" + template.Replace("{x}", Uri.EscapeDataString(x), StringComparison.Ordinal)
                .Replace("{f}", Uri.EscapeDataString(format), StringComparison.Ordinal);
            using var response = await client.GetAsync(path + Query(query), Cancel);
            await AssertNoServerErrorAsync(response, $"GET {path}{Query(query)}");
        }, iter: 400, threads: 1, seed: Environment.GetEnvironmentVariable("GONGZHI_HOSTILE_SEED"));
    }

    [Fact]
    public async Task Open311Posting_UnderArbitraryForms_AnswersWithoutAServerError()
    {
        var key = await Open311PrivacyTests.KeyAsync(app);
        using var client = app.Anonymous();
        var probes = Gen.Select(Open311Fields, Gen.Int[0, 3], Text, Gen.OneOf(Gen.Const("json"), Gen.Const("xml")), Gen.Bool);

        await probes.SampleAsync(async probe =>
        {
            var (fields, keyKind, raw, format, rawBody) = probe;
            var withKey = keyKind switch
            {
                0 => fields,
                1 => [.. fields, ("api_key", key)],
                2 => [("api_key", key), ("service_code", "0101"), ("lat", "30.62"), ("long", "114.32"), .. fields],
                _ => [.. fields, ("api_key", raw)],
            };
            // Either a well-formed form of odd values, or raw text (broken escapes, NULs, lone separators) sent as a form.
            var body = rawBody ? raw : string.Join("&", withKey.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
            using var content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await client.PostAsync($"/open311/v2/requests.{format}", content, Cancel);
            await AssertNoServerErrorAsync(response, $"POST {format} {body}");
        }, iter: 300, threads: 1, seed: Environment.GetEnvironmentVariable("GONGZHI_HOSTILE_SEED"));
    }

    [Fact]
    public async Task SignInForm_UnderArbitraryForms_AnswersWithoutAServerError()
    {
        using var client = app.Anonymous();
        var form = await client.GetStringAsync("/account/login", Cancel);
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(form).Groups[1].Value);
        string[] names = ["_handler", "__RequestVerificationToken", "Input.UserName", "Input.Password", "Input.ReturnUrl", "Input", "Input.Input.UserName"];
        // Account names nobody has: a wrong password for a real account would lock it for the other tests.
        var userNames = Gen.OneOf(Text.Select(t => "nobody-" + t), Gen.Const(""), Gen.Const(new string('x', 300)));
        var probes = Gen.Select(Gen.Select(Gen.OneOf(names), Text).Array[0, 6], userNames, Text, Gen.Bool, Gen.Bool);

        await probes.SampleAsync(async probe =>
        {
            var (extra, userName, returnUrl, validToken, rawBody) = probe;
            (string Key, string Value)[] fields =
            [
                ("_handler", "login"), ("__RequestVerificationToken", validToken ? token : returnUrl), ("Input.UserName", userName),
                ("Input.Password", "wrong-password"), ("Input.ReturnUrl", returnUrl), .. extra,
            ];
            var body = rawBody ? $"_handler=login&__RequestVerificationToken={Uri.EscapeDataString(token)}&{returnUrl}"
                : string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
            using var content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await client.PostAsync($"/account/login{Query([("ReturnUrl", returnUrl)])}", content, Cancel);
            await AssertNoServerErrorAsync(response, $"POST /account/login {body}");
        }, iter: 300, threads: 1, seed: Environment.GetEnvironmentVariable("GONGZHI_HOSTILE_SEED"));
    }

    [Fact]
    public async Task CultureSwitch_UnderArbitraryInput_AnswersWithoutAServerError()
    {
        using var client = app.Anonymous();
        var probes = Gen.Select(Gen.OneOf(Gen.Const("en"), Gen.Const("zh-CN"), Text), Gen.OneOf(Text, Text.Select(t => "/" + t), Text.Select(t => "~/" + t)),
            Gen.Select(Gen.OneOf(Gen.Const("culture"), Gen.Const("redirectUri"), Text), Text).Array[0, 3]);

        await probes.SampleAsync(async probe =>
        {
            var (culture, redirectUri, extra) = probe;
            var query = Query([("culture", culture), ("redirectUri", redirectUri), .. extra]);
            using var response = await client.GetAsync($"/culture/set{query}", Cancel);
            await AssertNoServerErrorAsync(response, $"GET /culture/set{query}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Equal("localhost", new Uri(new Uri("http://localhost/"), response.Headers.Location!.OriginalString).Host);
            }
        }, iter: 300, threads: 1, seed: Environment.GetEnvironmentVariable("GONGZHI_HOSTILE_SEED"));
    }

    private static string Query(IEnumerable<(string Key, string Value)> fields)
    {
        var text = string.Join("&", fields.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
        return text.Length > 0 ? "?" + text : "";
    }

    private static async Task AssertNoServerErrorAsync(HttpResponseMessage response, string what) =>
        Assert.True((int)response.StatusCode < 500, $"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
