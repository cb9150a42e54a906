using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Platform;

/// <summary>The context is the one place where scope is enforced: these tests go straight at it.</summary>
public sealed class ScopeEnforcementTests(GongzhiApp app)
{
    private static Caller StreetCaller(string code) =>
        new("test-user", $"street.{code}", code, new HashSet<string> { "StreetStaff" }, null, "127.0.0.1", IsSystem: false);

    [Fact]
    public async Task Write_OutsideTheCallersScope_IsRefused()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = StreetCaller("420103001");
        db.Add(Organisation.Create($"t.{Guid.NewGuid():N}", "外街道单位", null, OrganisationKind.ResidentUnit, "420103002"));

        await Assert.ThrowsAsync<ScopeViolationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Write_MovingARecordOutOfScope_IsRefused()
    {
        var code = $"t.{Guid.NewGuid():N}";
        await app.WithDbAsync(async db =>
        {
            db.Add(Organisation.Create(code, "本街道单位", null, OrganisationKind.ResidentUnit, "420103001"));
            return await db.SaveChangesAsync();
        });

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = StreetCaller("420103001");
        var organisation = await db.Set<Organisation>().SingleAsync(o => o.Code == code, TestContext.Current.CancellationToken);
        organisation.Update(organisation.Name, null, organisation.Kind, "420103002", null, null, null);

        await Assert.ThrowsAsync<ScopeViolationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Read_SeesOwnScopeAndAncestorsButNotSiblings()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await app.WithDbAsync(async db =>
        {
            db.AddRange(
                Organisation.Create($"district.{suffix}", "区级单位", null, OrganisationKind.Department, "420103"),
                Organisation.Create($"own.{suffix}", "本社区单位", null, OrganisationKind.ResidentUnit, "420103001002"),
                Organisation.Create($"sibling.{suffix}", "外街道单位", null, OrganisationKind.ResidentUnit, "420103002001"),
                Organisation.Create($"other.{suffix}", "外区单位", null, OrganisationKind.Department, "420102"));
            return await db.SaveChangesAsync();
        });

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = StreetCaller("420103001");
        var visible = await db.Set<Organisation>().Where(o => o.Code.EndsWith(suffix)).Select(o => o.Code).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal([$"district.{suffix}", $"own.{suffix}"], visible.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ConcurrentEdits_TheStaleOneFails()
    {
        var code = $"t.{Guid.NewGuid():N}";
        await app.WithDbAsync(async db =>
        {
            db.Add(Organisation.Create(code, "并发测试", null, OrganisationKind.ResidentUnit, "420103001"));
            return await db.SaveChangesAsync();
        });

        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var a = first.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        var b = second.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        a.Caller = b.Caller = StreetCaller("420103001");
        var mine = await a.Set<Organisation>().SingleAsync(o => o.Code == code, TestContext.Current.CancellationToken);
        var theirs = await b.Set<Organisation>().SingleAsync(o => o.Code == code, TestContext.Current.CancellationToken);

        mine.Update("先保存", null, mine.Kind, mine.JurisdictionCode, null, null, null);
        await a.SaveChangesAsync(TestContext.Current.CancellationToken);
        theirs.Update("后保存", null, theirs.Kind, theirs.JurisdictionCode, null, null, null);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => b.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Writes_AreAuditedWithTheActorAndJurisdiction()
    {
        var code = $"t.{Guid.NewGuid():N}";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
            db.Caller = StreetCaller("420103001");
            db.Add(Organisation.Create(code, "审计测试", null, OrganisationKind.ResidentUnit, "420103001003"));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var entry = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.SubjectKey == code));
        Assert.Equal(("created", "street.420103001", "420103001003"), (entry.Action, entry.Actor, entry.JurisdictionCode));
    }
}

public sealed class BulkInsertTests(GongzhiApp app)
{
    [Fact]
    public async Task BulkInsert_ForAnyoneButTheSystem_IsRefused()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = new Caller("u", "street.420103001", "420103001", new HashSet<string> { "StreetStaff" }, null, null, IsSystem: false);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            db.BulkInsertAsync([Organisation.Create("bulk.refused", "批量", null, OrganisationKind.ResidentUnit, "420103001")], CancellationToken.None));
    }

    [Fact]
    public async Task BulkInsert_WritesEveryRowWithItsConvertedValues()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var rows = Enumerable.Range(0, 1234)
            .Select(i => Organisation.Create($"bulk.{suffix}.{i}", $"批量单位{i}", null, OrganisationKind.Enterprise, "420103001001"))
            .ToList();

        var written = await app.WithDbAsync(db => db.BulkInsertAsync(rows, CancellationToken.None));
        var read = await app.WithDbAsync(db => db.Set<Organisation>().Where(o => o.Code.StartsWith($"bulk.{suffix}."))
            .Select(o => new { o.Kind, o.JurisdictionCode }).ToListAsync());

        Assert.Equal(1234, written);
        Assert.Equal(1234, read.Count);
        Assert.All(read, o => Assert.Equal((OrganisationKind.Enterprise, "420103001001"), (o.Kind, o.JurisdictionCode)));
    }
}
