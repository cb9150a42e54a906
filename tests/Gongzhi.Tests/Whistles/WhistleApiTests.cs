using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Reminders;
using Gongzhi.Modules.Whistles;
using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Cases.Deadlines;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gongzhi.Tests.Whistles;

/// <summary>An instance of its own (its timer pass flags every summons in the database), with a fake clock and a second department account.</summary>
public sealed class WhistleApp : IAsyncLifetime
{
    public const string Water = "dept.420103.swj";

    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    public GongzhiApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = new GongzhiApp { Clock = Clock };
        await App.InitializeAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Gongzhi.Platform.Data.GongzhiDbContext>();
        db.Caller = Caller.System;
        var water = await db.FindByCodeAsync("420103.swj", CancellationToken.None);
        await AccountService.CreateAsync(scope.ServiceProvider.GetRequiredService<UserManager<GongzhiUser>>(),
            new GongzhiUser { UserName = Water, ScopeCode = "420103", OrganisationId = water!.Id, DisplayName = "江汉区水务和湖泊局" },
            GongzhiApp.Password, [Roles.DepartmentStaff]);
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public sealed class WhistleApiTests(WhistleApp fixture) : IClassFixture<WhistleApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private GongzhiApp App => fixture.App;

    [Fact]
    public async Task StreetBlowsTheWhistle_SummonedDepartmentReportsInOnce_OthersAreRefused()
    {
        var (c, cgj, _) = await CaseAndDepartmentsAsync();
        using var street = await App.ClientForAsync("street.420103001");
        var blown = await street.PostAsJsonAsync($"/api/v1/cases/{c.Id}/whistles", new { organisationIds = new[] { cgj }, reason = "占道经营反复，需城管到场" },
            Cancel);
        Assert.Equal(HttpStatusCode.Created, blown.StatusCode);
        var whistle = (await blown.Content.ReadFromJsonAsync<WhistleResponse>(Cancel))!;
        Assert.Equal(30, whistle.ReportInMinutes);
        Assert.Equal("江汉区城市管理执法局", Assert.Single(whistle.Summons).OrganisationName);

        using var water = await App.ClientForAsync(WhistleApp.Water);
        Assert.Equal(HttpStatusCode.Forbidden, (await water.PostAsJsonAsync($"/api/v1/whistles/{whistle.Id}/report-in", new { note = "到" }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await street.PostAsJsonAsync($"/api/v1/whistles/{whistle.Id}/report-in", new { note = "到" }, Cancel)).StatusCode);

        using var department = await App.ClientForAsync("dept.420103.cgj");
        var reported = await department.PostAsJsonAsync($"/api/v1/whistles/{whistle.Id}/report-in", new { note = "已到场" }, Cancel);
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        var summons = (await reported.Content.ReadFromJsonAsync<SummonsResponse>(Cancel))!;
        Assert.NotNull(summons.ReportedInAt);
        Assert.False(summons.Missed);
        Assert.Equal(HttpStatusCode.Conflict,
            (await department.PostAsJsonAsync($"/api/v1/whistles/{whistle.Id}/report-in", new { note = "再次" }, Cancel)).StatusCode);

        var listed = await street.GetFromJsonAsync<List<WhistleResponse>>($"/api/v1/cases/{c.Id}/whistles", Cancel);
        Assert.NotNull(Assert.Single(listed!).Summons[0].ReportedInAt);
        var timeline = await App.WithDbAsync(db => db.Set<CaseEvent>().Where(e => e.CaseId == c.Id).Select(e => e.Action).ToListAsync(Cancel));
        Assert.Contains(CaseActions.Whistle, timeline);
        Assert.Contains(CaseActions.ReportIn, timeline);
        var summoned = await App.WithDbAsync(db => db.Set<Notification>()
            .CountAsync(n => n.Kind == WhistleService.SummonedNotification && n.Link == $"/cases/{c.Id}", Cancel));
        Assert.Equal(1, summoned);
    }

    [Fact]
    public async Task UninvolvedDepartment_SeesThatAWhistleExists_NotItsReasonNotesOrNames()
    {
        // The case's lead (城管) is not summoned: it sees the case, and that a whistle was blown on it, nothing more.
        var (c, _, swj) = await CaseAndDepartmentsAsync();
        using var street = await App.ClientForAsync("street.420103001");
        var blown = await street.PostAsJsonAsync($"/api/v1/cases/{c.Id}/whistles", new { organisationIds = new[] { swj }, reason = "管道漏水，涉及隐私的住户信息" },
            Cancel);
        var whistle = (await blown.Content.ReadFromJsonAsync<WhistleResponse>(Cancel))!;
        using var water = await App.ClientForAsync(WhistleApp.Water);
        Assert.Equal(HttpStatusCode.OK, (await water.PostAsJsonAsync($"/api/v1/whistles/{whistle.Id}/report-in", new { note = "已派员，联系人王师傅" }, Cancel))
            .StatusCode);

        using var uninvolved = await App.ClientForAsync("dept.420103.cgj");
        var seen = Assert.Single((await uninvolved.GetFromJsonAsync<List<WhistleResponse>>($"/api/v1/cases/{c.Id}/whistles", Cancel))!);
        Assert.True(seen.Restricted);
        Assert.Null(seen.Reason);
        Assert.Null(seen.BlownBy);
        Assert.Empty(seen.Summons);
        var raw = await uninvolved.GetStringAsync($"/api/v1/cases/{c.Id}/whistles", Cancel);
        Assert.DoesNotContain("管道漏水", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("street.420103001", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(WhistleApp.Water, raw, StringComparison.Ordinal);
        Assert.DoesNotContain((await uninvolved.GetFromJsonAsync<WhistlePage>("/api/v1/whistles/", Cancel))!.Items, w => w.Id == whistle.Id);
        // The case's timeline, which everyone who sees the case reads, carries neither the reason nor the note.
        var lines = await App.WithDbAsync(db => db.Set<CaseEvent>().Where(e => e.CaseId == c.Id
            && (e.Action == CaseActions.Whistle || e.Action == CaseActions.ReportIn)).ToListAsync(Cancel));
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Null(l.Note));

        // The parties read it all: the summoned department and the street.
        var forWater = Assert.Single((await water.GetFromJsonAsync<List<WhistleResponse>>($"/api/v1/cases/{c.Id}/whistles", Cancel))!);
        Assert.Equal("管道漏水，涉及隐私的住户信息", forWater.Reason);
        Assert.Equal("street.420103001", forWater.BlownBy);
        var forStreet = Assert.Single((await street.GetFromJsonAsync<List<WhistleResponse>>($"/api/v1/cases/{c.Id}/whistles", Cancel))!);
        Assert.False(forStreet.Restricted);
        Assert.Equal("已派员，联系人王师傅", Assert.Single(forStreet.Summons).Note);
        Assert.Equal(WhistleApp.Water, forStreet.Summons[0].ReportedInBy);
    }

    [Fact]
    public async Task Blow_ByAnotherStreetOrADepartment_OrOnAClosedCase_IsRefused()
    {
        var (c, cgj, _) = await CaseAndDepartmentsAsync();
        var body = new { organisationIds = new[] { cgj }, reason = "事由" };
        using var otherStreet = await App.ClientForAsync("street.420103002");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.PostAsJsonAsync($"/api/v1/cases/{c.Id}/whistles", body, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync($"/api/v1/cases/{c.Id}/whistles", Cancel)).StatusCode);
        using var department = await App.ClientForAsync("dept.420103.cgj");
        Assert.Equal(HttpStatusCode.Forbidden, (await department.PostAsJsonAsync($"/api/v1/cases/{c.Id}/whistles", body, Cancel)).StatusCode);
        using var resident = await App.ClientForAsync("resident1");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"/api/v1/cases/{c.Id}/whistles", Cancel)).StatusCode);

        using var street = await App.ClientForAsync("street.420103001");
        var invalid = await street.PostAsJsonAsync($"/api/v1/cases/{c.Id}/whistles", new { organisationIds = new[] { Guid.NewGuid() }, reason = "事由" },
            Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        var closed = await CaseAndDepartmentsAsync(closed: true);
        Assert.Equal(HttpStatusCode.Conflict,
            (await street.PostAsJsonAsync($"/api/v1/cases/{closed.Case.Id}/whistles", body, Cancel)).StatusCode);
    }

    [Fact]
    public async Task MissedReportIn_IsFlaggedOnce_NotifiesDepartmentAndStreet_AndIsCounted()
    {
        var (c, cgj, swj) = await CaseAndDepartmentsAsync();
        using var street = await App.ClientForAsync("street.420103001");
        using var water = await App.ClientForAsync(WhistleApp.Water);
        using var department = await App.ClientForAsync("dept.420103.cgj");
        var before = await CountsAsync(street);
        var blown = await street.PostAsJsonAsync($"/api/v1/cases/{c.Id}/whistles", new { organisationIds = new[] { cgj, swj }, reason = "管道破裂" }, Cancel);
        var whistle = (await blown.Content.ReadFromJsonAsync<WhistleResponse>(Cancel))!;
        Assert.Equal(HttpStatusCode.OK, (await department.PostAsJsonAsync($"/api/v1/whistles/{whistle.Id}/report-in", new { }, Cancel)).StatusCode);

        var monitor = App.Services.GetRequiredService<DeadlineMonitor>();
        fixture.Clock.Advance(TimeSpan.FromMinutes(31));
        var now = fixture.Clock.GetUtcNow();
        Assert.Equal(1, (await monitor.RunOnceAsync(now, Cancel)).Flagged);
        Assert.Equal(0, (await monitor.RunOnceAsync(now.AddMinutes(1), Cancel)).Flagged);

        var notified = await App.WithDbAsync(db => db.Set<Notification>()
            .Where(n => n.Kind == MissedReportIns.Notification && n.Link == $"/cases/{c.Id}").Select(n => n.RecipientUserId).ToListAsync(Cancel));
        Assert.Equal(new[] { await DueCases.UserIdAsync(App, WhistleApp.Water), await DueCases.UserIdAsync(App, "street.420103001") }.Order(),
            notified.Order());
        Assert.Single(await DueCases.TimelineAsync(App, c.Id, CaseActions.ReportInMissed));

        // A late report-in is recorded, and the miss stays counted.
        var late = await water.PostAsJsonAsync($"/api/v1/whistles/{whistle.Id}/report-in", new { note = "迟到" }, Cancel);
        var lateSummons = (await late.Content.ReadFromJsonAsync<SummonsResponse>(Cancel))!;
        Assert.True(lateSummons.Late && lateSummons.Missed);

        var after = await CountsAsync(street);
        Assert.Equal(Missed(before, swj) + 1, Missed(after, swj));
        Assert.Equal(Missed(before, cgj), Missed(after, cgj));
        Assert.Equal(after.Single(r => r.OrganisationId == swj).Late, before.SingleOrDefault(r => r.OrganisationId == swj)?.Late + 1 ?? 1);

        // A department sees only its own summons, and its own count.
        var own = await water.GetFromJsonAsync<WhistlePage>("/api/v1/whistles/?missed=true", Cancel);
        Assert.Contains(own!.Items, w => w.Id == whistle.Id);
        Assert.All(own.Items, w => Assert.Contains(w.Summons, s => s.OrganisationId == swj && s.Missed));
        Assert.Equal(HttpStatusCode.Forbidden, (await water.GetAsync($"/api/v1/whistles/?organisation={cgj}", Cancel)).StatusCode);
        var waterCounts = await water.GetFromJsonAsync<List<MissedCount>>("/api/v1/whistles/missed-counts", Cancel);
        Assert.Equal(swj, Assert.Single(waterCounts!).OrganisationId);
        var streetsOwn = await street.GetFromJsonAsync<WhistlePage>("/api/v1/whistles/?scope=420103001&missed=true", Cancel);
        Assert.Contains(streetsOwn!.Items, w => w.Id == whistle.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await street.GetAsync("/api/v1/whistles/missed-counts?scope=420103002", Cancel)).StatusCode);
    }

    private async Task<List<MissedCount>> CountsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<MissedCount>>("/api/v1/whistles/missed-counts?scope=420103001", Cancel))!;

    private static int Missed(List<MissedCount> counts, Guid organisation) => counts.SingleOrDefault(r => r.OrganisationId == organisation)?.Missed ?? 0;

    private async Task<(Case Case, Guid Cgj, Guid Swj)> CaseAndDepartmentsAsync(bool closed = false)
    {
        var now = fixture.Clock.GetUtcNow();
        var c = await DueCases.AcceptedAsync(App, now, now.AddDays(3), Cancel);
        if (closed)
        {
            await App.WithDbAsync(async db =>
            {
                var loaded = await db.Set<Case>().SingleAsync(x => x.Id == c.Id, Cancel);
                loaded.Resolve(CaseActor.System, now, "已处置", null, now.AddHours(4));
                loaded.Verify(CaseActor.System, now);
                loaded.Close(CaseActor.System, now);
                return await db.SaveChangesAsync(Cancel);
            });
        }
        var ids = await App.WithDbAsync(async db => (
            (await db.FindByCodeAsync("420103.cgj", Cancel))!.Id,
            (await db.FindByCodeAsync("420103.swj", Cancel))!.Id));
        return (c, ids.Item1, ids.Item2);
    }
}
