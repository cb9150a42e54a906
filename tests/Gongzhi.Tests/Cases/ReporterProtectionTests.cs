using System.Net.Http.Json;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases;

/// <summary>A reporter's name and phone are personal data: the cases table holds them encrypted and masked, never in plaintext.</summary>
public sealed class ReporterProtectionTests(GongzhiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HotlineReport_StoresTheReporterEncrypted_NoColumnHoldsThePlaintext()
    {
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var id = await ReportAsync("欧阳明", phone);

        var row = await app.WithDbAsync(db => StoredRows.RowTextAsync(db, "cases", id));
        Assert.DoesNotContain(phone, row, StringComparison.Ordinal);
        Assert.DoesNotContain("欧阳明", row, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == id, Cancel));
        Assert.Equal(("欧**", Masks.Phone(phone)), (stored.ReporterNameMasked, stored.ReporterPhoneMasked));
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        Assert.Equal(("欧阳明", phone), (protector.Unprotect(stored.ReporterNameProtected!), protector.Unprotect(stored.ReporterPhoneProtected!)));
    }

    [Fact]
    public async Task LegacyPlaintextReporter_IsEncryptedAtStart_WithoutMovingTheCase()
    {
        var id = await ReportAsync(null, null);
        var before = await app.WithDbAsync(db => db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == id, Cancel));
        // As a case filed before reporters were encrypted: plaintext in the old columns, nothing in the new ones.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"""UPDATE cases SET "ReporterName" = '李四', "ReporterPhone" = '13900001234' WHERE "Id" = {id}""", Cancel));

        await app.RunSeederAsync("LegacyReporterProtection");

        var after = await app.WithDbAsync(db => db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == id, Cancel));
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        Assert.Equal(("李四", "13900001234", "李*", "139****1234"),
            (protector.Unprotect(after.ReporterNameProtected!), protector.Unprotect(after.ReporterPhoneProtected!), after.ReporterNameMasked,
                after.ReporterPhoneMasked));
        var row = await app.WithDbAsync(db => StoredRows.RowTextAsync(db, "cases", id));
        Assert.DoesNotContain("13900001234", row, StringComparison.Ordinal);
        Assert.Equal((before.Version, before.UpdatedAt), (after.Version, after.UpdatedAt));

        // Run again (the next start, or a second node): nothing left to do, the values stay.
        await app.RunSeederAsync("LegacyReporterProtection");
        var again = await app.WithDbAsync(db => db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == id, Cancel));
        Assert.Equal(after.ReporterPhoneProtected, again.ReporterPhoneProtected);
    }

    private async Task<Guid> ReportAsync(string? name, string? phone)
    {
        using var street = await app.ClientForAsync("street.420103001");
        var (lat, lon, _) = await PointInAsync(app, "420103001002");
        var response = await PostCaseAsync(street, new
        {
            categoryCode = "0103", title = "热线来电", description = "路面油污", lat, lon, channel = "hotline", reporterName = name,
            reporterPhone = phone, anonymous = phone is null,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CaseSubmitted>(Json, Cancel))!.Id;
    }
}
