using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Registry.Addresses;
using Gongzhi.Modules.Registry.Devices;
using Gongzhi.Modules.Registry.Housing;
using Gongzhi.Modules.Registry.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Authorization;

/// <summary>The records of the service centre, participation and the registry, own in 万年社区 and foreign in 交通路社区.</summary>
internal sealed partial class MatrixRecords
{
    private const string OwnCommunity = "420103001002";
    private const string ForeignCommunity = "420103002001";

    private async Task MakeModulesAsync(HttpClient foreignStreet, HttpClient foreignResident, string suffix)
    {
        // 交通路社区 has no demo community account: one of its own keeps the foreign registry records.
        var (_, foreignCommunity) = await AccountAsync($"mx.community2.{suffix}", ForeignCommunity, [Gongzhi.Platform.Scoping.Roles.CommunityStaff], null);
        await MakeServicesAsync(foreignStreet, foreignResident);
        await MakeParticipationAsync(foreignStreet, foreignResident, suffix);
        await MakeRegistryAsync(foreignCommunity);
        await MakeGrantsAsync(foreignStreet);
        await MakeTrainingAsync(foreignStreet, suffix);
    }

    /// <summary>
    /// At each street's centre: an application taken in by the street's own staff, and a ticket of the demo's group A and a
    /// booking of a slot three hours ahead (too early to check in), both the resident's of that street.
    /// </summary>
    private async Task MakeServicesAsync(HttpClient foreignStreet, HttpClient foreignResident)
    {
        own["serviceitem"] = foreign["serviceitem"] = "MZ-LS-01";
        foreach (var (records, client, street, resident) in new[]
        {
            (own, Clients[MatrixRole.StreetDispatcher], "420103001", Clients[MatrixRole.Resident]), (foreign, foreignStreet, ForeignStreet, foreignResident),
        })
        {
            records["ticket"] = await CreatedIdAsync(resident, $"/api/v1/services/centres/{street}/tickets", new { group = "A" });
            var slot = await CreatedIdAsync(client, $"/api/v1/services/centres/{street}/slots",
                new { group = "A", startsAt = DateTimeOffset.UtcNow.AddHours(3), minutes = 30, capacity = 5 });
            records["appointment"] = await CreatedIdAsync(resident, "/api/v1/services/appointments", new { slotId = slot });
            records["centre"] = street;
            records["application"] = await CreatedIdAsync(client, "/api/v1/services/applications", new
            {
                itemCode = "MZ-LS-01", jurisdictionCode = street, applicant = new { name = "矩阵申请人", idNumber = "420103198003151234", phone = "13800001234" },
            });
        }
    }

    /// <summary>
    /// The resident of each community declares and is verified; each community gets a ballot, a proposal with a comment,
    /// a notice, an open survey and a publicity the resident objected to.
    /// </summary>
    private async Task MakeParticipationAsync(HttpClient foreignStreet, HttpClient foreignResident, string suffix)
    {
        const string api = "/api/v1/participation";
        var street = Clients[MatrixRole.StreetDispatcher];
        foreach (var (records, resident, staff, community) in new[]
        {
            (own, Clients[MatrixRole.Resident], street, OwnCommunity),
            (foreign, foreignResident, foreignStreet, ForeignCommunity),
        })
        {
            var profile = await ExpectAsync(await resident.PostAsJsonAsync($"{api}/residents/me", new { communityCode = community, address = "矩阵路1号" }, Json, Cancel),
                HttpStatusCode.OK);
            records["profile"] = profile.GetProperty("id").GetString()!;
            await ExpectAsync(await staff.PostAsJsonAsync($"{api}/residents/{records["profile"]}/verify", new { }, Json, Cancel), HttpStatusCode.OK);
            var ballot = await ExpectAsync(await staff.PostAsJsonAsync($"{api}/ballots", new
            {
                title = "矩阵表决" + suffix, jurisdictionCode = community, options = new[] { "同意", "反对" },
                opensAt = DateTimeOffset.UtcNow.AddMinutes(-1), closesAt = DateTimeOffset.UtcNow.AddDays(7), secret = true, hideResultsUntilClose = false,
            }, Json, Cancel), HttpStatusCode.Created);
            records["ballot"] = ballot.GetProperty("id").GetString()!;
            records["option"] = ballot.GetProperty("options")[0].GetProperty("id").GetString()!;
            records["proposal"] = await CreatedIdAsync(resident, $"{api}/proposals", new { title = "矩阵提议" + suffix, body = "增设休息座椅", jurisdictionCode = community });
            records["comment"] = await CreatedIdAsync(resident, $"{api}/proposals/{records["proposal"]}/comments", new { body = "矩阵评论" });
            var survey = await ExpectAsync(await staff.PostAsJsonAsync($"{api}/surveys", new
            {
                title = "矩阵调研" + suffix, jurisdictionCode = community, questions = new[] { new { kind = "Text", text = "建议" } },
            }, Json, Cancel), HttpStatusCode.Created);
            records["survey"] = survey.GetProperty("id").GetString()!;
            await ExpectAsync(await staff.PostAsJsonAsync($"{api}/surveys/{records["survey"]}/open", new { }, Json, Cancel), HttpStatusCode.OK);
            records["notice"] = await CreatedIdAsync(staff, $"{api}/notices", new
            {
                title = "矩阵公告" + suffix, body = "停水通知", jurisdictionCode = community, requiresAcknowledgement = true,
            });
            records["publicity"] = await CreatedIdAsync(staff, $"{api}/publicity", new
            {
                kind = "Finance", title = "矩阵公示" + suffix, body = "季度收支", jurisdictionCode = community,
            });
            records["objection"] = await CreatedIdAsync(resident, $"{api}/publicity/{records["publicity"]}/objections", new { text = "矩阵异议" });
        }
    }

