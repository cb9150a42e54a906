using System.Text.Json;
using Gongzhi.BenchHost;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Tests.Cases.Api;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Bench;

/// <summary>
/// The benchmarks' baseline (bench/Gongzhi.BenchHost) must store the row full intake stores for the same report, and
/// nothing else, or the intake benchmark's ratio compares different work.
/// </summary>
public sealed class BaselineIntakeTests(GongzhiApp app)
{
    [Fact]
    public async Task BaselineInsert_StoresTheCaseRow_WithoutAuditOrNotification()
    {
        var cancel = CaseApiKit.Cancel;
        var (lat, lon, grid) = await CaseApiKit.PointInAsync(app, CaseApiKit.WanNianGrid);
        var key = Guid.NewGuid().ToString("N");
        var body = JsonSerializer.Deserialize<CaseSubmission>(
            JsonSerializer.Serialize(new { categoryCode = "0103", title = "路面油污", description = "基准测试", lat, lon, attributes = new { } }),
            JsonSerializerOptions.Web)!;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var result = await BaselineIntakeEndpoint.InsertAsync(body, grid, key, services.GetRequiredService<GongzhiDbContext>(),
                services.GetRequiredService<CaseDeadlines>(), services.GetRequiredService<PersonalDataProtector>(),
                services.GetRequiredService<TimeProvider>(), cancel);
            Assert.IsType<Created<CaseSubmitted>>(result.Result);
        }

        var stored = await app.WithDbAsync(db => db.Set<Case>().SingleAsync(c => c.IdempotencyKey == key, cancel));
        Assert.Equal(("0103", grid, CaseState.Submitted, lat), (stored.CategoryCode, stored.JurisdictionCode, stored.State, stored.Latitude));
        Assert.True(CaseReference.IsWellFormed(stored.Reference));
        Assert.False(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Subject == nameof(Case) && a.SubjectKey == stored.Reference, cancel)));
        // Counted by the case's own link: other tests running beside this one notify about their cases.
        var link = $"/cases/{stored.Id}";
        Assert.False(await app.WithDbAsync(db => db.Set<Gongzhi.Modules.Notifications.Notification>().AnyAsync(n => n.Link == link, cancel)));
    }
}
