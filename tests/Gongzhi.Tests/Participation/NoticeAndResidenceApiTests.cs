using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Participation;
using Gongzhi.Modules.Participation.Notices;
using Gongzhi.Modules.Participation.Residence;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.Participation.ParticipationApi;

namespace Gongzhi.Tests.Participation;

public sealed class NoticeAndResidenceApiTests(GongzhiApp app)
{
    private static async Task<NoticeResponse> PublishAsync(HttpClient staff, string code = Wannian) =>
        await ReadAsync<NoticeResponse>(await staff.PostAsJsonAsync($"{Api}/notices", new
        {
            title = "停水通知 " + Guid.NewGuid().ToString("N")[..6],
            body = "12月10日 8:00—18:00 停水。",
            jurisdictionCode = code,
            requiresAcknowledgement = true,
        }, Json, Cancel), HttpStatusCode.Created);

    [Fact]
    public async Task Read_IsIdempotent_AndReceiptsListWhoReadAndWhoHasNot()
    {
        using var staff = await app.ClientForAsync("community.420103001002");
        var notice = await PublishAsync(staff);
        Assert.True(notice.RequiresAcknowledgement);
        var userName = await VerifiedResidentAsync(app);
        using var reader = await ResidentClientAsync(app, userName);

        var first = await ReadAsync<ReadResponse>(await reader.PostAsync($"{Api}/notices/{notice.Id}/read", null, Cancel), HttpStatusCode.OK);
        var again = await ReadAsync<ReadResponse>(await reader.PostAsync($"{Api}/notices/{notice.Id}/read", null, Cancel), HttpStatusCode.OK);
        Assert.Equal(first.ReadAt, again.ReadAt);

        var receipts = await ReadAsync<NoticeReceipts>(await staff.GetAsync($"{Api}/notices/{notice.Id}/receipts", Cancel), HttpStatusCode.OK);
        var read = Assert.Single(receipts.Read);
        Assert.Equal(userName, read.Name);
        Assert.Contains(receipts.NotRead, r => r.Name == "居民一（万年社区）");
        Assert.Equal(1, receipts.ReadCount);
        Assert.Equal(receipts.Expected, receipts.ReadCount + receipts.NotReadCount);
    }

    [Fact]
    public async Task Read_ByResidentOfAnotherStreet_Returns404_AndReceiptsForAResident403()
    {
        using var staff = await app.ClientForAsync("community.420103001002");
        var notice = await PublishAsync(staff);
        using var outsider = await app.ClientForAsync("resident2");
        using var resident = await app.ClientForAsync("resident1");

        await AssertStatusAsync(await outsider.PostAsync($"{Api}/notices/{notice.Id}/read", null, Cancel), HttpStatusCode.NotFound);
        await AssertStatusAsync(await resident.GetAsync($"{Api}/notices/{notice.Id}/receipts", Cancel), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Publish_PutsTheNoticeInTheInboxOfTheAreasVerifiedResidents()
    {
        using var staff = await app.ClientForAsync("community.420103001002");
        var userName = await VerifiedResidentAsync(app);
        var notice = await PublishAsync(staff);
        using var resident = await ResidentClientAsync(app, userName);

        var inbox = await resident.GetFromJsonAsync<JsonElement>("/api/v1/notifications", Cancel);
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("link").GetString() == $"/participation/notices/{notice.Id}");
        Assert.True(inbox.GetProperty("unread").GetInt32() >= 1);
    }

    [Fact]
    public async Task DemoResidents_AreVerifiedResidentsOfTheirCommunities()
    {
        using var one = await app.ClientForAsync("resident1");
        using var two = await app.ClientForAsync("resident2");

        var first = await ReadAsync<ResidentResponse>(await one.GetAsync($"{Api}/residents/me", Cancel), HttpStatusCode.OK);
        var second = await ReadAsync<ResidentResponse>(await two.GetAsync($"{Api}/residents/me", Cancel), HttpStatusCode.OK);

        Assert.Equal((ResidenceState.Verified, Wannian), (first.State, first.CommunityCode));
        Assert.Equal((ResidenceState.Verified, "420103002001"), (second.State, second.CommunityCode));
    }

    [Fact]
    public async Task Refuse_NeedsAReason_StaffOfAnotherStreetCannotSeeIt_AndTheResidentSeesTheReason()
    {
        var (userName, profileId) = await DeclaredResidentAsync(app);
        using var staff = await app.ClientForAsync("community.420103001002");
        using var otherStreet = await app.ClientForAsync("street.420103002");

        await AssertStatusAsync(await otherStreet.PostAsJsonAsync($"{Api}/residents/{profileId}/verify", new { }, Json, Cancel), HttpStatusCode.NotFound);
        var noReason = await staff.PostAsJsonAsync($"{Api}/residents/{profileId}/refuse", new { reason = " " }, Json, Cancel);
        Assert.True((await ReadAsync<JsonElement>(noReason, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _));
        await ReadAsync<ResidentResponse>(await staff.PostAsJsonAsync($"{Api}/residents/{profileId}/refuse", new { reason = "地址不在本社区" }, Json, Cancel),
            HttpStatusCode.OK);

        using var resident = await ResidentClientAsync(app, userName);
        var mine = await ReadAsync<ResidentResponse>(await resident.GetAsync($"{Api}/residents/me", Cancel), HttpStatusCode.OK);
        Assert.Equal((ResidenceState.Refused, "地址不在本社区"), (mine.State, mine.Reason));
        var queue = await ReadAsync<List<ResidentResponse>>(await staff.GetAsync($"{Api}/residents?state=Refused", Cancel), HttpStatusCode.OK);
        Assert.Contains(queue, p => p.Id == profileId);
    }
}
