using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Modules.Registry;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Registry;

/// <summary>Real-shaped test numbers, unique per call so that tests sharing the demo database never collide.</summary>
internal static class RegistryTestData
{
    public const string Api = "/api/v1/registry";

    public const string WanNian = "420103001002";
    public const string WanNianGrid = "420103001002001";
    public const string JiaoTongLu = "420103002001";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static int sequence = Random.Shared.Next(0, 900);

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The demo's basic data is seeded once the derived boundaries are ready, a little after start.</summary>
    public static ValueTask DemoAsync(GongzhiApp app) => new(app.Services.GetRequiredService<RegistryDemo>().Ready.WaitAsync(TimeSpan.FromMinutes(2), Cancel));

    /// <summary>An ID number of 江汉区 with a real birth date and its check character; odd sequence digits for men.</summary>
    public static string IdNumber(DateOnly birth, bool male)
    {
        var n = Interlocked.Increment(ref sequence) % 500 * 2 + (male ? 1 : 0);
        var body = $"420103{birth:yyyyMMdd}{n:D3}";
        return body + IdNumbers.CheckCharacter(body);
    }

    /// <summary>The same number with a wrong check character.</summary>
    public static string WithBadCheck(string id) => id[..17] + (id[17] == '0' ? '1' : '0');

    public static string Phone() => $"139{Random.Shared.Next(10_000_000, 99_999_999)}";

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return (await response.Content.ReadFromJsonAsync<T>(Json, Cancel))!;
    }

    public static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, Cancel);
        return problem.GetProperty("errors");
    }
}
