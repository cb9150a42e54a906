using System.Net;
using Gongzhi.Modules.SocialForces.Activities;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.SocialForces.SocialTestKit;

namespace Gongzhi.Tests.SocialForces;

public sealed class ActivityApiTests(GongzhiApp app)
{
    private const string Api = "/api/v1/activities";

    private static object NewActivity(int capacity, string code = "420103001002", double startsInHours = 24) => new
    {
        title = $"社区活动-{Guid.NewGuid().ToString("N")[..6]}",
        jurisdictionCode = code,
        startsAt = DateTimeOffset.UtcNow.AddHours(startsInHours),
        endsAt = DateTimeOffset.UtcNow.AddHours(startsInHours + 2),
        capacity,
    };

    private async Task<Guid> CreateAsync(int capacity)
    {
        using var community = await app.ClientForAsync("community.420103001002");
        return (await ReadAsync(await community.PostAsync(Api, NewActivity(capacity)), HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Create_ByCommunityStaff_Returns201_AndGetShowsCapacityConfirmedAndWaitlisted()
    {
        var id = await CreateAsync(2);
        using var resident = await app.ClientForAsync("resident1");

        var registered = await ReadAsync(await resident.PostAsync($"{Api}/{id}/registrations", new { }), HttpStatusCode.Created);
        Assert.Equal("confirmed", registered.GetProperty("status").GetString());
        Assert.NotEqual(Guid.Empty, registered.GetProperty("id").GetGuid());

        var shown = await ReadAsync(await resident.GetAsync($"{Api}/{id}", Cancel), HttpStatusCode.OK);
        Assert.Equal(2, shown.GetProperty("capacity").GetInt32());
        Assert.Equal(1, shown.GetProperty("confirmed").GetInt32());
        Assert.Equal(0, shown.GetProperty("waitlisted").GetInt32());
        Assert.Equal("confirmed", shown.GetProperty("myRegistration").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Register_SamePersonAgain_Returns409()
    {
        var id = await CreateAsync(5);
        using var resident = await app.ClientForAsync("resident1");
        await ReadAsync(await resident.PostAsync($"{Api}/{id}/registrations", new { }), HttpStatusCode.Created);

        var again = await resident.PostAsync($"{Api}/{id}/registrations", new { });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var shown = await ReadAsync(await resident.GetAsync($"{Api}/{id}", Cancel), HttpStatusCode.OK);
        Assert.Equal(1, shown.GetProperty("confirmed").GetInt32());
    }

    [Fact]
    public async Task Cancel_OfAConfirmedPlace_ConfirmsTheFirstWaiting()
    {
        var id = await CreateAsync(1);
        using var first = await app.ClientForAsync("resident1");
        using var second = await app.ClientForAsync(await ResidentAccountAsync(app), "Social-test-2026");
        using var third = await app.ClientForAsync(await ResidentAccountAsync(app), "Social-test-2026");
        var place = await ReadAsync(await first.PostAsync($"{Api}/{id}/registrations", new { }), HttpStatusCode.Created);
        var waiting = await ReadAsync(await second.PostAsync($"{Api}/{id}/registrations", new { }), HttpStatusCode.Created);
        var later = await ReadAsync(await third.PostAsync($"{Api}/{id}/registrations", new { }), HttpStatusCode.Created);
        Assert.Equal("waitlisted", waiting.GetProperty("status").GetString());
        Assert.Equal("waitlisted", later.GetProperty("status").GetString());

        // Someone else cannot cancel a registration that is not theirs.
        var foreign = await third.PostAsync($"{Api}/registrations/{place.GetProperty("id").GetGuid()}/cancel", new { });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        var cancelled = await ReadAsync(await first.PostAsync($"{Api}/registrations/{place.GetProperty("id").GetGuid()}/cancel", new { }),
            HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());

        var promoted = await ReadAsync(await second.GetAsync($"{Api}/{id}", Cancel), HttpStatusCode.OK);
        Assert.Equal("confirmed", promoted.GetProperty("myRegistration").GetProperty("status").GetString());
        Assert.Equal(1, promoted.GetProperty("confirmed").GetInt32());
        Assert.Equal(1, promoted.GetProperty("waitlisted").GetInt32());
        var still = await ReadAsync(await third.GetAsync($"{Api}/{id}", Cancel), HttpStatusCode.OK);
        Assert.Equal("waitlisted", still.GetProperty("myRegistration").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Create_ByAResidentOrOutsideTheStaffsArea_IsRefused_AndBadInputNamesTheField()
    {
        using var resident = await app.ClientForAsync("resident1");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsync(Api, NewActivity(10))).StatusCode);

        using var community = await app.ClientForAsync("community.420103001002");
        Assert.Equal(HttpStatusCode.Forbidden, (await community.PostAsync(Api, NewActivity(10, "420103002001"))).StatusCode);

        var invalid = await ReadAsync(await community.PostAsync(Api, NewActivity(0)), HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("capacity", out _));
    }

    [Fact]
    public async Task Activity_OfACommunity_IsHiddenFromResidentsOfAnotherCommunity()
    {
        var id = await CreateAsync(5);
        using var elsewhere = await app.ClientForAsync("resident2");

        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"{Api}/{id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.PostAsync($"{Api}/{id}/registrations", new { })).StatusCode);
    }

    [Fact]
    public async Task Registrations_RacingOverHttp_ConfirmExactlyTheCapacity()
    {
        var id = await CreateAsync(3);
        var clients = new List<HttpClient>();
        foreach (var _ in Enumerable.Range(0, 8))
        {
            clients.Add(await app.ClientForAsync(await ResidentAccountAsync(app), "Social-test-2026"));
        }

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsync($"{Api}/{id}/registrations", new { })));
        var statuses = new List<string>();
        foreach (var response in responses)
        {
            statuses.Add((await ReadAsync(response, HttpStatusCode.Created)).GetProperty("status").GetString()!);
        }

        Assert.Equal(3, statuses.Count(s => s == "confirmed"));
        Assert.Equal(5, statuses.Count(s => s == "waitlisted"));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task CheckIn_WithTheOrganisersCode_RecordsAttendance_AndAForgedCodeIs400()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var id = (await ReadAsync(await community.PostAsync(Api, NewActivity(5, startsInHours: 0.5)), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var resident = await app.ClientForAsync("resident1");
        await ReadAsync(await resident.PostAsync($"{Api}/{id}/registrations", new { }), HttpStatusCode.Created);

        // Only the organiser's side issues codes.
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsync($"{Api}/{id}/codes/in", new { })).StatusCode);
        var code = (await ReadAsync(await community.PostAsync($"{Api}/{id}/codes/in", new { }), HttpStatusCode.OK)).GetProperty("code").GetString();

        var attended = await ReadAsync(await resident.PostAsync($"{Api}/attend", new { code }), HttpStatusCode.OK);
        Assert.Equal("in", attended.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKindOf.String, attended.GetProperty("registration").GetProperty("checkedInAt").ValueKind);

        var forged = await ReadAsync(await resident.PostAsync($"{Api}/attend", new { code = code + "x" }), HttpStatusCode.BadRequest);
        Assert.True(forged.GetProperty("errors").TryGetProperty("code", out _));

        var participants = await ReadAsync(await community.GetAsync($"{Api}/{id}/registrations", Cancel), HttpStatusCode.OK);
        Assert.Single(participants.EnumerateArray(), p => p.GetProperty("checkedInAt").ValueKind == JsonValueKindOf.String);
    }
}

internal static class JsonValueKindOf
{
    public const System.Text.Json.JsonValueKind String = System.Text.Json.JsonValueKind.String;
}
