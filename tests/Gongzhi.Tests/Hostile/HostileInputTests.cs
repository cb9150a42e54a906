using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Hostile;

/// <summary>
/// Arbitrary route values, query strings and bodies thrown at every endpoint the app really has: the
/// answer may be any 2xx–4xx, never a 5xx. Endpoints are enumerated, so new ones are covered as they come.
/// </summary>
public sealed class HostileInputTests(GongzhiApp app)
{
    // Pieces that tend to break parsers: encodings, separators, huge or special numbers, scripts, CJK, emoji, control characters.
    internal static readonly string[] Fragments =
    [
        "a", "Z", "0", "9", "-", "_", ".", "%", "%00", "%ZZ", "%E4%B8", "/", "..", "?", "&", "=", "+", " ", "中", "文", "网格", "噪音", "😀",
        "\u0000", "\u200b", "\u202e", "'", "\"", "<script>", "${x}", "{{x}}", "\\", "99999999999999999999999", "-1", "1e309", "NaN",
        "Infinity", "null", "true", "[]", "{}", "420103001", "420103001002001", "2026-02-30", "0001-01-01", "9999-12-31T23:59:59+14:00",
    ];

    private static readonly string[] FieldNames =
    [
        "username", "password", "scope", "scopeCode", "roles", "name", "kind", "code", "version", "lat", "lon", "q", "take", "skip", "date",
        "from", "to", "id", "organisationIds", "categoryCode", "description", "title",
    ];

