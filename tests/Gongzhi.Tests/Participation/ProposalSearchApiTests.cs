using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Participation;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.Participation.ParticipationApi;

namespace Gongzhi.Tests.Participation;

/// <summary>
/// The deliberation hall's search and the suggestions while a title is typed. On PostgreSQL they go through the pair index,
/// on SQLite through LIKE: the same answers either way.
/// </summary>
public sealed class ProposalSearchApiTests(GongzhiApp app)
{
    /// <summary>A two-character Chinese word no other test writes: two random characters of the common CJK block.</summary>
    private static string RareWord() =>
        string.Concat(Enumerable.Range(0, 2).Select(_ => (char)Random.Shared.Next(0x4E00, 0x9FA6)));

    private static async Task<ProposalResponse> ProposeAsync(HttpClient resident, string code, string title, string body) =>
        await ReadAsync<ProposalResponse>(await resident.PostAsJsonAsync($"{Api}/proposals", new { title, body, jurisdictionCode = code }, Json, Cancel),
            HttpStatusCode.Created);

    private static async Task<List<Guid>> SearchAsync(HttpClient client, string query) =>
        (await ReadAsync<List<ProposalResponse>>(await client.GetAsync($"{Api}/proposals?{query}", Cancel), HttpStatusCode.OK)).Select(p => p.Id).ToList();

    [Fact]
    public async Task Search_ByATwoCharacterChineseWord_FindsItInTitleOrText_InTheListsOrder()
    {
        var word = RareWord();
        using var resident = await app.ClientForAsync("resident1");
        var inText = await ProposeAsync(resident, Wannian, "楼道堆物清理", $"三单元楼道堆了很多{word}杂物，影响通行。");
        var inTitle = await ProposeAsync(resident, Wannian, $"关于{word}的提议", "请社区议事会讨论。");
        await ProposeAsync(resident, Wannian, "小区绿化补种", "绿化带缺了几棵树。");

        // Newest first: two proposals of the same second and no supports tie on the hot score.
        var found = await SearchAsync(resident, $"q={Uri.EscapeDataString(word)}&sort=newest");
        using var staff = await app.ClientForAsync("community.420103001002");
        var staffFound = await SearchAsync(staff, $"q={Uri.EscapeDataString(word)}&scope={Wannian}&sort=newest");
        using var street = await app.ClientForAsync("street.420103001");
        // A street's search first reads the street's newest proposals, which fill a page of one here.
        var firstOfStreet = await SearchAsync(street, $"q={Uri.EscapeDataString(word)}&scope={Street}&sort=newest&take=1");

        Assert.Equal([inTitle.Id, inText.Id], found);
        Assert.Equal([inTitle.Id, inText.Id], staffFound);
        Assert.Equal([inTitle.Id], firstOfStreet);
    }

    [Fact]
    public async Task Search_KeepsToTheScope_AndAResidentFindsOnlyWhatTheirCommunitySees()
    {
        var word = RareWord();
        using var resident = await app.ClientForAsync("resident1");
        var proposal = await ProposeAsync(resident, Wannian, $"{word}改造", "请社区议事会讨论。");
        var q = $"q={Uri.EscapeDataString(word)}";
        using var otherResident = await app.ClientForAsync("resident2");
        using var otherStreet = await app.ClientForAsync("street.420103002");
        using var street = await app.ClientForAsync("street.420103001");
        using var district = await app.ClientForAsync("command.420103");

        Assert.Empty(await SearchAsync(otherResident, q));
        Assert.Empty(await SearchAsync(otherResident, $"{q}&scope={Wannian}"));
        Assert.Empty(await SearchAsync(otherStreet, q));
        Assert.Equal([proposal.Id], await SearchAsync(street, q));
        Assert.Equal([proposal.Id], await SearchAsync(district, $"{q}&scope=420103&sort=mostSupported"));
        Assert.Equal([proposal.Id], await SearchAsync(district, $"{q}&scope={Street}"));
        Assert.Empty(await SearchAsync(district, $"{q}&scope=420103002"));
    }

    [Theory]
    [InlineData("a\0b")]
    [InlineData(null)]
    public async Task Search_WithANulOrTooLong_Returns400NamingQ(string? q)
    {
        q ??= new string('电', 101);
        using var resident = await app.ClientForAsync("resident1");

        var response = await resident.GetAsync($"{Api}/proposals?q={Uri.EscapeDataString(q)}", Cancel);

        var problem = await ReadAsync<JsonElement>(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }

    [Fact]
    public async Task Similar_SuggestsOpenProposalsOfTheCommunityWithSharedWords_MostSharedFirst()
    {
        var (word, other) = (RareWord(), RareWord());
        using var resident = await app.ClientForAsync("resident1");
        var close = await ProposeAsync(resident, Wannian, $"{word}{other}改造", "楼下需要改造。");
        var loose = await ProposeAsync(resident, Wannian, $"{word}问题", "请社区议事会讨论。");
        await ProposeAsync(resident, Street, $"{word}{other}改造", "整条街都需要。");
        using var street = await app.ClientForAsync("street.420103001");
        var decided = await ProposeAsync(resident, Wannian, $"{word}{other}改造一期", "已经议过。");
        await ReadAsync<ProposalResponse>(await street.PostAsJsonAsync($"{Api}/proposals/{decided.Id}/outcome",
            new { outcome = "Declined", text = "重复" }, Json, Cancel), HttpStatusCode.OK);
        using var neighbour = await ResidentClientAsync(app, await VerifiedResidentAsync(app));
        var typed = Uri.EscapeDataString($"{word}{other}");

        var similar = await ReadAsync<List<SimilarProposalResponse>>(await neighbour.GetAsync(
            $"{Api}/proposals/similar?communityCode={Wannian}&title={typed}", Cancel), HttpStatusCode.OK);
        using var outsider = await app.ClientForAsync("resident2");
        var unseen = await ReadAsync<List<SimilarProposalResponse>>(await outsider.GetAsync(
            $"{Api}/proposals/similar?communityCode={Wannian}&title={typed}", Cancel), HttpStatusCode.OK);

        Assert.Equal([close.Id, loose.Id], similar.Select(s => s.Id));
        Assert.Empty(unseen);
    }

    [Fact]
    public async Task Similar_WithoutACommunityCode_Returns400NamingIt()
    {
        using var resident = await app.ClientForAsync("resident1");

        var problem = await ReadAsync<JsonElement>(await resident.GetAsync($"{Api}/proposals/similar?communityCode=420103&title=%E5%8A%A0%E8%A3%85", Cancel),
            HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("communityCode", out _));
    }
}
