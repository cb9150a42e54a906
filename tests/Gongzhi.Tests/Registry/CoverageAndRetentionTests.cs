using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Registry.Coverage;
using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Modules.Registry.Retention;
using Gongzhi.Platform.Audit;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Registry.RegistryTestData;

namespace Gongzhi.Tests.Registry;

/// <summary>Grid coverage for the street, and the archive and erasure of persons who moved away.</summary>
public sealed class CoverageAndRetentionTests(GongzhiApp app) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => DemoAsync(app);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<PersonResponse> RegisterAsync(HttpClient client, string code, string name) =>
        await ReadAsync<PersonResponse>(await client.PostAsJsonAsync($"{Api}/persons",
            new { name, idNumber = IdNumber(new DateOnly(1948, 8, 8), true), phone = Phone(), jurisdictionCode = code, household = $"H{Guid.NewGuid():N}"[..20] },
            Json, Cancel), HttpStatusCode.Created);

    [Fact]
    public async Task Coverage_ListsGridsWithoutAWorker_AndWorkersOverTheLimit_ForTheStreet()
    {
        using var grid = await app.ClientForAsync("grid.420103001002001");
        await RegisterAsync(grid, WanNianGrid, "负荷一");
        await RegisterAsync(grid, WanNianGrid, "负荷二");
        using var street = await app.ClientForAsync("street.420103001");

        var report = await ReadAsync<CoverageReport>(await street.GetAsync($"{Api}/coverage?maxPersons=1", Cancel), HttpStatusCode.OK);

        Assert.Equal("420103001", report.Area);
        Assert.All(report.Grids, g => Assert.StartsWith("420103001", g.Code));
        var own = report.Grids.Single(g => g.Code == WanNianGrid);
        Assert.Contains("grid.420103001002001", own.Workers);
        Assert.True(own.Persons >= 2 && own.Households >= 2, $"{own.Persons} persons, {own.Households} households");
        Assert.DoesNotContain(report.Uncovered, g => g.Code == WanNianGrid);
        // The demo has one grid worker for the whole street: its other grids are uncovered.
        Assert.NotEmpty(report.Uncovered);
        Assert.All(report.Uncovered, g => Assert.Empty(g.Workers));
        Assert.Contains(report.Overloaded, w => w.UserName == "grid.420103001002001" && w.GridCode == WanNianGrid && w.Persons >= 2);

        var relaxed = await ReadAsync<CoverageReport>(await street.GetAsync($"{Api}/coverage?maxPersons=100000&maxHouseholds=100000", Cancel),
            HttpStatusCode.OK);
        Assert.Empty(relaxed.Overloaded);
    }

    [Fact]
    public async Task Coverage_OfAnotherStreet_Is404_ADistrict_Is400_AndAGridWorker_Is403()
    {
        using var street = await app.ClientForAsync("street.420103001");
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync($"{Api}/coverage?area=420103002", Cancel)).StatusCode);
        var errors = await ErrorsAsync(await street.GetAsync($"{Api}/coverage?area=420103", Cancel));
        Assert.True(errors.TryGetProperty("area", out _));
        using var grid = await app.ClientForAsync("grid.420103001002001");
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.GetAsync($"{Api}/coverage", Cancel)).StatusCode);
    }

    [Fact]
    public async Task MovedAway_IsArchivedAfterThePeriod_ThenErased_AndBothAreAudited()
    {
        using var grid = await app.ClientForAsync("grid.420103001002001");
        var person = await RegisterAsync(grid, WanNianGrid, "迁出者");
        var idNumber = await app.WithDbAsync(db => db.Set<Person>().Where(p => p.Id == person.Id).Select(p => p.IdNumberHash).SingleAsync(Cancel));
        var moved = await ReadAsync<PersonResponse>(await grid.PostAsJsonAsync($"{Api}/persons/{person.Id}/moved-away",
            new { version = person.Version }, Json, Cancel), HttpStatusCode.OK);
        Assert.NotNull(moved.MovedAwayAt);
        Assert.Equal(HttpStatusCode.Conflict, (await grid.PostAsJsonAsync($"{Api}/persons/{person.Id}/moved-away",
            new { version = moved.Version }, Json, Cancel)).StatusCode);
        var retention = app.Services.GetRequiredService<PersonRetention>();
        var now = DateTimeOffset.UtcNow;

        // Not yet: the archive period (180 days by default) has not passed.
        await retention.RunOnceAsync(now.AddDays(179), Cancel);
        Assert.Null((await ReadAsync<PersonResponse>(await grid.GetAsync($"{Api}/persons/{person.Id}", Cancel), HttpStatusCode.OK)).ArchivedAt);

        var archived = await retention.RunOnceAsync(now.AddDays(181), Cancel);
        Assert.True(archived.Archived >= 1);
        Assert.NotNull((await ReadAsync<PersonResponse>(await grid.GetAsync($"{Api}/persons/{person.Id}", Cancel), HttpStatusCode.OK)).ArchivedAt);
        var listed = await ReadAsync<List<Gongzhi.Modules.Registry.Visits.PersonListItem>>(
            await grid.GetAsync($"{Api}/persons?name=迁出者", Cancel), HttpStatusCode.OK);
        Assert.DoesNotContain(listed, p => p.Id == person.Id);

        var erased = await retention.RunOnceAsync(now.AddDays(181 + 731), Cancel);
        Assert.True(erased.Erased >= 1);
        var stored = await app.WithDbAsync(db => db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == person.Id, Cancel));
        Assert.NotNull(stored.ErasedAt);
        // Nothing is left to reveal: a clear refusal, not a failure to decrypt nothing.
        Assert.Equal(HttpStatusCode.Conflict,
            (await grid.PostAsJsonAsync($"{Api}/persons/{person.Id}/reveal", new { purpose = "verification" }, Json, Cancel)).StatusCode);
        Assert.Equal(("", "", "", null, null), (stored.Name, stored.IdNumberProtected, stored.IdNumberHash, stored.PhoneProtected, stored.Household));
        Assert.NotEqual(idNumber, stored.IdNumberHash);
        var history = await app.WithDbAsync(db => db.Set<PersonChange>().AsNoTracking().Where(c => c.PersonId == person.Id).ToListAsync(Cancel));
        Assert.All(history, c => Assert.Null(c.After));
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.SubjectKey == person.Id.ToString())
            .Select(a => a.Action).ToListAsync(Cancel));
        Assert.Contains(PersonRetention.Archived, audit);
        Assert.Contains(PersonRetention.Erased, audit);

        // A second scan finds nothing more to do for this person.
        await retention.RunOnceAsync(now.AddDays(181 + 731), Cancel);
        Assert.Equal(2, (await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.SubjectKey == person.Id.ToString() && (a.Action == PersonRetention.Archived || a.Action == PersonRetention.Erased))
            .CountAsync(Cancel))));
    }

    [Fact]
    public async Task MovedAway_ByAStreetOfficeOrInTheFuture_IsRefused()
    {
        using var grid = await app.ClientForAsync("grid.420103001002001");
        var person = await RegisterAsync(grid, WanNianGrid, "未来迁出");
        using var street = await app.ClientForAsync("street.420103001");
        Assert.Equal(HttpStatusCode.Forbidden, (await street.PostAsJsonAsync($"{Api}/persons/{person.Id}/moved-away", new { version = person.Version },
            Json, Cancel)).StatusCode);
        var errors = await ErrorsAsync(await grid.PostAsJsonAsync($"{Api}/persons/{person.Id}/moved-away",
            new { version = person.Version, movedAt = DateTimeOffset.UtcNow.AddDays(3) }, Json, Cancel));
        Assert.True(errors.TryGetProperty("movedAt", out _));
    }
}
