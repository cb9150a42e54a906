using System.Net.Http.Json;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Generation;
using Gongzhi.Modules.Cases.Queries;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases.Api;

/// <summary>
/// A word search newest first, and past the open cases of a queue by deadline. On PostgreSQL it walks the area's
/// newest cases in windows before it asks the pair index; windows of three and four cases, and an extra one, make the
/// pages cross the windows and the rest. Whatever the engine, the pages must hold exactly the cases a plain scan finds, in order.
/// </summary>
public sealed class CaseSearchNewestFirstTests(GongzhiApp shared)
{
    private const string District = "420103";

    [Fact]
    public async Task WordSearch_PagedNewestFirstAndPastTheOpenCases_FindsWhatAScanFinds_InOrder_InsideTheCallersArea()
    {
        await using var app = new GongzhiApp();
        app.Settings["Cases:Search:Windows:0"] = "3";
        app.Settings["Cases:Search:Windows:1"] = "4";
        app.Settings["Cases:Search:CityWindows:0"] = "3";
        app.Settings["Cases:Search:CityWindows:1"] = "4";
        // The extra window after those whenever they found the word, and the rest from the pair index.
        app.Settings["Cases:Search:MatchCost"] = "1000000";
        await app.InitializeAsync();
        await app.Services.GetRequiredService<Modules.Jurisdictions.BoundaryPreparation>().Ready.WaitAsync(Cancel);
        var now = DateTimeOffset.UtcNow;
        await app.Services.GetRequiredService<CaseGeneration>()
            .GenerateAsync(new GenerationRequest(1_200, 31, JurisdictionCode.City, now.AddDays(-40), now), [], null, Cancel);
        var cases = await app.WithDbAsync(db => db.Set<Case>().IgnoreQueryFilters().AsNoTracking()
            .Select(c => new { c.Id, c.Reference, c.Title, c.Description, c.JurisdictionCode, c.CreatedAt, c.Deadline }).ToListAsync(Cancel));

        // The district's commonest character pair, and one that a few of its cases hold.
        var inDistrict = cases.Where(c => c.JurisdictionCode.StartsWith(District, StringComparison.Ordinal)).ToList();
        var pairs = inDistrict.SelectMany(c => Pairs(c.Title + c.Description).Distinct()).CountBy(p => p).OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var common = pairs[0].Key;
        var rare = pairs.First(p => p.Value is >= 2 and <= 5).Key;
        Assert.True(pairs[0].Value >= 10, $"{common}: {pairs[0].Value} cases");

        using var admin = await app.ClientForAsync("admin");
        using var command = await app.ClientForAsync("command." + District);
        foreach (var (client, scope, area) in new[] { (admin, "", "4201"), (admin, $"scope={District}&", District), (command, "", District) })
        {
            foreach (var word in new[] { common, rare })
            {
                var holding = cases.Where(c => c.JurisdictionCode.StartsWith(area, StringComparison.Ordinal)
                    && (c.Title.Contains(word, StringComparison.Ordinal) || c.Description.Contains(word, StringComparison.Ordinal))).ToList();
                var newest = holding.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Reference, StringComparer.Ordinal).ToList();
                var byDeadline = newest.Where(c => c.Deadline is not null).OrderBy(c => c.Deadline).ThenBy(c => c.Reference, StringComparer.Ordinal)
                    .Concat(newest.Where(c => c.Deadline is null)).ToList();
                Assert.Contains(byDeadline, c => c.Deadline is null);
                Assert.Equal(newest.Select(c => c.Reference), await PagesAsync(client, $"{scope}q={Uri.EscapeDataString(word)}&sort=created"));
                Assert.Equal(byDeadline.Select(c => c.Reference), await PagesAsync(client, $"{scope}q={Uri.EscapeDataString(word)}&sort=deadline"));
            }
        }
    }

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("99999999999999999999|420103-20261127-000001")]
    [InlineData("-5|420103-20261127-000001")]
    [InlineData("638000000000000000|420103-20261127-000001|open")]
    [InlineData("|420103-20261127-000001")]
    public async Task Cursor_NotFromAPage_Is400(string text)
    {
        using var admin = await shared.ClientForAsync("admin");
        var token = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        foreach (var sort in new[] { "deadline", "created" })
        {
            var response = await admin.GetAsync($"/api/v1/cases/?sort={sort}&cursor={token}", Cancel);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    private static IEnumerable<string> Pairs(string text) =>
        Enumerable.Range(0, Math.Max(0, text.Length - 1)).Select(i => text.Substring(i, 2)).Where(p => p.All(char.IsLetter));

    private static async Task<List<string>> PagesAsync(HttpClient client, string query)
    {
        var references = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<CasePage>($"/api/v1/cases/?{query}&take=4" + (cursor is null ? "" : $"&cursor={cursor}"), Json, Cancel);
            references.AddRange(page!.Items.Select(c => c.Reference));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return references;
    }
}
