using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gongzhi.Modules.Participation.Surveys;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Participation.ParticipationApi;

namespace Gongzhi.Tests.Participation;

/// <summary>Surveys through the API: drafts, eligibility by verified residence, one response per resident, anonymity and the tally.</summary>
public sealed class SurveyApiTests(GongzhiApp app)
{
    private const string Surveys = $"{Api}/surveys";

    private static object Body(string code = Wannian, bool anonymous = true) => new
    {
        title = "社区需求调研 " + Guid.NewGuid().ToString("N")[..6],
        jurisdictionCode = code,
        anonymous,
        closesAt = DateTimeOffset.UtcNow.AddDays(7),
        questions = new object[]
        {
            new { kind = "SingleChoice", text = "家中是否有老人？", options = new[] { "有", "没有" } },
            new { kind = "MultipleChoice", text = "需要哪些服务？", options = new[] { "助餐", "助浴", "上门医疗" } },
            new { kind = "Scale", text = "满意程度", scaleMax = 5 },
            new { kind = "Ranking", text = "优先顺序", options = new[] { "停车", "绿化", "照明" } },
            new { kind = "Text", text = "建议", required = false },
        },
    };

    private static async Task<SurveyResponseBody> OpenSurveyAsync(HttpClient staff, string code = Wannian, bool anonymous = true)
    {
        var draft = await ReadAsync<SurveyResponseBody>(await staff.PostAsJsonAsync(Surveys, Body(code, anonymous), Json, Cancel), HttpStatusCode.Created);
        Assert.Equal(SurveyState.Draft, draft.State);
        return await ReadAsync<SurveyResponseBody>(await staff.PostAsJsonAsync($"{Surveys}/{draft.Id}/open", new { version = draft.Version }, Json, Cancel),
            HttpStatusCode.OK);
    }

    private static object Answers(SurveyResponseBody survey, int single, int[] multiple, int scale, int[] ranking, string? text, string? ageBand = null) => new
    {
        ageBand,
        answers = new object[]
        {
            new { questionId = survey.Questions[0].Id, choice = single },
            new { questionId = survey.Questions[1].Id, choices = multiple },
            new { questionId = survey.Questions[2].Id, choice = scale },
            new { questionId = survey.Questions[3].Id, ranking },
            new { questionId = survey.Questions[4].Id, text },
        },
    };

    private static Task<HttpResponseMessage> RespondAsync(HttpClient resident, SurveyResponseBody survey, object answers) =>
        resident.PostAsJsonAsync($"{Surveys}/{survey.Id}/responses", answers, Json, Cancel);

    [Fact]
    public async Task Draft_IsHiddenFromResidents_UntilOpened()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var draft = await ReadAsync<SurveyResponseBody>(await community.PostAsJsonAsync(Surveys, Body(), Json, Cancel), HttpStatusCode.Created);
        using var resident = await ResidentClientAsync(app, await VerifiedResidentAsync(app));

