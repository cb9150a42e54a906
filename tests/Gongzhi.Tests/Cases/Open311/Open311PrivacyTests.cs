using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Open311;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Cases.Open311;

/// <summary>
/// What the public Open311 surface gives away and what an unauthenticated client can do to it: only registered,
/// named reports at about 100 m, no personal numbers in any grouping, no character that breaks XML, and bad input
/// answered with an error list, never a 500.
/// </summary>
public sealed class Open311PrivacyTests(GongzhiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    internal static async Task<Case> PublicCaseAsync(GongzhiApp app, string description, bool position = true, bool anonymous = false,
        bool registered = true)
    {
        var now = DateTimeOffset.UtcNow;
        var saved = Case.Submit(
            new CaseIntake(CaseUrgency.Normal, "公开测试", description, position ? 30.581234 : null, position ? 114.271234 : null,
                "万年社区南门", CaseScenarios.Grid, CaseChannel.Web, "u-open311-privacy", anonymous ? null : CaseScenarios.Name("李四"),
                anonymous ? null : CaseScenarios.Phone("13912345678"), Anonymous: anonymous),
            CaseScenarios.Rubbish, $"420103-20261127-{Random.Shared.Next(100000, 999999)}", CaseActor.System, now, now.AddHours(4));
        if (registered)
        {
            saved.Register(CaseActor.System, now, now.AddHours(8));
        }
        await app.WithDbAsync(async db =>
        {
            db.Add(saved);
            return await db.SaveChangesAsync();
        });
        return saved;
    }

    internal static async Task<string> KeyAsync(GongzhiApp app)
    {
        using var admin = await app.ClientForAsync("admin");
        var issued = await admin.PostAsJsonAsync("/api/v1/open311/keys", new { name = "隐私测试" }, Cancel);
        return (await issued.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("key").GetString()!;
    }

    [Fact]
    public async Task RequestsList_ShowsOnlyRegisteredNamedReports_WithPositionsToAboutAHundredMetres()
    {
        var shown = await PublicCaseAsync(app, "已立案");
        var notRegistered = await PublicCaseAsync(app, "未立案", registered: false);
        var anonymous = await PublicCaseAsync(app, "匿名", anonymous: true);
        using var client = app.Anonymous();
        var references = string.Join(",", shown.Reference, notRegistered.Reference, anonymous.Reference);

        var list = await client.GetFromJsonAsync<JsonElement>("/open311/v2/requests.json", Cancel);
        var byId = await client.GetFromJsonAsync<JsonElement>($"/open311/v2/requests.json?service_request_id={references}", Cancel);

        var listed = list.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()).ToHashSet();
        Assert.Contains(shown.Reference, listed);
        Assert.DoesNotContain(notRegistered.Reference, listed);
        Assert.DoesNotContain(anonymous.Reference, listed);
        Assert.Equal([shown.Reference], byId.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()));
        Assert.Equal((30.581, 114.271), (byId[0].GetProperty("lat").GetDouble(), byId[0].GetProperty("long").GetDouble()));
        foreach (var hidden in new[] { notRegistered, anonymous })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/open311/v2/requests/{hidden.Reference}.xml", Cancel)).StatusCode);
        }
    }

    [Theory]
    [InlineData("13812345678")]
    [InlineData("138 1234 5678")]
    [InlineData("138-1234-5678")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("1 3 8 1 2 3 4 5 6 7 8")]
    [InlineData("027-8888 8888")]
    [InlineData("（027）8888-8888")]
    [InlineData("8888 8888")]
    [InlineData("42010319900101123X")]
    [InlineData("4201 0319 9001 0112 3X")]
    [InlineData("420103-19900101-123x")]
    [InlineData("420103.1990.0101.1234")]
    [InlineData("１３８１２３４５６７８")]
    public void Redact_RemovesPhoneAndIdNumbers_WhateverTheSeparators(string number)
    {
        var redacted = Open311Api.Redact($"电话{number}找王先生");

        Assert.StartsWith("电话", redacted, StringComparison.Ordinal);
        Assert.EndsWith("[已隐去]找王先生", redacted, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d", redacted);
    }

    [Theory]
    [InlineData("3号楼2单元502室")]
    [InlineData("2026-11-26 上午")]
    [InlineData("罚款 500 元，共 12 户")]
    [InlineData("长 120 米")]
    public void Redact_KeepsOtherNumbers(string text) => Assert.Equal(text, Open311Api.Redact(text));

    [Fact]
    public async Task ControlCharactersInADescription_AreLeftOut_AndTheXmlListStillAnswers()
    {
        var saved = await PublicCaseAsync(app, "井盖\u0001松动\u0008，\u001b[31m 夜里\uFFFE响");
        using var client = app.Anonymous();

        var list = await client.GetAsync("/open311/v2/requests.xml", Cancel);
        var one = await client.GetAsync($"/open311/v2/requests/{saved.Reference}.xml", Cancel);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        XDocument.Parse(await list.Content.ReadAsStringAsync(Cancel));
        var request = XDocument.Parse(await one.Content.ReadAsStringAsync(Cancel)).Root!.Element("request")!;
        Assert.Equal("井盖松动，[31m 夜里响", request.Element("description")!.Value);
    }

    [Theory]
    [InlineData("start_date=9999-12-31T00:00:00Z")]
    [InlineData("end_date=0001-01-02T00:00:00Z")]
    [InlineData("start_date=0001-01-01T00:00:00Z&end_date=9999-12-31T23:59:59Z")]
    [InlineData("start_date=1999-12-31T00:00:00%2B08:00")]
    public async Task DatesOutsideAnyRealRange_AreA400(string query)
    {
        using var client = app.Anonymous();

        var answer = await client.GetAsync($"/open311/v2/requests.xml?{query}", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("400", XDocument.Parse(await answer.Content.ReadAsStringAsync(Cancel)).Root!.Element("error")!.Element("code")!.Value);
    }

    [Fact]
    public async Task DatesWithAnOffset_SelectByInstant()
    {
        var saved = await PublicCaseAsync(app, "按日期");
        using var client = app.Anonymous();
        var from = Uri.EscapeDataString(saved.CreatedAt.ToOffset(TimeSpan.FromHours(8)).AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:sszzz"));
        var to = Uri.EscapeDataString(saved.CreatedAt.ToOffset(TimeSpan.FromHours(8)).AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:sszzz"));

        var list = await client.GetFromJsonAsync<JsonElement>($"/open311/v2/requests.json?start_date={from}&end_date={to}", Cancel);

        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == saved.Reference);
    }

    [Fact]
    public async Task Post_WithNulCharacters_IsRefusedOrTakenInWithoutThem_NeverA500()
    {
        var key = await KeyAsync(app);
        using var client = app.Anonymous();
        var body = $"api_key={key}&service_code=0101&lat=30.5805&long=114.2705&description=%E8%B7%AF%00%E5%8F%A3%E6%9C%89%E4%B8%80%E5%A0%86%E5%9E%83%E5%9C%BE&first_name=%00&attribute%5Bvolume%5D=%E5%B0%91%E9%87%8F%00";

        var answer = await client.PostAsync("/open311/v2/requests.json", new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"), Cancel);

        // The form reader refuses a NUL before anything else looks at the form; were it let through, no NUL may be stored.
        Assert.True(answer.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, await answer.Content.ReadAsStringAsync(Cancel));
        if (answer.StatusCode == HttpStatusCode.Created)
        {
            var reference = (await answer.Content.ReadFromJsonAsync<JsonElement>(Cancel))[0].GetProperty("service_request_id").GetString();
            var stored = await app.WithDbAsync(db => db.Set<Case>().AsNoTracking().SingleAsync(c => c.Reference == reference));
            Assert.Equal("路口有一堆垃圾", stored.Description);
        }
        else
        {
            Assert.Equal(400, (await answer.Content.ReadFromJsonAsync<JsonElement>(Cancel))[0].GetProperty("code").GetInt32());
        }
        foreach (var nul in new[] { "api_key=%00", "service_code=%00&api_key=x", $"api_key={key}&service_code=%00&lat=%00&long=1" })
        {
            var refused = await client.PostAsync("/open311/v2/requests.xml", new StringContent(nul, Encoding.UTF8, "application/x-www-form-urlencoded"), Cancel);
            Assert.InRange((int)refused.StatusCode, 400, 499);
            XDocument.Parse(await refused.Content.ReadAsStringAsync(Cancel));
        }
    }

    [Fact]
    public async Task Post_WithTooManyFieldsOrAHugeValue_IsRefusedBeforeAnyWork()
    {
        var key = await KeyAsync(app);
        using var client = app.Anonymous();
        var manyFields = $"api_key={key}&" + string.Join("&", Enumerable.Range(0, 1100).Select(i => $"f{i}=1"));
        var hugeValue = $"api_key={key}&service_code=0101&description=" + new string('a', 4 * 1024 * 1024);

        var many = await client.PostAsync("/open311/v2/requests.json", new StringContent(manyFields, Encoding.UTF8, "application/x-www-form-urlencoded"), Cancel);
        var huge = await client.PostAsync("/open311/v2/requests.json", new StringContent(hugeValue, Encoding.UTF8, "application/x-www-form-urlencoded"), Cancel);
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/open311/v2/requests.json")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(hugeValue))),
        };
        chunked.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        var unsized = await client.SendAsync(chunked, Cancel);
        using var badKeyFirst = new HttpRequestMessage(HttpMethod.Post, "/open311/v2/requests.json?api_key=wrong")
        {
            Content = new StringContent(hugeValue, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        badKeyFirst.Content.Headers.ContentLength = null;
        var refusedByKey = await client.SendAsync(badKeyFirst, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.InRange((int)unsized.StatusCode, 400, 499);
        Assert.InRange((int)refusedByKey.StatusCode, 403, 413);
        foreach (var answer in new[] { many, huge, unsized, refusedByKey })
        {
            Assert.Equal((int)answer.StatusCode, (await answer.Content.ReadFromJsonAsync<JsonElement>(Cancel))[0].GetProperty("code").GetInt32());
        }
    }

    [Fact]
    public async Task Post_WithTheKeyInTheHeader_IsCheckedBeforeTheForm()
    {
        var key = await KeyAsync(app);
        using var client = app.Anonymous();
        using var good = new HttpRequestMessage(HttpMethod.Post, "/open311/v2/requests.json")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["service_code"] = "0101", ["lat"] = "30.5805", ["long"] = "114.2705", ["description"] = "头部带钥匙", ["attribute[volume]"] = "少量",
            }),
        };
        good.Headers.Add("X-Api-Key", key);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/open311/v2/requests.json")
        {
            // A valid key in the form does not rescue a wrong one in the header: the header is read first and refused.
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["api_key"] = key, ["service_code"] = "0101" }),
        };
        wrong.Headers.Add("X-Api-Key", "gz311_wrong");

        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(good, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(wrong, Cancel)).StatusCode);
    }

    [Fact]
    public void Printable_DropsWhatXmlCannotHold_AndKeepsLineBreaksAndWholeEmoji() =>
        Assert.Equal("a\nb\tc😀d", Open311Document.Printable("a\u0000\nb\tc\u0007😀\ud800d\uFFFF"));
}
