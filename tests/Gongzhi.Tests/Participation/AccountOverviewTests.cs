using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Participation;
using Gongzhi.Modules.Participation.Account;
using Gongzhi.Tests.Cases.Api;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.Participation.ParticipationApi;
using static Gongzhi.Tests.Participation.RegistrationFlow;

namespace Gongzhi.Tests.Participation;

public sealed class AccountOverviewTests(GongzhiApp app)
{
    /// <summary>A resident registered through the flow and verified by the community's staff.</summary>
    internal static async Task<(HttpClient Client, string Phone, string Name)> VerifiedRegisteredResidentAsync(GongzhiApp app)
    {
        var resident = await RegisteredResidentAsync(app);
        var profile = await ReadAsync<ResidentResponse>(await resident.Client.GetAsync($"{Api}/residents/me", Cancel), HttpStatusCode.OK);
        using var community = await app.ClientForAsync("community.420103001002");
        await AssertStatusAsync(await community.PostAsJsonAsync($"{Api}/residents/{profile.Id}/verify", new { }, Json, Cancel), HttpStatusCode.OK);
        return resident;
    }

    [Fact]
    public async Task Account_ListsTheResidentsReportsVotesAndNotices_ButNoChoiceOfTheirVote()
    {
        var (resident, phone, name) = await VerifiedRegisteredResidentAsync(app);
        using var _ = resident;
        using var community = await app.ClientForAsync("community.420103001002");
        var ballot = await CreateBallotAsync(community, secret: true);
        await AssertStatusAsync(await VoteAsync(resident, ballot, OptionId(ballot, 1)), HttpStatusCode.Created);
        var notice = await ReadAsync<JsonElement>(await community.PostAsJsonAsync($"{Api}/notices",
            new { title = "停电通知 " + Guid.NewGuid().ToString("N")[..6], body = "检修线路。", jurisdictionCode = Wannian }, Json, Cancel), HttpStatusCode.Created);
        await AssertStatusAsync(await resident.PostAsync($"{Api}/notices/{notice.GetProperty("id").GetGuid()}/read", null, Cancel), HttpStatusCode.OK);
        var (lat, lon, _) = await CaseApiKit.PointInAsync(app, CaseApiKit.WanNianGrid);
        var caseTitle = $"楼道灯坏了 {Guid.NewGuid():N}"[..16];
        await AssertStatusAsync(await resident.PostAsJsonAsync("/api/v1/cases",
            new { categoryCode = "0103", title = caseTitle, description = "三楼楼道灯不亮", lat, lon }, Cancel), HttpStatusCode.Created);

        var response = await resident.GetAsync($"{Api}/account", Cancel);
        var raw = await response.Content.ReadAsStringAsync(Cancel);
        var account = await ReadAsync<AccountOverviewResponse>(response, HttpStatusCode.OK);

        Assert.Equal(name, account.DisplayName);
        Assert.Equal(phone[..3] + "****" + phone[^4..], account.PhoneMasked);
        Assert.Contains(account.Votes, v => v.BallotId == ballot.GetProperty("id").GetGuid() && v.Secret);
        Assert.Contains(account.Notices, n => n.NoticeId == notice.GetProperty("id").GetGuid());
        Assert.Contains(account.Cases, c => c.Title == caseTitle);
        Assert.DoesNotContain(OptionId(ballot, 1).ToString(), raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("全天开放", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountPage_ShowsTheResidentsBallotsAndTheirMaskedPhone()
    {
        var (resident, phone, _) = await VerifiedRegisteredResidentAsync(app);
        using var _ = resident;
        using var community = await app.ClientForAsync("community.420103001002");
        var ballot = await CreateBallotAsync(community, secret: true);
        await AssertStatusAsync(await VoteAsync(resident, ballot, OptionId(ballot, 0)), HttpStatusCode.Created);

        var page = await resident.GetAsync("/account", Cancel);
        var html = await page.Content.ReadAsStringAsync(Cancel);

        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{(int)page.StatusCode}: {string.Join("\n", app.ServerErrors.Latest(3))}");
        Assert.Contains(ballot.GetProperty("title").GetString()!, html, StringComparison.Ordinal);
        Assert.Contains(phone[..3] + "****" + phone[^4..], html, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_OfStaff_ListsNoQueueAsTheirOwnReports()
    {
        using var street = await app.ClientForAsync("street.420103001");

        var account = await ReadAsync<AccountOverviewResponse>(await street.GetAsync($"{Api}/account", Cancel), HttpStatusCode.OK);

        Assert.Empty(account.Cases);
        Assert.Empty(account.Applications);
        Assert.Null(account.PhoneMasked);
    }
}
