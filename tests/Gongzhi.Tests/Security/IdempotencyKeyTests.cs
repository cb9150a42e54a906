using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gongzhi.Modules.Cases;
using Gongzhi.Tests.Cases.Api;
using Gongzhi.Tests.Cases.Import;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Security.SecurityKit;

namespace Gongzhi.Tests.Security;

/// <summary>
/// Every create endpoint that takes <c>Idempotency-Key</c> (case intake, case import, service applications) answers a true
/// retry with the first record, and the same key with another request with 422 ProblemDetails (IETF idempotency-key
/// draft): before, it answered the first record as if the second request had been taken.
/// </summary>
public sealed class IdempotencyKeyTests(GongzhiApp app)
{
    [Fact]
    public async Task Intake_SameKeyWithAnotherBody_Is422_AndARetryStillGetsTheFirstCase()
    {
        using var resident = await app.ClientForAsync("resident1");
        var (lat, lon, _) = await CaseApiKit.PointInAsync(app, CaseApiKit.WanNianGrid);
        var key = Guid.NewGuid().ToString();
        var report = new { categoryCode = "0103", title = "幂等第一次", description = "路口油污", lat, lon };

        var first = await CaseApiKit.PostCaseAsync(resident, report, key);
        var other = await CaseApiKit.PostCaseAsync(resident, report with { title = "幂等换了内容" }, key);
        var retry = await CaseApiKit.PostCaseAsync(resident, report, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertReusedAsync(other);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
        Assert.Equal(id, (await retry.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Case>().CountAsync(c => c.Title == "幂等换了内容", Cancel)));
    }

    [Fact]
    public async Task Intake_TheSameKeyOfAnotherAccount_IsTheirOwn()
    {
        using var one = await app.ClientForAsync("resident1");
        using var two = await app.ClientForAsync("resident2");
        var (lat, lon, _) = await CaseApiKit.PointInAsync(app, CaseApiKit.WanNianGrid);
        var key = Guid.NewGuid().ToString();

        var first = await CaseApiKit.PostCaseAsync(one, new { categoryCode = "0103", title = "甲的报告", description = "路口油污", lat, lon }, key);
        var second = await CaseApiKit.PostCaseAsync(two, new { categoryCode = "0103", title = "乙的报告", description = "路口油污", lat, lon }, key);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
    }

    [Fact]
    public async Task ServiceApplication_SameKeyWithAnotherApplicant_Is422_AndARetryGetsTheFirst()
    {
        using var resident = await app.ClientForAsync("resident1");
        var key = Guid.NewGuid().ToString();
        object Application(string name) => new
        {
            itemCode = "MZ-LS-01",
            jurisdictionCode = "420103001",
            applicant = new { name, idNumber = "420103198003151234", phone = "13800001234" },
        };

        var first = await SendAsync(resident, "/api/v1/services/applications", JsonContent.Create(Application("张三")), key);
        var other = await SendAsync(resident, "/api/v1/services/applications", JsonContent.Create(Application("李四")), key);
        var retry = await SendAsync(resident, "/api/v1/services/applications", JsonContent.Create(Application("张三")), key);

        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Cancel));
        await AssertReusedAsync(other);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid(),
            (await retry.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task CaseImport_SameKeyWithAnotherFile_Is422_AndARetryGetsTheFirstJob()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var (lat, lon, _) = await CaseApiKit.PointInAsync(app, CaseApiKit.WanNianGrid);
        const string Header = "category_code,description,lat,long,address,urgency,reporter_name,reporter_phone,occurred_at";
        byte[] File(string description) =>
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Header}\n0103,{description},{lat},{lon},,,,,\n"));
        var key = Guid.NewGuid().ToString();

        var first = await CaseImportTests.UploadAsync(street, File("幂等导入"), key);
        var other = await CaseImportTests.UploadAsync(street, File("另一个文件"), key);
        var retry = await CaseImportTests.UploadAsync(street, File("幂等导入"), key);

        Assert.True(first.StatusCode == HttpStatusCode.Accepted, await first.Content.ReadAsStringAsync(Cancel));
        await AssertReusedAsync(other);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, HttpContent content, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request, Cancel);
    }

    private static async Task AssertReusedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Idempotency-Key", text, StringComparison.Ordinal);
    }
}
