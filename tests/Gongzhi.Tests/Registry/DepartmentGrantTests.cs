using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Registry.Grants;
using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Registry.RegistryTestData;

namespace Gongzhi.Tests.Registry;

/// <summary>Departments see aggregates only, unless the street grants them purpose-bound, time-limited access to its persons.</summary>
public sealed class DepartmentGrantTests(GongzhiApp app) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => DemoAsync(app);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>万年社区's second grid: the access matrix's persons live in the first, so a grant here does not change its answers.</summary>
    private const string SecondGrid = "420103001002002";

    private Task<Guid> DepartmentAsync() =>
        app.WithDbAsync(async db => (await db.Users.Where(u => u.UserName == "dept.420103.cgj").Select(u => u.OrganisationId).SingleAsync(Cancel))!.Value);

    private async Task<(PersonResponse Person, string IdNumber)> PersonAsync()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var id = IdNumber(new DateOnly(1958, 5, 8), true);
        var person = await ReadAsync<PersonResponse>(await community.PostAsJsonAsync($"{Api}/persons",
            new { name = "授权查看", idNumber = id, phone = Phone(), jurisdictionCode = SecondGrid, careTags = new[] { "Disabled" } }, Json, Cancel),
            HttpStatusCode.Created);
        return (person, id);
    }

    private static Task<HttpResponseMessage> RevealAsync(HttpClient client, Guid person, string purpose) =>
        client.PostAsJsonAsync($"{Api}/persons/{person}/reveal", new { purpose }, Json, Cancel);

    [Fact]
    public async Task Department_WithoutAGrant_SeesAggregatesOnly()
    {
        var (person, _) = await PersonAsync();
        using var department = await app.ClientForAsync("dept.420103.cgj");

        Assert.Equal(HttpStatusCode.NotFound, (await department.GetAsync($"{Api}/persons/{person.Id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RevealAsync(department, person.Id, "case-handling")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await department.GetAsync($"{Api}/persons", Cancel)).StatusCode);

        var counts = await ReadAsync<List<AreaAggregate>>(await department.GetAsync($"{Api}/aggregates?area=420103001", Cancel), HttpStatusCode.OK);
        var wanNian = counts.Single(c => c.Code == WanNian);
        Assert.True(wanNian.Persons >= 1 && wanNian.WithCareCadence >= 1, JsonSerializer.Serialize(wanNian));
        Assert.All(counts, c => Assert.StartsWith("420103001", c.Code));
    }

    [Fact]
    public async Task Grant_LetsTheDepartmentRevealInItsAreaForItsPurposeOnly_AndEndsOnRevokeAndOnExpiry()
    {
        var (person, id) = await PersonAsync();
        var organisation = await DepartmentAsync();
        using var street = await app.ClientForAsync("street.420103001");
        var grant = await ReadAsync<GrantResponse>(await street.PostAsJsonAsync($"{Api}/grants",
            new { organisationId = organisation, purpose = "case-handling", until = DateTimeOffset.UtcNow.AddDays(30), area = SecondGrid }, Json, Cancel),
            HttpStatusCode.Created);
        Assert.True(grant.Active);
        using var department = await app.ClientForAsync("dept.420103.cgj");

        var seen = await ReadAsync<PersonResponse>(await department.GetAsync($"{Api}/persons/{person.Id}", Cancel), HttpStatusCode.OK);
        Assert.Equal($"{id[..6]}********{id[^4..]}", seen.IdNumber);
        Assert.Null(seen.CareTags);
        Assert.Equal(HttpStatusCode.Forbidden, (await RevealAsync(department, person.Id, "care-visit")).StatusCode);
        var revealed = await ReadAsync<RevealedPerson>(await RevealAsync(department, person.Id, "case-handling"), HttpStatusCode.OK);
        Assert.Equal(id, revealed.IdNumber);
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .CountAsync(a => a.Action == "revealed" && a.SubjectKey == person.Id.ToString() && a.Actor == "dept.420103.cgj", Cancel));
        Assert.Equal(1, audited);
        // Outside the granted grid: 交通路社区's floating resident of the demo.
        var elsewhere = await app.WithDbAsync(db => db.Set<Person>().Where(p => p.JurisdictionCode.StartsWith(JiaoTongLu)).Select(p => p.Id).FirstAsync(Cancel));
        Assert.Equal(HttpStatusCode.NotFound, (await department.GetAsync($"{Api}/persons/{elsewhere}", Cancel)).StatusCode);
        Assert.Contains(await ReadAsync<List<GrantResponse>>(await department.GetAsync($"{Api}/grants", Cancel), HttpStatusCode.OK), g => g.Id == grant.Id);

        var revoked = await ReadAsync<GrantResponse>(await street.PostAsync($"{Api}/grants/{grant.Id}/revoke", null, Cancel), HttpStatusCode.OK);
        Assert.False(revoked.Active);
        Assert.Equal(HttpStatusCode.NotFound, (await department.GetAsync($"{Api}/persons/{person.Id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{Api}/grants/{grant.Id}/revoke", null, Cancel)).StatusCode);

        await ReadAsync<GrantResponse>(await street.PostAsJsonAsync($"{Api}/grants",
            new { organisationId = organisation, purpose = "case-handling", until = DateTimeOffset.UtcNow.AddSeconds(2), area = SecondGrid }, Json, Cancel),
            HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await department.GetAsync($"{Api}/persons/{person.Id}", Cancel)).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2.5), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, (await department.GetAsync($"{Api}/persons/{person.Id}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Grant_ByACommunityWorkerIs403_AndBadInputNamesTheField_AndAnotherStreetsGrantIs404()
    {
        var organisation = await DepartmentAsync();
        using var community = await app.ClientForAsync("community.420103001002");
        Assert.Equal(HttpStatusCode.Forbidden, (await community.PostAsJsonAsync($"{Api}/grants",
            new { organisationId = organisation, purpose = "case-handling", until = DateTimeOffset.UtcNow.AddDays(1) }, Json, Cancel)).StatusCode);
        using var street = await app.ClientForAsync("street.420103001");
        var errors = await ErrorsAsync(await street.PostAsJsonAsync($"{Api}/grants",
            new { organisationId = Guid.NewGuid(), purpose = "curiosity", until = DateTimeOffset.UtcNow.AddDays(400) }, Json, Cancel));
        Assert.True(errors.TryGetProperty("purpose", out _) && errors.TryGetProperty("until", out _) && errors.TryGetProperty("organisationId", out _),
            errors.GetRawText());
        Assert.Equal(HttpStatusCode.Forbidden, (await street.PostAsJsonAsync($"{Api}/grants",
            new { organisationId = organisation, purpose = "case-handling", until = DateTimeOffset.UtcNow.AddDays(1), area = JiaoTongLu }, Json, Cancel)).StatusCode);

        using var otherStreet = await app.ClientForAsync("street.420103002");
        var theirs = await ReadAsync<GrantResponse>(await otherStreet.PostAsJsonAsync($"{Api}/grants",
            new { organisationId = organisation, purpose = "verification", until = DateTimeOffset.UtcNow.AddDays(1), area = "420103002002" }, Json, Cancel),
            HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound, (await street.PostAsync($"{Api}/grants/{theirs.Id}/revoke", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherStreet.PostAsync($"{Api}/grants/{theirs.Id}/revoke", null, Cancel)).StatusCode);
    }
}
