using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Modules.Registry.Visits;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Registry.RegistryTestData;

namespace Gongzhi.Tests.Registry;

/// <summary>The persons API as issue 18 fixes it: masked by default, full values only on a reveal with a purpose, audited.</summary>
public sealed class PersonsApiTests(GongzhiApp app) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => DemoAsync(app);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<(PersonResponse Person, string IdNumber, string Phone)> CreateAsync(HttpClient client, string code, params string[] careTags)
    {
        var id = IdNumber(new DateOnly(1941, 5, 6), male: false);
        var phone = Phone();
        var person = await ReadAsync<PersonResponse>(await client.PostAsJsonAsync($"{Api}/persons",
            new { name = "周秀兰", idNumber = id, phone, jurisdictionCode = code, careTags }, Json, Cancel), HttpStatusCode.Created);
        return (person, id, phone);
    }

    [Fact]
    public async Task Create_AsGridWorker_Returns201_MaskedWithSexAndBirthDateFromTheNumber()
    {
        using var grid = await app.ClientForAsync("grid.420103001002001");
        var (person, id, phone) = await CreateAsync(grid, WanNianGrid, "livingAlone", "Elderly");

        Assert.Equal($"{id[..6]}********{id[^4..]}", person.IdNumber);
        Assert.Equal($"{phone[..3]}****{phone[^4..]}", person.Phone);
        Assert.Equal(Gongzhi.Platform.PersonalData.Sex.Female, person.Sex);
        Assert.Equal(new DateOnly(1941, 5, 6), person.BirthDate);
        Assert.Equal([CareTag.LivingAlone, CareTag.Elderly], person.CareTags!.Order());
        // 独居老人 are visited weekly: the first visit is due a week after registration.
        Assert.InRange(person.NextCareVisitDue!.Value, DateTimeOffset.UtcNow.AddDays(6.9), DateTimeOffset.UtcNow.AddDays(7.1));

        var read = await ReadAsync<JsonElement>(await grid.GetAsync($"{Api}/persons/{person.Id}", Cancel), HttpStatusCode.OK);
        Assert.Equal(person.IdNumber, read.GetProperty("idNumber").GetString());
        Assert.Equal(person.Phone, read.GetProperty("phone").GetString());
        Assert.DoesNotContain(id, read.GetRawText());
        Assert.DoesNotContain(phone, read.GetRawText());
    }

    [Fact]
    public async Task Create_WithBadCheckDigit_Returns400NamingIdNumber()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var response = await community.PostAsJsonAsync($"{Api}/persons", new
        {
            name = "错号码", idNumber = WithBadCheck(IdNumber(new DateOnly(1990, 1, 1), true)), phone = Phone(), jurisdictionCode = WanNian,
        }, Json, Cancel);
        var errors = await ErrorsAsync(response);
        Assert.True(errors.TryGetProperty("idNumber", out _), errors.GetRawText());
    }

    [Fact]
    public async Task Create_OutsideTheCallersArea_Returns403_AndByAResidentIsForbidden()
    {
        using var grid = await app.ClientForAsync("grid.420103001002001");
        var body = new { name = "越界", idNumber = IdNumber(new DateOnly(1990, 1, 1), true), phone = Phone(), jurisdictionCode = JiaoTongLu };
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.PostAsJsonAsync($"{Api}/persons", body, Json, Cancel)).StatusCode);
        using var resident = await app.ClientForAsync("resident1");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsJsonAsync($"{Api}/persons", body with { jurisdictionCode = WanNian }, Json, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Purposes_AreTheFixedListWithCodes()
    {
        using var grid = await app.ClientForAsync("grid.420103001002001");
        var purposes = await ReadAsync<List<JsonElement>>(await grid.GetAsync($"{Api}/purposes", Cancel), HttpStatusCode.OK);
        Assert.Equal(Gongzhi.Platform.PersonalData.RevealPurposes.All.Select(p => p.Code), purposes.Select(p => p.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Reveal_WithPurpose_ReturnsFullValues_AndIsInTheAuditLog()
    {
        using var grid = await app.ClientForAsync("grid.420103001002001");
        var (person, id, phone) = await CreateAsync(grid, WanNianGrid);

        var revealed = await ReadAsync<RevealedPerson>(await grid.PostAsJsonAsync($"{Api}/persons/{person.Id}/reveal",
            new { purpose = "care-visit" }, Json, Cancel), HttpStatusCode.OK);
        Assert.Equal(id, revealed.IdNumber);
        Assert.Equal(phone, revealed.Phone);

        using var community = await app.ClientForAsync("community.420103001002");
        var audit = await ReadAsync<JsonElement>(await community.GetAsync("/api/v1/audit?action=revealed&take=200", Cancel), HttpStatusCode.OK);
        var line = audit.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("subjectKey").GetString() == person.Id.ToString());
        Assert.Equal("grid.420103001002001", line.GetProperty("actor").GetString());
        Assert.Contains("care-visit", line.GetProperty("detail").GetString());
        Assert.DoesNotContain(id, audit.GetRawText());
    }

    [Fact]
    public async Task Reveal_WithoutOrWithUnknownPurpose_Returns400NamingPurpose_AndLogsNothing()
    {
        using var grid = await app.ClientForAsync("grid.420103001002001");
        var (person, _, _) = await CreateAsync(grid, WanNianGrid);

        var none = await ErrorsAsync(await grid.PostAsJsonAsync($"{Api}/persons/{person.Id}/reveal", new { }, Json, Cancel));
        Assert.True(none.TryGetProperty("purpose", out _));
        var unknown = await ErrorsAsync(await grid.PostAsJsonAsync($"{Api}/persons/{person.Id}/reveal", new { purpose = "curiosity" }, Json, Cancel));
        Assert.True(unknown.TryGetProperty("purpose", out _));
        var logged = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "revealed" && e.SubjectKey == person.Id.ToString(), Cancel));
        Assert.Equal(0, logged);
    }

    [Fact]
    public async Task Reveal_ByStaffOfAnotherCommunity_Returns404_ByResidentOrDepartment_Returns403()
    {
        var other = await app.WithDbAsync(db => db.Set<Person>().Where(p => p.JurisdictionCode.StartsWith(JiaoTongLu)).Select(p => p.Id).FirstAsync(Cancel));
        using var community = await app.ClientForAsync("community.420103001002");
        Assert.Equal(HttpStatusCode.NotFound,
            (await community.PostAsJsonAsync($"{Api}/persons/{other}/reveal", new { purpose = "care-visit" }, Json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await community.GetAsync($"{Api}/persons/{other}", Cancel)).StatusCode);

        var mine = await app.WithDbAsync(db => db.Set<Person>().Where(p => p.JurisdictionCode.StartsWith(WanNian)).Select(p => p.Id).FirstAsync(Cancel));
        foreach (var user in new[] { "resident1", "dept.420103.cgj" })
        {
            using var client = await app.ClientForAsync(user);
            var response = await client.PostAsJsonAsync($"{Api}/persons/{mine}/reveal", new { purpose = "care-visit" }, Json, Cancel);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{user}: {(int)response.StatusCode}");
            // A department may open persons under a street's grant: without one the person is out of its sight (404), a resident is refused.
            Assert.Equal(user == "resident1" ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound,
                (await client.GetAsync($"{Api}/persons/{mine}", Cancel)).StatusCode);
        }
    }

    [Fact]
    public async Task CareTags_AreShownToThoseWhoVisit_NotToTheAdministrator()
    {
        using var grid = await app.ClientForAsync("grid.420103001002001");
        var (person, _, _) = await CreateAsync(grid, WanNianGrid, "disabled");
        using var admin = await app.ClientForAsync("admin");
        var seen = await ReadAsync<JsonElement>(await admin.GetAsync($"{Api}/persons/{person.Id}", Cancel), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("careTags").ValueKind);
        Assert.Equal([CareTag.Disabled], person.CareTags);
    }

    [Fact]
    public async Task FindByIdNumber_UsesTheExactNumber_InAnyWrittenForm()
    {
        using var grid = await app.ClientForAsync("grid.420103001002001");
        var (person, id, _) = await CreateAsync(grid, WanNianGrid);
        var written = $"{id[..6]} {id[6..14]}-{id[14..]}".ToLowerInvariant();

        var found = await ReadAsync<List<PersonListItem>>(await grid.GetAsync($"{Api}/persons?idNumber={Uri.EscapeDataString(written)}", Cancel),
            HttpStatusCode.OK);
        Assert.Equal(person.Id, Assert.Single(found).Id);
        Assert.Equal(person.IdNumber, found[0].IdNumber);
        var hash = await app.WithDbAsync(db => db.Set<Person>().Where(p => p.Id == person.Id).Select(p => p.IdNumberHash).SingleAsync(Cancel));
        Assert.Matches("^[0-9a-f]{64}$", hash);

        var nobody = await ReadAsync<List<PersonListItem>>(await grid.GetAsync($"{Api}/persons?idNumber={IdNumber(new DateOnly(2001, 1, 1), true)}", Cancel),
            HttpStatusCode.OK);
        Assert.Empty(nobody);
        Assert.True((await ErrorsAsync(await grid.GetAsync($"{Api}/persons?idNumber={WithBadCheck(id)}", Cancel))).TryGetProperty("idNumber", out _));
    }

    [Fact]
    public async Task Visit_WithAChange_WritesMaskedHistory_AndOpensOneCase()
    {
        using var grid = await app.ClientForAsync("grid.420103001002001");
        var (person, _, phone) = await CreateAsync(grid, WanNianGrid, "livingAlone");
        var address = await app.WithDbAsync(db => db.Set<Gongzhi.Modules.Registry.Addresses.StandardAddress>()
            .Where(a => a.JurisdictionCode == WanNianGrid && a.Room != null).Select(a => a.Id).FirstAsync(Cancel));
        await ReadAsync<PersonResponse>(await grid.PutAsJsonAsync($"{Api}/persons/{person.Id}", new { version = person.Version, addressId = address },
            Json, Cancel), HttpStatusCode.OK);
        var newPhone = Phone();

        var visit = await ReadAsync<VisitResponse>(await grid.PostAsJsonAsync($"{Api}/visits", new
        {
            personId = person.Id, notes = "老人独居，屋顶漏水，电话已换。", update = new { phone = newPhone },
        }, Json, Cancel), HttpStatusCode.Created);
        Assert.Equal(["phone"], visit.Changes);

        var history = await ReadAsync<List<PersonChangeResponse>>(await grid.GetAsync($"{Api}/persons/{person.Id}/history", Cancel), HttpStatusCode.OK);
        var change = history.Single(c => c.Field == "phone");
        Assert.Equal($"{phone[..3]}****{phone[^4..]}", change.Before);
        Assert.Equal($"{newPhone[..3]}****{newPhone[^4..]}", change.After);
        Assert.Equal(visit.Id, change.VisitId);
        Assert.Equal("grid.420103001002001", change.By);

        var read = await ReadAsync<PersonResponse>(await grid.GetAsync($"{Api}/persons/{person.Id}", Cancel), HttpStatusCode.OK);
        Assert.InRange(read.NextCareVisitDue!.Value, visit.At.AddDays(6.99), visit.At.AddDays(7.01));

        var opened = await ReadAsync<VisitResponse>(await grid.PostAsJsonAsync($"{Api}/visits/{visit.Id}/case", new
        {
            categoryCode = "0704", title = "独居老人家中屋顶漏水", description = "走访发现卧室屋顶漏水，需物业维修。",
        }, Json, Cancel), HttpStatusCode.Created);
        Assert.NotNull(opened.CaseId);
        var again = await ReadAsync<VisitResponse>(await grid.PostAsJsonAsync($"{Api}/visits/{visit.Id}/case", new
        {
            categoryCode = "0704", title = "重复", description = "重复提交",
        }, Json, Cancel), HttpStatusCode.Created);
        Assert.Equal(opened.CaseId, again.CaseId);
        var @case = await ReadAsync<JsonElement>(await grid.GetAsync($"/api/v1/cases/{opened.CaseId}", Cancel), HttpStatusCode.OK);
        Assert.Equal(opened.CaseReference, @case.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task CareVisitWorklist_ListsOverduePeopleOfTheArea_Only()
    {
        using var grid = await app.ClientForAsync("grid.420103001002001");
        var due = await ReadAsync<List<PersonListItem>>(await grid.GetAsync($"{Api}/care-visits", Cancel), HttpStatusCode.OK);
        Assert.Contains(due, p => p.Name == "王秀英");
        Assert.All(due, p => Assert.True(p.Overdue && p.JurisdictionCode.StartsWith(WanNianGrid, StringComparison.Ordinal)));
        Assert.All(due, p => Assert.Contains("********", p.IdNumber));
    }
}
