using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Modules.Conferences;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gongzhi.Tests.Conferences;

/// <summary>A member unit's liaison phone is personal data: the memberships table holds it encrypted and masked, never in plaintext.</summary>
public sealed class LiaisonPhoneProtectionTests(GongzhiApp app)
{
    private const string Api = "/api/v1/conferences";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Join_StoresTheLiaisonPhoneEncrypted_NoColumnHoldsThePlaintext_AndTheDirectoryShowsItMasked()
    {
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var (body, member) = await JoinAsync(phone);

        var row = await app.WithDbAsync(db => StoredRows.RowTextAsync(db, "conference_memberships", member.Id));
        Assert.DoesNotContain(phone, row, StringComparison.Ordinal);
        Assert.Equal(Masks.Phone(phone), member.LiaisonPhone);
        var stored = await app.WithDbAsync(db => db.Set<BodyMembership>().AsNoTracking().SingleAsync(m => m.Id == member.Id, Cancel));
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        Assert.Equal((phone, Masks.Phone(phone)), (protector.Unprotect(stored.LiaisonPhoneProtected!), stored.LiaisonPhoneMasked));

        using var admin = await app.ClientForAsync("admin");
        var listed = await admin.GetFromJsonAsync<List<MemberResponse>>($"{Api}/bodies/{body}/members", Json, Cancel);
        Assert.Equal(Masks.Phone(phone), listed!.Single(m => m.Id == member.Id).LiaisonPhone);
    }

    [Fact]
    public async Task LegacyPlaintextLiaisonPhone_IsEncryptedAtStart_AndASecondRunChangesNothing()
    {
        var (_, member) = await JoinAsync(null);
        // As a membership joined before liaison phones were encrypted: plaintext in the old column, nothing in the new ones.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"""UPDATE conference_memberships SET "LiaisonPhone" = '13900005678' WHERE "Id" = {member.Id}""", Cancel));
        Assert.Contains("13900005678", await app.WithDbAsync(db => StoredRows.RowTextAsync(db, "conference_memberships", member.Id)), StringComparison.Ordinal);

        await app.RunSeederAsync("LegacyLiaisonPhoneProtection");

        var after = await app.WithDbAsync(db => db.Set<BodyMembership>().AsNoTracking().SingleAsync(m => m.Id == member.Id, Cancel));
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        Assert.Equal(("13900005678", "139****5678"), (protector.Unprotect(after.LiaisonPhoneProtected!), after.LiaisonPhoneMasked));
        var row = await app.WithDbAsync(db => StoredRows.RowTextAsync(db, "conference_memberships", member.Id));
        Assert.DoesNotContain("13900005678", row, StringComparison.Ordinal);

        // Run again (the next start, or a second node): nothing left to do, the row stays as it is.
        await app.RunSeederAsync("LegacyLiaisonPhoneProtection");
        Assert.Equal(row, await app.WithDbAsync(db => StoredRows.RowTextAsync(db, "conference_memberships", member.Id)));
    }

    /// <summary>
    /// A body of its own at the last grid of 万年社区, with one member unit whose liaison has this phone. Not at the demo grid
    /// worker's grid (…001): a body there would become that grid worker's own, and the access matrix expects them to run none.
    /// </summary>
    private async Task<(Guid Body, MemberResponse Member)> JoinAsync(string? phone)
    {
        using var admin = await app.ClientForAsync("admin");
        var parent = await app.WithDbAsync(db => db.Set<ConferenceBody>().FirstAsync(b => b.JurisdictionCode == "420103001002", Cancel));
        var grid = await app.WithDbAsync(db => db.Set<Gongzhi.Modules.Jurisdictions.Jurisdiction>().Where(j => j.ParentCode == "420103001002")
            .OrderByDescending(j => j.Code).Select(j => j.Code).FirstAsync(Cancel));
        Assert.NotEqual("420103001002001", grid);
        var body = await ReadAsync<BodyResponse>(await admin.PostAsJsonAsync($"{Api}/bodies",
            new { name = "网格联席会议" + Guid.NewGuid().ToString("N")[..6], jurisdictionCode = grid, parentBodyId = parent.Id }, Json, Cancel),
            HttpStatusCode.Created);
        var cgj = await app.WithDbAsync(db => db.FindByCodeAsync("420103.cgj", Cancel));
        var member = await ReadAsync<MemberResponse>(await admin.PostAsJsonAsync($"{Api}/bodies/{body.Id}/members",
            new { organisationId = cgj!.Id, representative = "下沉联系科长", liaison = "科室联络员", liaisonPhone = phone }, Json, Cancel),
            HttpStatusCode.Created);
        return (body.Id, member);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return (await response.Content.ReadFromJsonAsync<T>(Json, Cancel))!;
    }
}