    /// <summary>
    /// The demo's basic data has addresses, houses and persons in both communities; the visit and the device of 交通路社区 are
    /// made by its own community worker.
    /// </summary>
    private async Task MakeRegistryAsync(HttpClient foreignCommunity)
    {
        await App.Services.GetRequiredService<Gongzhi.Modules.Registry.RegistryDemo>().Ready.WaitAsync(TimeSpan.FromMinutes(2), Cancel);
        // Own records lie in the grid worker's grid, so that every role's answer is the same whatever order the demo's ids fall in.
        foreach (var (records, community, keeper) in new[] { (own, WanNianGrid, Clients[MatrixRole.CommunityWorker]), (foreign, ForeignCommunity, foreignCommunity) })
        {
            var (address, house) = await App.WithDbAsync(async db => (
                await db.Set<StandardAddress>().Where(a => a.JurisdictionCode.StartsWith(community) && a.Room != null).OrderBy(a => a.Code).Select(a => a.Id).FirstAsync(Cancel),
                await db.Set<House>().Where(h => h.JurisdictionCode.StartsWith(community)).OrderBy(h => h.Id).Select(h => h.Id).FirstAsync(Cancel)));
            // A person of the matrix's own: a demo or another test's person may be moved away, archived and erased meanwhile
            // (the retention test's scan reaches every person), and the two matrices would visit the same person at once.
            var person = await PersonAsync(keeper, community);
            records["address"] = address.ToString();
            records["house"] = house.ToString();
            records["person"] = person.ToString();
            records["visit"] = await VisitAsync(keeper, person);
            var device = await ExpectAsync(await keeper.PostAsJsonAsync("/api/v1/registry/devices", new { addressId = address, name = "矩阵烟感", kind = "smokeDetector" },
                Json, Cancel), HttpStatusCode.Created);
            records["device"] = device.GetProperty("device").GetProperty("id").GetString()!;
            records["personimport"] = await PersonImportAsync(keeper, community);
        }
    }

    private static async Task<string> VisitAsync(HttpClient keeper, Guid person) =>
        (await ExpectAsync(await keeper.PostAsJsonAsync("/api/v1/registry/visits", new { personId = person, notes = "矩阵走访" }, Json, Cancel),
            HttpStatusCode.Created)).GetProperty("id").GetString()!;

    /// <summary>A person registered by the area's community worker, with a valid ID number of its own.</summary>
    private static async Task<Guid> PersonAsync(HttpClient keeper, string area)
    {
        var body = $"420103{new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 18000)):yyyyMMdd}{Random.Shared.Next(100, 999)}";
        var created = await ExpectAsync(await keeper.PostAsJsonAsync("/api/v1/registry/persons", new
        {
            name = "矩阵居民", idNumber = body + Gongzhi.Platform.PersonalData.IdNumbers.CheckCharacter(body), phone = "13800138000", jurisdictionCode = area,
        }, Json, Cancel), HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    /// <summary>An import of one good and one refused person by the area's community worker.</summary>
    private static async Task<string> PersonImportAsync(HttpClient keeper, string community)
    {
        var body = $"420103{new DateOnly(1960, 1, 1).AddDays(Random.Shared.Next(0, 9000)):yyyyMMdd}{Random.Shared.Next(100, 999)}";
        var csv = $"name,id_number,jurisdiction_code\n矩阵导入,{body}{Gongzhi.Platform.PersonalData.IdNumbers.CheckCharacter(body)},{community}\n坏行,1,{community}\n";
        using var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        using var form = new MultipartFormDataContent { { file, "file", "matrix-persons.csv" } };
        return (await ExpectAsync(await keeper.PostAsync("/api/v1/registry/imports", form, Cancel), HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
    }

    /// <summary>
    /// A grant of each street to the matrix's department, for a community where the matrix's persons do not live, so that the
    /// department's answers on persons stay those of a department without a grant.
    /// </summary>
    private async Task MakeGrantsAsync(HttpClient foreignStreet)
    {
        var department = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == UserNames[MatrixRole.DepartmentStaff])
            .Select(u => u.OrganisationId).SingleAsync(Cancel));
        var until = DateTimeOffset.UtcNow.AddDays(7);
        own["grant"] = await CreatedIdAsync(Clients[MatrixRole.StreetDispatcher], "/api/v1/registry/grants",
            new { organisationId = department, purpose = "verification", until, area = "420103001001" });
        foreign["grant"] = await CreatedIdAsync(foreignStreet, "/api/v1/registry/grants",
            new { organisationId = department, purpose = "verification", until, area = "420103002002" });
    }
}
