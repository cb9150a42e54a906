using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Tests.Infrastructure;
using MiniExcelLibs;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases.Api;

/// <summary>
/// The queue as an .xlsx: a workbook that opens, holding exactly the rows the same filter lists, the reporter masked, and
/// only what the caller's scope shows.
/// </summary>
public sealed class CaseExportTests(GongzhiApp app)
{
    [Fact]
    public async Task Export_OfAFilteredQueue_IsAWorkbookWithExactlyThoseRows_ReporterMasked()
    {
        var word = "导出" + Guid.NewGuid().ToString("N")[..8];
        using var resident = await app.ClientForAsync("resident1");
        var references = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (lat, lon, _) = await PointInAsync(app, WanNianGrid);
            var response = await PostCaseAsync(resident, new
            {
                categoryCode = "0103", title = $"{word} 第{i}处油污", description = "路口有油污。", lat, lon, attributes = new { },
                reporterName = "张三丰", reporterPhone = "13812345678",
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            references.Add((await response.Content.ReadFromJsonAsync<CaseSubmitted>(Json, Cancel))!.Reference);
        }
        using var dispatcher = await app.ClientForAsync("street.420103001");
        var listed = await dispatcher.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/cases?q={word}&take=200", Cancel);

        var response2 = await dispatcher.GetAsync($"/api/v1/cases/export?format=xlsx&q={word}", Cancel);

        Assert.Equal(HttpStatusCode.OK, response2.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response2.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response2.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var rows = await ReadAsync(response2);
        Assert.Equal(listed.GetProperty("items").GetArrayLength(), rows.Count);
        Assert.Equal(references.Order(), rows.Select(r => (string)r["编号"]!).Order());
        Assert.All(rows, r =>
        {
            Assert.Equal("张**", r["反映人"]);
            Assert.Equal("138****5678", r["联系电话"]);
            Assert.Equal("万年社区", r["社区"]);
        });
        var bytes = await response2.Content.ReadAsByteArrayAsync(Cancel);
        Assert.DoesNotContain("13812345678", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_OfAnotherStreet_HoldsNoneOfItsCases_AndAScopeOutsideIsRefused()
    {
        var word = "隔街" + Guid.NewGuid().ToString("N")[..8];
        using var resident = await app.ClientForAsync("resident1");
        await SubmitAsync(app, resident, title: $"{word} 油污");
        using var otherStreet = await app.ClientForAsync("street.420103002");

        var rows = await ReadAsync(await otherStreet.GetAsync($"/api/v1/cases/export?q={word}", Cancel));
        var outside = await otherStreet.GetAsync("/api/v1/cases/export?scope=420103001", Cancel);
        var badFormat = await otherStreet.GetAsync("/api/v1/cases/export?format=pdf", Cancel);

        Assert.Empty(rows);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
    }

    [Fact]
    public async Task ListAndExport_WithADateRange_HoldOnlyTheCasesFiledInIt_AndAnInvertedRangeIsA400()
    {
        var word = "日期" + Guid.NewGuid().ToString("N")[..8];
        using var resident = await app.ClientForAsync("resident1");
        var submitted = await SubmitAsync(app, resident, title: $"{word} 油污");
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var dispatcher = await app.ClientForAsync("street.420103001");

        var within = await dispatcher.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/cases?q={word}&from={today}&to={today}", Cancel);
        var later = await dispatcher.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/cases?q={word}&from={tomorrow}", Cancel);
        var exported = await ReadAsync(await dispatcher.GetAsync($"/api/v1/cases/export?q={word}&from={tomorrow}", Cancel));
        var inverted = await dispatcher.GetAsync($"/api/v1/cases?from={tomorrow}&to={today}", Cancel);

        Assert.Equal(submitted.Reference, within.GetProperty("items")[0].GetProperty("reference").GetString());
        Assert.Equal(0, later.GetProperty("items").GetArrayLength());
        Assert.Empty(exported);
        Assert.Equal(HttpStatusCode.BadRequest, inverted.StatusCode);
        Assert.True((await inverted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Cancel)).GetProperty("errors").TryGetProperty("to", out _));
    }

    [Fact]
    public async Task QueuePage_LinksTheExportOfWhatItLists()
    {
        using var browser = await Web.WebSignIn.WithFormAsync(app, "street.420103001");
        var page = await browser.GetStringAsync("/cases?view=register&q=" + Uri.EscapeDataString("油污"), Cancel);

        Assert.Contains("href=\"api/v1/cases/export?format=xlsx&amp;sort=deadline&amp;state=Submitted&amp;q=%E6%B2%B9%E6%B1%A1\"", page,
            StringComparison.Ordinal);
    }

    // The data rows of the first sheet, by header; the headers-only row of an empty export counts as none.
    private static async Task<List<IDictionary<string, object?>>> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Cancel));
        return [.. stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Where(r => r.Values.Any(v => v is not null))];
    }
}
