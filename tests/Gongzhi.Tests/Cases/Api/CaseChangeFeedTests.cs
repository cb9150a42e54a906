using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Queries;
using Microsoft.EntityFrameworkCore;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases.Api;

/// <summary>The change feed a live page reloads from after its hub connection dropped.</summary>
public sealed class CaseChangeFeedTests(GongzhiApp app)
{
    [Fact]
    public async Task Changes_SinceBeforeAReport_ListTheCaseToItsStreet_NotToAnotherStreet_NorAfterIt()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        using var resident = await app.ClientForAsync("resident1");
        var submitted = await SubmitAsync(app, resident, title: "变更源测试");

        using var street = await app.ClientForAsync("street.420103001");
        var changes = await AllSinceAsync(street, before, "420103001");
        var change = Assert.Single(changes, c => c.Id == submitted.Id);
        Assert.Equal(submitted.Reference, change.Reference);
        Assert.True(change.UpdatedAt >= before);
        Assert.Equal(changes.OrderBy(c => c.UpdatedAt).Select(c => c.Id), changes.Select(c => c.Id));

        // The reporter sees their own report; another street does not see it at all.
        Assert.Contains(await AllSinceAsync(resident, before, null), c => c.Id == submitted.Id);
        using var otherStreet = await app.ClientForAsync("street.420103002");
        Assert.DoesNotContain(await AllSinceAsync(otherStreet, before, null), c => c.Id == submitted.Id);

        // Asked from after the change, it is not there.
        Assert.DoesNotContain(await AllSinceAsync(street, change.UpdatedAt.AddMilliseconds(1), "420103001"), c => c.Id == submitted.Id);
    }

    [Fact]
    public async Task Changes_PageByPage_GiveEveryCaseOnce_ByVersion()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        using var resident = await app.ClientForAsync("resident1");
        var made = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            made.Add((await SubmitAsync(app, resident, title: $"变更源分页 {i}")).Id);
        }
        using var street = await app.ClientForAsync("street.420103001");
        var seen = await AllSinceAsync(street, before, "420103001", take: 2);
        Assert.All(made, id => Assert.Single(seen, c => c.Id == id));
    }

    [Fact]
    public async Task Changes_ManyAtOneInstant_PageThroughWithoutRepeatingOrStalling()
    {
        // Changes committed in one save share their instant; a page key of the instant alone would stall on them. The
        // instant is in the future so that no other test's change falls after it.
        var instant = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var resident = await app.ClientForAsync("resident1");
        var made = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            made.Add((await SubmitAsync(app, resident, title: $"同一时刻的变更 {i}")).Id);
        }
        await app.WithDbAsync(db => db.Set<Case>().IgnoreQueryFilters().Where(c => made.Contains(c.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.UpdatedAt, instant), Cancel));

        using var street = await app.ClientForAsync("street.420103001");
        var seen = await AllSinceAsync(street, instant, "420103001", take: 2);
        Assert.Equal(made.Order(), seen.Where(c => made.Contains(c.Id)).Select(c => c.Id).Order());
        Assert.All(seen, c => Assert.Equal(instant, c.UpdatedAt));
    }

    [Fact]
    public async Task Changes_WithoutAnInstant_OrOutsideTheCallersScope_AreRefused()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var bad = await street.GetAsync("/api/v1/cases/changes?since=yesterday", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("since", await bad.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var foreign = await street.GetAsync("/api/v1/cases/changes?since=2026-01-01T00:00:00Z&scope=420103002", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    /// <summary>Every page from <paramref name="since"/>, each change once (by id and version), as a client reads the feed.</summary>
    private static async Task<List<CaseChange>> AllSinceAsync(HttpClient client, DateTimeOffset since, string? scope, int take = 200)
    {
        var seen = new Dictionary<(Guid, long), CaseChange>();
        string? after = null;
        // Other tests report into the same street meanwhile: the bound only stops a feed that never ends.
        for (var page = 0; page < 20_000; page++)
        {
            var url = $"/api/v1/cases/changes?since={Uri.EscapeDataString(since.ToString("O", CultureInfo.InvariantCulture))}&take={take}"
                + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}") + (scope is null ? "" : $"&scope={scope}");
            var changes = (await client.GetFromJsonAsync<CaseChanges>(url, Json, Cancel))!;
            foreach (var c in changes.Items)
            {
                Assert.True(seen.TryAdd((c.Id, c.Version), c), $"{c.Reference} version {c.Version} came twice");
            }
            if (!changes.More)
            {
                return seen.Values.ToList();
            }
            (since, after) = (changes.NextSince, changes.NextAfter);
        }
        throw new Xunit.Sdk.XunitException("The change feed did not end.");
    }
}