    internal static readonly Gen<string> Text = Gen.OneOf(Fragments).Array[0, 12].Select(parts => string.Concat(parts));

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf(
        Text.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
        Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : JsonValue.Create("NaN")),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Const((JsonNode?)null));

    private static readonly Gen<JsonNode?> Json = Gen.OneOf(
        Scalar,
        Gen.Select(Gen.OneOf(FieldNames).Array[0, 8], Scalar.Array[8], (names, values) =>
        {
            var obj = new JsonObject();
            for (var i = 0; i < names.Length; i++)
            {
                obj[names[i]] = values[i]?.DeepClone();
            }
            return (JsonNode?)obj;
        }),
        Scalar.Array[0, 5].Select(values => (JsonNode?)new JsonArray(values.Select(v => v?.DeepClone()).ToArray())));

    private sealed record Probe(int Endpoint, string[] RouteValues, (string Key, string Value)[] Query, string Body, bool RawBody);

    [Fact]
    public async Task EveryEndpoint_UnderArbitraryInput_AnswersWithoutAServerError()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/", StringComparison.Ordinal) || raw.StartsWith("/open311/", StringComparison.Ordinal)))
            .Select(e => (Pattern: e.RoutePattern, Method: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods[0] : "GET"))
            // Signing out would end the prober's own sign-in and leave the remaining probes answered 401 before any handler.
            .Where(e => e.Pattern.RawText != "/api/v1/auth/logout")
            .OrderBy(e => e.Pattern.RawText, StringComparer.Ordinal)
            .ToList();
        // A city administrator of its own: a probe may change its password or revoke its sign-ins, which must not pull the
        // demo admin's sign-in from under the other tests of the shared app.
        var prober = await Security.SecurityKit.CreateAccountAsync(app, "hostile", JurisdictionCode.City, Roles.Admin);
        using var client = Security.SecurityKit.WithToken(app, await Security.SecurityKit.TokenAsync(app, prober));

        var probes = Gen.Select(
            Gen.Int[0, endpoints.Count - 1],
            Text.Array[4],
            Gen.Select(Gen.OneOf(FieldNames), Text).Array[0, 5],
            Json.Select(j => j?.ToJsonString() ?? "null"),
            Gen.Bool,
            (endpoint, routeValues, query, body, raw) => new Probe(endpoint, routeValues, query, body, raw));

        await probes.SampleAsync(async probe =>
        {
            var (pattern, method) = endpoints[probe.Endpoint];
            var path = FillRoute(pattern, probe.RouteValues);
            var queryString = string.Join("&", probe.Query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
            using var request = new HttpRequestMessage(new HttpMethod(method), path + (queryString.Length > 0 ? "?" + queryString : ""));
            if (method is "POST" or "PUT" or "PATCH")
            {
                var body = probe.RawBody ? probe.Body[..(probe.Body.Length / 2)] : probe.Body;
                request.Content = new StringContent(body, Encoding.UTF8, path.StartsWith("/open311/", StringComparison.Ordinal)
                    ? "application/x-www-form-urlencoded" : "application/json");
            }
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.True((int)response.StatusCode < 500,
                $"{method} {request.RequestUri} with body {probe.Body} answered {(int)response.StatusCode}: "
                + await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }, iter: 1000, threads: 1, seed: Environment.GetEnvironmentVariable("GONGZHI_HOSTILE_SEED"));
    }

    [Fact]
    public async Task BoundaryImport_OfArbitraryText_IsRefusedWithAMessage()
    {
        // The real streets and districts, so that a fragment that happens to be a street code ("420103001") is a known code
        // and only the geometry can refuse it.
        var known = await app.WithDbAsync(db => db.Set<Jurisdiction>().AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Street || j.Level == JurisdictionLevel.District).ToDictionaryAsync(j => j.Code));
        var validator = new BoundaryValidator(JurisdictionLevel.Street, known);
        var geoJsonish = Gen.OneOf(
            Json.Select(j => j?.ToJsonString() ?? "null"),
            Text,
            Gen.Select(Json, Json, (geometry, properties) =>
                $$"""{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{{geometry?.ToJsonString() ?? "null"}},"properties":{{properties?.ToJsonString() ?? "null"}}}]}"""));

        geoJsonish.Sample(text =>
        {
            var validation = validator.Validate(text);
            Assert.True(validation.Accepted.Count == 0, $"accepted a boundary from: {text}");
            Assert.True(validation.FileError is not null || validation.Outcomes.All(o => !o.Accepted && !string.IsNullOrWhiteSpace(o.Rejection)),
                $"refused without a message: {text}");
        }, iter: 500);
    }

    /// <summary>
    /// Damaged images — truncated, bytes flipped, garbage spliced in, or bare random bytes — uploaded as photos: each is
    /// stored whole (201) or refused (400), never a 5xx, and a refused one leaves neither a record nor a file behind.
    /// </summary>
    [Fact]
    public async Task PhotoUpload_OfDamagedImages_IsStoredWholeOrRefusedWithoutATrace()
    {
        // An account of its own: uploads are limited per account and minute, and other tests upload as the demo residents.
        var userName = $"hostile.upload.{Guid.NewGuid():N}"[..28];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await Gongzhi.Modules.Access.AccountService.CreateAsync(
                scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Gongzhi.Platform.Identity.GongzhiUser>>(),
                new Gongzhi.Platform.Identity.GongzhiUser { UserName = userName, ScopeCode = "420103001002", DisplayName = "上传测试" },
                GongzhiApp.Password, [Gongzhi.Platform.Scoping.Roles.Resident]);
        }
        using var client = await app.ClientForAsync(userName);
        var store = app.Services.GetRequiredService<Gongzhi.Platform.Files.FileStore>();
        byte[][] sources = [Files.TestImages.Jpeg(), Files.TestImages.Png(), Files.TestImages.Webp(), Files.TestImages.JpegWithGps()];
        var damaged = Gen.Select(Gen.Int[0, sources.Length - 1], Gen.Int[0, 3], Gen.Int[0, 1_000_000].Array[1, 16], Gen.Byte.Array[0, 64],
            (source, kind, positions, garbage) =>
            {
                var image = sources[source].ToArray();
                return kind switch
                {
                    0 => image[..(positions[0] % image.Length)],
                    1 => Flip(image, positions),
                    2 => [.. image[..(positions[0] % image.Length)], .. garbage, .. image[(positions[0] % image.Length)..]],
                    _ => garbage,
                };
            });

        await damaged.SampleAsync(async bytes =>
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "photo.jpg" } };
            using var response = await client.PostAsync("/api/v1/files/photos", form, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode is System.Net.HttpStatusCode.Created or System.Net.HttpStatusCode.BadRequest,
                $"{bytes.Length} bytes answered {(int)response.StatusCode}");
            if (response.StatusCode == System.Net.HttpStatusCode.BadRequest)
            {
                var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
                Assert.False(await app.WithDbAsync(db => db.Set<Gongzhi.Platform.Files.StoredFile>().AnyAsync(f => f.Sha256 == sha256)));
                using var left = store.OpenRead(sha256);
                Assert.Null(left);
            }
        }, iter: 25, threads: 1, seed: Environment.GetEnvironmentVariable("GONGZHI_HOSTILE_SEED"));
    }

    private static byte[] Flip(byte[] image, int[] positions)
    {
        foreach (var p in positions)
        {
            image[p % image.Length] ^= (byte)(1 + (p % 255));
        }
        return image;
    }

    /// <summary>
    /// Route parameters get arbitrary text, escaped as a client would send it — except NUL, which the
    /// test host refuses in a path before the app sees it (Kestrel answers such a request 400 itself).
    /// </summary>
    private static string FillRoute(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern, string[] values)
    {
        var index = 0;
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => Uri.EscapeDataString(values[index++ % values.Length].Replace("\u0000", "", StringComparison.Ordinal).Replace("%00", "", StringComparison.Ordinal) is { Length: > 0 } v ? v : "x"),
            _ => "",
        })));
        return "/" + string.Join("/", segments);
    }
}