        await AssertStatusAsync(await resident.GetAsync($"{Surveys}/{draft.Id}", Cancel), HttpStatusCode.NotFound);
        await AssertStatusAsync(await RespondAsync(resident, draft, new { answers = Array.Empty<object>() }), HttpStatusCode.NotFound);
        await ReadAsync<SurveyResponseBody>(await community.PostAsJsonAsync($"{Surveys}/{draft.Id}/open", new { version = draft.Version }, Json, Cancel),
            HttpStatusCode.OK);
        var seen = await ReadAsync<SurveyResponseBody>(await resident.GetAsync($"{Surveys}/{draft.Id}", Cancel), HttpStatusCode.OK);
        Assert.Equal(SurveyState.Open, seen.State);
    }

    [Fact]
    public async Task Create_WithoutOptionsForAChoice_Returns400NamingTheQuestionsField()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var response = await community.PostAsJsonAsync(Surveys, new
        {
            title = "坏调研", jurisdictionCode = Wannian, questions = new object[] { new { kind = "SingleChoice", text = "选一个", options = new[] { "只有一个" } } },
        }, Json, Cancel);
        var problem = await ReadAsync<JsonElement>(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("questions[0].options", out _), problem.ToString());
    }

    [Fact]
    public async Task Respond_ByAResidentOfAnotherCommunity_Returns404_ByStaffOrTheUnverified_Returns403()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var survey = await OpenSurveyAsync(community);
        var (elsewhere, profile) = await DeclaredResidentAsync(app, "420103002001");
        using (var otherStreet = await app.ClientForAsync("street.420103002"))
        {
            await AssertStatusAsync(await otherStreet.PostAsJsonAsync($"{Api}/residents/{profile}/verify", new { }, Json, Cancel), HttpStatusCode.OK);
        }
        using var outsider = await ResidentClientAsync(app, elsewhere);
        var answers = Answers(survey, 0, [0], 3, [0, 1, 2], null);

        await AssertStatusAsync(await RespondAsync(outsider, survey, answers), HttpStatusCode.NotFound);
        await AssertStatusAsync(await RespondAsync(community, survey, answers), HttpStatusCode.Forbidden);
        var (unverified, _) = await DeclaredResidentAsync(app);
        using var notYet = await ResidentClientAsync(app, unverified);
        await AssertStatusAsync(await RespondAsync(notYet, survey, answers), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Respond_WithAnIncompleteRankingOrAMissingRequiredAnswer_Returns400NamingTheQuestion()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var survey = await OpenSurveyAsync(community);
        using var resident = await ResidentClientAsync(app, await VerifiedResidentAsync(app));

        var problem = await ReadAsync<JsonElement>(await RespondAsync(resident, survey, Answers(survey, 0, [0], 9, [0, 0, 1], null)), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty($"answers.{survey.Questions[2].Id}", out _), problem.ToString());
        Assert.True(errors.TryGetProperty($"answers.{survey.Questions[3].Id}", out _), problem.ToString());
        var missing = await ReadAsync<JsonElement>(await RespondAsync(resident, survey, new { answers = Array.Empty<object>() }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty($"answers.{survey.Questions[0].Id}", out _));
        Assert.False(missing.GetProperty("errors").TryGetProperty($"answers.{survey.Questions[4].Id}", out _), "the text question is optional");
    }

    [Fact]
    public async Task Respond_WhenEightRequestsOfOneResidentRace_StoresExactlyOneResponse()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var survey = await OpenSurveyAsync(community);
        var userName = await VerifiedResidentAsync(app);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
        {
            clients.Add(await ResidentClientAsync(app, userName));
        }

        var responses = await Task.WhenAll(clients.Select((c, i) => RespondAsync(c, survey, Answers(survey, i % 2, [i % 3], 1 + i % 5, [0, 1, 2], null))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var (participations, stored) = await app.WithDbAsync(async db => (
            await db.Set<SurveyParticipation>().CountAsync(p => p.SurveyId == survey.Id, Cancel),
            await db.Set<SurveyResponse>().CountAsync(r => r.SurveyId == survey.Id, Cancel)));
        Assert.Equal(1, participations);
        Assert.Equal(1, stored);
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task AnonymousResponse_NamesNoResident_HasARandomId_AndNoTime()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var survey = await OpenSurveyAsync(community, anonymous: true);
        var userName = await VerifiedResidentAsync(app);
        using var resident = await ResidentClientAsync(app, userName);
        await AssertStatusAsync(await RespondAsync(resident, survey, Answers(survey, 0, [1], 4, [2, 0, 1], "希望增加助餐点")), HttpStatusCode.Created);

        var (accountId, response, participation, audited) = await app.WithDbAsync(async db => (
            await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Cancel),
            await db.Set<SurveyResponse>().Include(r => r.Answers).SingleAsync(r => r.SurveyId == survey.Id, Cancel),
            await db.Set<SurveyParticipation>().SingleAsync(p => p.SurveyId == survey.Id, Cancel),
            await db.AuditEntries.CountAsync(a => a.Subject == nameof(SurveyResponse) || a.Subject == nameof(SurveyParticipation), Cancel)));

        Assert.Null(response.RespondentAccountId);
        Assert.Equal(accountId, participation.AccountId);
        Assert.Equal(4, response.Id.Version);
        Assert.Equal(4, participation.Id.Version);
        Assert.All(response.Answers, a => Assert.Equal(4, a.Id.Version));
        Assert.Equal(0, audited);
        // The export names no respondent either.
        var csv = Encoding.UTF8.GetString(await community.GetByteArrayAsync($"{Surveys}/{survey.Id}/export", Cancel));
        Assert.DoesNotContain(userName, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(accountId, csv, StringComparison.Ordinal);
        Assert.Contains("照明 > 停车 > 绿化", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_CountEveryKind_BreakDownByAClosedQuestion_AndAreForStaffOnly()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var survey = await OpenSurveyAsync(community, anonymous: false);
        var answers = new[]
        {
            Answers(survey, 0, [0, 2], 5, [0, 1, 2], "停车位太少，晚上停车难", "From60To74"),
            Answers(survey, 0, [0], 3, [1, 0, 2], "晚上停车难，希望增加停车位", "From60To74"),
            Answers(survey, 1, [1, 2], 1, [0, 2, 1], null, "Under30"),
        };
        HttpClient? last = null;
        foreach (var answer in answers)
        {
            last = await ResidentClientAsync(app, await VerifiedResidentAsync(app));
            await AssertStatusAsync(await RespondAsync(last, survey, answer), HttpStatusCode.Created);
        }

        var results = await ReadAsync<SurveyResults>(await community.GetAsync($"{Surveys}/{survey.Id}/results?by={survey.Questions[0].Id}", Cancel),
            HttpStatusCode.OK);

        Assert.Equal(3, results.Responses);
        Assert.Equal([2, 1], results.Questions[0].Options.Select(o => o.Count));
        Assert.Equal([2, 1, 2], results.Questions[1].Options.Select(o => o.Count));
        Assert.Equal(3.0, results.Questions[2].Mean);
        // Ranking: 停车 placed 1, 2, 1 → average 1.33; 绿化 2, 1, 3 → 2; 照明 3, 3, 2 → 2.67.
        Assert.Equal([1.33, 2.0, 2.67], results.Questions[3].Options.Select(o => o.MeanRank ?? 0));
        Assert.Equal(2, results.Questions[4].Answered);
        Assert.Contains(results.Questions[4].Words, w => w.Word == "停车位" && w.Count == 2);
        Assert.DoesNotContain(results.Questions[4].Words, w => w.Word is "停车" or "车位");
        var groups = results.Breakdown!.Groups;
        Assert.Equal(["有", "没有"], groups.Select(g => g.Label));
        Assert.Equal([2, 1], groups.Select(g => g.Responses));
        Assert.Equal(4.0, groups[0].Questions[2].Mean);
        await AssertStatusAsync(await last!.GetAsync($"{Surveys}/{survey.Id}/results", Cancel), HttpStatusCode.Forbidden);
        last.Dispose();
    }

    [Fact]
    public async Task Respond_AfterClose_Returns409()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var survey = await OpenSurveyAsync(community);
        await ReadAsync<SurveyResponseBody>(await community.PostAsJsonAsync($"{Surveys}/{survey.Id}/close", new { version = survey.Version }, Json, Cancel),
            HttpStatusCode.OK);
        using var resident = await ResidentClientAsync(app, await VerifiedResidentAsync(app));
        await AssertStatusAsync(await RespondAsync(resident, survey, Answers(survey, 0, [0], 3, [0, 1, 2], null)), HttpStatusCode.Conflict);
    }
}
