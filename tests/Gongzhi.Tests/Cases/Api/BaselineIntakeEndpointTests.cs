using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Platform.Audit;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Cases.Api;

/// <summary>
/// The anonymous insert-only endpoint the intake benchmark compares against must not exist unless a
/// benchmark turns it on.
/// </summary>
public sealed class BaselineIntakeEndpointTests(GongzhiApp app)
{
    [Fact]
    public async Task BaselineEndpoint_WithDefaultSettings_IsNotMapped_AndAnswers404()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText);
        Assert.DoesNotContain(BaselineIntakeEndpoint.Route, routes);

        using var anonymous = app.Anonymous();
        var (lat, lon, grid) = await CaseApiKit.PointInAsync(app, CaseApiKit.WanNianGrid);
        var response = await anonymous.PostAsJsonAsync($"{BaselineIntakeEndpoint.Route}?grid={grid}",
            new { categoryCode = "0103", title = "路面油污", description = "基准测试", lat, lon }, CaseApiKit.Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task BaselineEndpoint_WhenTurnedOn_StoresTheCaseRow_WithoutAuditOrNotification()
    {
        await using var bench = new GongzhiApp();
        bench.Settings[BaselineIntakeEndpoint.Setting] = "true";
        await bench.InitializeAsync();
        var cancel = CaseApiKit.Cancel;
        var (lat, lon, grid) = await CaseApiKit.PointInAsync(bench, CaseApiKit.WanNianGrid);
        var key = Guid.NewGuid().ToString("N");
        using var anonymous = bench.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{BaselineIntakeEndpoint.Route}?grid={grid}")
        {
            Content = JsonContent.Create(new { categoryCode = "0103", title = "路面油污", description = "基准测试", lat, lon, attributes = new { } }),
        };
        request.Headers.Add("Idempotency-Key", key);
        var notificationsBefore = await bench.WithDbAsync(db => db.Set<Gongzhi.Modules.Notifications.Notification>().CountAsync(cancel));

        var response = await anonymous.SendAsync(request, cancel);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(cancel));
        var stored = await bench.WithDbAsync(db => db.Set<Case>().SingleAsync(c => c.IdempotencyKey == key, cancel));
        Assert.Equal(("0103", grid, CaseState.Submitted, lat), (stored.CategoryCode, stored.JurisdictionCode, stored.State, stored.Latitude));
        Assert.True(CaseReference.IsWellFormed(stored.Reference));
        Assert.False(await bench.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Subject == nameof(Case) && a.SubjectKey == stored.Reference, cancel)));
        Assert.Equal(notificationsBefore, await bench.WithDbAsync(db => db.Set<Gongzhi.Modules.Notifications.Notification>().CountAsync(cancel)));
    }
}
