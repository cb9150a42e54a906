using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Import;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases.Import;

/// <summary>Rows that give an address instead of a position are placed as the report form places them; the import page's template.</summary>
public sealed class CaseImportAddressTests(GongzhiApp app)
{
    [Fact]
    public async Task AddressOnlyRows_AreLocatedToTheNamedCommunity_AndAnAddressNamingNoneIsRefusedOnItsAddress()
    {
        var community = await UniqueCommunityAsync();
        var csv = string.Join("\r\n",
            "category_code,description,address",
            $"0103,按地址定位的油污,江汉区{community.StreetName}{community.Name}东门口",
            "0103,找不到的地址,火星基地一号门");
        using var street = await app.ClientForAsync("street.420103001");

        var job = await ImportAsync(street, csv);
        var errors = await street.GetStringAsync($"/api/v1/cases/imports/{job.Id}/errors.csv", Cancel);

        Assert.True((2, 1, 1) == (job.Processed, job.Accepted, job.Failed), errors);
        var refused = errors.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var line = Assert.Single(refused);
        Assert.StartsWith("3,\"address\",", line, StringComparison.Ordinal);
        Assert.Contains("lat", line, StringComparison.Ordinal);
        var located = await app.WithDbAsync(db => db.Set<Case>().SingleAsync(c => c.IdempotencyKey == $"import:{job.Id:N}:2", Cancel));
        var expectedGrid = await app.Services.GetRequiredService<JurisdictionIndex>().LocateAsync(community.Lat, community.Lon, Cancel);
        Assert.Equal((community.Lat, community.Lon, expectedGrid), (located.Latitude, located.Longitude, located.JurisdictionCode));
        Assert.StartsWith(community.Code, located.JurisdictionCode, StringComparison.Ordinal);
        Assert.Contains(community.Name, located.Address, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGivenPosition_WinsOverTheAddress_AndARowWithNeitherIsRefusedOnItsPosition()
    {
        var (lat, lon, grid) = await PointInAsync(app, WanNianGrid);
        var p = string.Create(CultureInfo.InvariantCulture, $"{lat},{lon}");
        var csv = string.Join("\n",
            "category_code,description,lat,long,address",
            $"0103,坐标加上无法识别的地址,{p},火星基地一号门",
            "0103,既没有坐标也没有地址,,,");
        using var street = await app.ClientForAsync("street.420103001");

        var job = await ImportAsync(street, csv);
        var errors = await street.GetStringAsync($"/api/v1/cases/imports/{job.Id}/errors.csv", Cancel);

        Assert.True((1, 1) == (job.Accepted, job.Failed), errors);
        Assert.Contains("\r\n3,\"lat/long\",", errors, StringComparison.Ordinal);
        var filed = await app.WithDbAsync(db => db.Set<Case>().SingleAsync(c => c.IdempotencyKey == $"import:{job.Id:N}:2", Cancel));
        Assert.Equal((lat, lon, grid), (filed.Latitude, filed.Longitude, filed.JurisdictionCode));
    }

    [Theory]
    [InlineData("category_code,description,lat", "long")]
    [InlineData("category_code,description,long,urgency", "lat")]
    [InlineData("category_code,description,urgency", "address")]
    public async Task AHeaderWithoutAWholePositionOrAnAddress_IsRefusedAsAWhole(string header, string named)
    {
        using var street = await app.ClientForAsync("street.420103001");

        var response = await UploadAsync(street, Encoding.UTF8.GetBytes(header + "\n0103,路口垃圾,1,normal\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("缺少必需的列", detail, StringComparison.Ordinal);
        Assert.Contains(named, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_HasExactlyTheColumnsTheParserReads_AndIsRefusedOnlyForHavingNoRows()
    {
        using var street = await app.ClientForAsync("street.420103001");

        var response = await street.GetAsync("/cases/import/template.csv", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);
        var text = CaseCsv.Decode(bytes);
        Assert.Equal(CaseCsv.Columns, CaseCsv.ReadHeader(text));
        // Messages are in the user's language; the test's own thread decides here, whatever the machine's.
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            Assert.Contains("没有数据行", Assert.Throws<CsvFileException>(() => CaseCsv.CountRows(text)).Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public async Task ImportPage_IsForImporters_AndListsTheirOwnRecentJobs()
    {
        var (lat, lon, _) = await PointInAsync(app, WanNianGrid);
        using var command = await app.ClientForAsync("command.420103");
        var mine = await ImportAsync(command, string.Create(CultureInfo.InvariantCulture, $"category_code,description,lat,long\n0103,页面列表,{lat},{lon}\n"));

        var page = await command.GetStringAsync("/cases/import", Cancel);
        var jobPage = await command.GetStringAsync($"/cases/import/{mine.Id}", Cancel);

        Assert.Contains($"href=\"cases/import/{mine.Id}\"", page, StringComparison.Ordinal);
        Assert.Matches("data-accepted[^>]*>1</dd>", jobPage);
        using var grid = await app.ClientForAsync("grid.420103001002001");
        Assert.NotEqual(HttpStatusCode.OK, (await grid.GetAsync("/cases/import", Cancel)).StatusCode);
        using var otherStreet = await app.ClientForAsync("street.420103002");
        Assert.DoesNotContain(mine.Id.ToString(), await otherStreet.GetStringAsync("/cases/import", Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync($"/cases/import/{mine.Id}", Cancel)).StatusCode);
    }

    private sealed record Community(string Code, string Name, string StreetName, double Lat, double Lon);

    /// <summary>A community under 民族街 whose name no other community or street of the city bears, so the address can mean only it.</summary>
    private async Task<Community> UniqueCommunityAsync()
    {
        var places = await app.WithDbAsync(db => db.Set<Jurisdiction>().IgnoreQueryFilters().AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Community || j.Level == JurisdictionLevel.Street)
            .Select(j => new { j.Code, j.Name, j.Level, j.CentroidLat, j.CentroidLon }).ToListAsync(Cancel));
        var street = places.Single(p => p.Code == "420103001");
        var community = places.Where(p => p.Level == JurisdictionLevel.Community && p.Code.StartsWith(street.Code, StringComparison.Ordinal)
                && p.CentroidLat is not null && places.Count(o => o.Name.Contains(p.Name, StringComparison.Ordinal) || p.Name.Contains(o.Name, StringComparison.Ordinal)) == 1)
            .OrderBy(p => p.Code).First();
        return new Community(community.Code, community.Name, street.Name, community.CentroidLat!.Value, community.CentroidLon!.Value);
    }

    private static async Task<CaseImportStatus> ImportAsync(HttpClient client, string csv)
    {
        var created = await UploadAsync(client, Encoding.UTF8.GetBytes(csv));
        Assert.True(created.StatusCode == HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync(Cancel));
        return await CaseImportTests.CompletedAsync(client, (await created.Content.ReadFromJsonAsync<CaseImportStatus>(Json, Cancel))!.Id);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content) => CaseImportTests.UploadAsync(client, content, null);
}
