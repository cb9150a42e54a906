using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Cases.Queries;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Files;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Cases.Api;

/// <summary>Shared moves of the case API tests: a point inside a grid, a report, an action, a case brought to a given state.</summary>
internal static class CaseApiKit
{
    public const string WanNianGrid = "420103001002001";
    public const string HuaLouJieStreet = "420103002";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly ConcurrentDictionary<string, (double Lat, double Lon, string Grid)> Points = new();

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A point that the index locates inside the first grid under <paramref name="prefix"/>.</summary>
    public static async Task<(double Lat, double Lon, string Grid)> PointInAsync(GongzhiApp app, string prefix)
    {
        if (Points.TryGetValue(prefix, out var known))
        {
            return known;
        }
        var grid = await app.WithDbAsync(db => db.Set<Jurisdiction>()
            .Where(j => j.Code.StartsWith(prefix) && j.Level == JurisdictionLevel.Grid && j.Boundary != null)
            .OrderBy(j => j.Code).Select(j => new { j.Code, j.Boundary }).FirstAsync(Cancel));
        var inside = GeoJson.ReadGeometry(grid.Boundary!).InteriorPoint;
        var located = await app.Services.GetRequiredService<JurisdictionIndex>().LocateAsync(inside.Y, inside.X, Cancel);
        return Points[prefix] = (inside.Y, inside.X, located!);
    }

    public static async Task<HttpResponseMessage> PostCaseAsync(HttpClient client, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(body, options: Json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await client.SendAsync(request, Cancel);
    }

    /// <summary>Reports a 道路不洁 case (no extra fields, routed to the district's 城管局) at the first grid under <paramref name="prefix"/>.</summary>
    public static async Task<CaseSubmitted> SubmitAsync(GongzhiApp app, HttpClient client, string prefix = WanNianGrid, string category = "0103",
        string title = "路面油污", string? description = null, object? attributes = null)
    {
        var (lat, lon, _) = await PointInAsync(app, prefix);
        var response = await PostCaseAsync(client, new
        {
            categoryCode = category,
            title,
            description = description ?? "路口有一大片油污，行人容易滑倒。",
            lat,
            lon,
            attributes = attributes ?? new { },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
        return (await response.Content.ReadFromJsonAsync<CaseSubmitted>(Json, Cancel))!;
    }

    /// <summary>Uploads a photo (a small JPEG unless <paramref name="content"/> is given) and returns its file id.</summary>
    public static async Task<Guid> UploadPhotoAsync(HttpClient client, byte[]? content = null)
    {
        using var file = new ByteArrayContent(content ?? TestImages.Jpeg());
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var form = new MultipartFormDataContent { { file, "file", "photo.jpg" } };
        var response = await client.PostAsync("/api/v1/files/photos", form, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
        return (await response.Content.ReadFromJsonAsync<StoredFileResponse>(Cancel))!.Id;
    }

    public static async Task<CaseDetail> GetAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<CaseDetail>($"/api/v1/cases/{id}", Json, Cancel))!;

    public static Task<HttpResponseMessage> ActAsync(HttpClient client, Guid id, string action, object body) =>
        client.PostAsJsonAsync($"/api/v1/cases/{id}/{action}", body, Json, Cancel);

    /// <summary>Acts with the case's current version and expects success.</summary>
    public static async Task<CaseDetail> DoAsync(HttpClient client, Guid id, string action, Dictionary<string, object?>? fields = null,
        HttpClient? reader = null)
    {
        var current = await GetAsync(reader ?? client, id);
        var body = new Dictionary<string, object?>(fields ?? []) { ["version"] = current.Version };
        var response = await ActAsync(client, id, action, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        return (await response.Content.ReadFromJsonAsync<CaseDetail>(Json, Cancel))!;
    }

    public sealed record Actors(HttpClient Resident, HttpClient Street, HttpClient Department, HttpClient Grid) : IDisposable
    {
        public void Dispose()
        {
            Resident.Dispose();
            Street.Dispose();
            Department.Dispose();
            Grid.Dispose();
        }
    }

    public static async Task<Actors> ActorsAsync(GongzhiApp app) => new(
        await app.ClientForAsync("resident1"),
        await app.ClientForAsync("street.420103001"),
        await app.ClientForAsync("dept.420103.cgj"),
        await app.ClientForAsync("grid.420103001002001"));

    /// <summary>A fresh case of resident1 in 万年社区 brought through the lifecycle up to <paramref name="state"/>.</summary>
    public static async Task<Guid> CaseInStateAsync(GongzhiApp app, Actors a, string state)
    {
        var id = (await SubmitAsync(app, a.Resident)).Id;
        string[] path = ["submitted", "registered", "dispatched", "accepted", "resolved", "verified", "closed"];
        foreach (var step in path.TakeWhile(s => s != state).Select((s, i) => path[i + 1]))
        {
            _ = step switch
            {
                "registered" => await DoAsync(a.Street, id, "register"),
                "dispatched" => await DoAsync(a.Street, id, "dispatch"),
                "accepted" => await DoAsync(a.Department, id, "accept"),
                "resolved" => await DoAsync(a.Department, id, "resolve", new() { ["note"] = "已清理油污" }),
                "verified" => await DoAsync(a.Grid, id, "verify"),
                "closed" => await DoAsync(a.Street, id, "close"),
                _ => throw new ArgumentOutOfRangeException(nameof(state)),
            };
        }
        return id;
    }
}
