using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Tests.Infrastructure;

namespace Gongzhi.Tests.Participation;

/// <summary>Calls and accounts the participation tests share: residents of their own, verified by the community's staff.</summary>
internal static class ParticipationApi
{
    public const string Api = "/api/v1/participation";
    public const string Wannian = "420103001002";
    public const string Street = "420103001";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return (await response.Content.ReadFromJsonAsync<T>(Json, Cancel))!;
    }

    public static async Task AssertStatusAsync(HttpResponseMessage response, HttpStatusCode expected) =>
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");

    /// <summary>A resident account of its own in <paramref name="community"/>, with a declared address, not yet verified.</summary>
    public static async Task<(string UserName, Guid ProfileId)> DeclaredResidentAsync(GongzhiApp app, string community = Wannian,
        string address = "测试路1号")
    {
        var userName = $"res.{Guid.NewGuid():N}"[..20];
        using var admin = await app.ClientForAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName,
            displayName = "测试居民" + userName[^4..],
            password = "Resident-test-2026",
            scopeCode = community,
            roles = new[] { "Resident" },
        }, Cancel);
        await AssertStatusAsync(created, HttpStatusCode.Created);
        using var resident = await app.ClientForAsync(userName, "Resident-test-2026");
        var profile = await ReadAsync<JsonElement>(await resident.PostAsJsonAsync($"{Api}/residents/me",
            new { communityCode = community, address }, Json, Cancel), HttpStatusCode.OK);
        return (userName, profile.GetProperty("id").GetGuid());
    }

    /// <summary>A verified resident of <paramref name="community"/> (verified by the street's staff, who cover every community of 民族街).</summary>
    public static async Task<string> VerifiedResidentAsync(GongzhiApp app, string community = Wannian, string address = "测试路1号")
    {
        var (userName, profileId) = await DeclaredResidentAsync(app, community, address);
        using var street = await app.ClientForAsync("street.420103001");
        await AssertStatusAsync(await street.PostAsJsonAsync($"{Api}/residents/{profileId}/verify", new { }, Json, Cancel), HttpStatusCode.OK);
        return userName;
    }

    public static Task<HttpClient> ResidentClientAsync(GongzhiApp app, string userName) =>
        userName.StartsWith("res.", StringComparison.Ordinal) ? app.ClientForAsync(userName, "Resident-test-2026") : app.ClientForAsync(userName);

    public static async Task<JsonElement> CreateBallotAsync(HttpClient staff, string code = Wannian, bool secret = true, bool hide = false,
        DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null, int? quorum = null, bool perHousehold = false)
    {
        var response = await staff.PostAsJsonAsync($"{Api}/ballots", new
        {
            title = "停车位开放时段 " + Guid.NewGuid().ToString("N")[..6],
            jurisdictionCode = code,
            options = new[] { "夜间开放", "全天开放", "暂不开放" },
            opensAt = opensAt ?? DateTimeOffset.UtcNow.AddMinutes(-1),
            closesAt = closesAt ?? DateTimeOffset.UtcNow.AddDays(7),
            secret,
            hideResultsUntilClose = hide,
            quorum,
            perHousehold,
        }, Json, Cancel);
        return await ReadAsync<JsonElement>(response, HttpStatusCode.Created);
    }

    public static Guid OptionId(JsonElement ballot, int index) => ballot.GetProperty("options")[index].GetProperty("id").GetGuid();

    public static Task<HttpResponseMessage> VoteAsync(HttpClient resident, JsonElement ballot, Guid optionId) =>
        resident.PostAsJsonAsync($"{Api}/ballots/{ballot.GetProperty("id").GetGuid()}/votes", new { optionId }, Json, Cancel);
}
