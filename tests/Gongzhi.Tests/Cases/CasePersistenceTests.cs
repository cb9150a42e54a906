using Gongzhi.Modules.Cases;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Cases.CaseScenarios;

namespace Gongzhi.Tests.Cases;

/// <summary>The case, its timeline and the catalogue on the real database of the run (SQLite or PostgreSQL).</summary>
public sealed class CasePersistenceTests(GongzhiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Catalogue_IsSeededWithItsLimitsAndAttributes()
    {
        var (count, cover) = await app.WithDbAsync(async db =>
            (await db.Set<CaseCategory>().CountAsync(Cancel), await db.Set<CaseCategory>().SingleAsync(c => c.Code == "0401", Cancel)));

        var file = await CategoryCatalogueFile.LoadAsync(CategoryCatalogueFile.DefaultPath, Cancel);
        Assert.Equal(file.Count, count);
        Assert.Equal(file.Single(c => c.Code == "0401").Limits, cover.Limits);
        Assert.Equal("coverState", Assert.Single(cover.Attributes).Name);
        Assert.Contains("井盖", cover.Keywords);
    }

    [Fact]
    public async Task Case_RoundTripsThroughTheLifecycleWithItsTimeline()
    {
        var category = await app.WithDbAsync(db => db.Set<CaseCategory>().SingleAsync(c => c.Code == "0101", Cancel));
        var c = Case.Submit(new CaseIntake(CaseUrgency.Urgent, "垃圾堆积", "南门外垃圾", 30.58, 114.27, "万年社区南门", Grid, CaseChannel.Web,
                "u-persist", CaseScenarios.Name("张三"), CaseScenarios.Phone("13812341234"), IdempotencyKey: Guid.NewGuid().ToString(),
                Attributes: new Dictionary<string, string> { ["volume"] = "少量" }, PhotoIds: [Guid.CreateVersion7()]),
            category, NextReference(), CaseActor.System, Now, Now.AddHours(2));
        await app.WithDbAsync(async db =>
        {
            db.Add(c);
            return await db.SaveChangesAsync(Cancel);
        });

        // Each action in its own context, as the API will do it: load, act, save.
        await ActAsync(c.Id, x => x.Register(Dispatcher, Now, Now.AddHours(2)));
        await ActAsync(c.Id, x => x.Dispatch(Dispatcher, Now, LeadOrganisation, [AssistingOrganisation], Now.AddHours(2), Now.AddHours(24)));
        await ActAsync(c.Id, x => x.Accept(Department, Now));

        var (loaded, timeline) = await app.WithDbAsync(async db =>
        {
            var found = await db.Set<Case>().SingleAsync(x => x.Id == c.Id, Cancel);
            var lines = await db.Set<CaseEvent>().Where(e => e.CaseId == c.Id).OrderBy(e => e.Id).ToListAsync(Cancel);
            return (found, lines);
        });
        Assert.Equal(CaseState.Accepted, loaded.State);
        Assert.Equal(3, loaded.Version);
        Assert.Equal([AssistingOrganisation], loaded.AssistingOrganisationIds);
        Assert.Equal("少量", loaded.Attributes["volume"]);
        Assert.Single(loaded.PhotoIds);
        Assert.Equal(Now.AddHours(24), loaded.Deadline);
        Assert.Equal(CaseStep.Resolve, loaded.DeadlineStep);
        Assert.Equal([CaseActions.Submit, CaseActions.Register, CaseActions.Dispatch, CaseActions.Accept], timeline.Select(e => e.Action));
        Assert.Equal(Now, timeline[^1].At);
        Assert.Equal(Department.OrganisationId, timeline[^1].ActorOrganisationId);
    }

    [Fact]
    public async Task Queue_FiltersAndSortsByDeadline()
    {
        var late = Dispatched();
        var soon = Dispatched();
        soon.Return(Department, Now, "不属于本单位", Now.AddMinutes(30));
        await app.WithDbAsync(async db =>
        {
            db.AddRange(late, soon);
            return await db.SaveChangesAsync(Cancel);
        });

        var due = await app.WithDbAsync(db => db.Set<Case>()
            .Where(x => (x.Id == late.Id || x.Id == soon.Id) && x.Deadline < Now.AddHours(3))
            .OrderBy(x => x.Deadline)
            .Select(x => x.Id)
            .ToListAsync(Cancel));

        Assert.Equal([soon.Id, late.Id], due);
    }

    [Fact]
    public async Task IdempotencyKey_IsUniquePerReporter()
    {
        var key = Guid.NewGuid().ToString();
        Case Make(string reporter) => Case.Submit(new CaseIntake(CaseUrgency.Normal, "垃圾", "路口垃圾", 30.5, 114.2, null, Grid, CaseChannel.Web,
            reporter, IdempotencyKey: key), Rubbish, NextReference(), CaseActor.System, Now, Now.AddHours(4));

        await app.WithDbAsync(async db =>
        {
            db.AddRange(Make("u-a"), Make("u-b"));
            return await db.SaveChangesAsync(Cancel);
        });
        await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            db.Add(Make("u-a"));
            return await db.SaveChangesAsync(Cancel);
        }));
    }

    [Fact]
    public async Task Cases_AndTheirTimelines_AreHiddenOutsideTheCallersScope()
    {
        var c = Registered();
        await app.WithDbAsync(async db =>
        {
            db.Add(c);
            return await db.SaveChangesAsync(Cancel);
        });

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = new Caller("u-x", "street.420103002", "420103002", new HashSet<string>(), null, null, false);

        Assert.False(await db.Set<Case>().AnyAsync(x => x.Id == c.Id, Cancel));
        Assert.False(await db.Set<CaseEvent>().AnyAsync(e => e.CaseId == c.Id, Cancel));
    }

    private Task<int> ActAsync(Guid id, Action<Case> act) => app.WithDbAsync(async db =>
    {
        var c = await db.Set<Case>().SingleAsync(x => x.Id == id, Cancel);
        act(c);
        return await db.SaveChangesAsync(Cancel);
    });
}
