using System.Diagnostics;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Organisations;

/// <summary>Runs alone, so that the seeding budget measures the seeding and not the tests beside it.</summary>
[CollectionDefinition(nameof(Timed), DisableParallelization = true)]
public sealed class Timed;

[Collection(nameof(Timed))]
public sealed class DemoOrganisationsTests
{
    private static readonly List<OrganisationSeed> Plan = DemoOrganisations.Plan(DemoOrganisations.Load(DemoOrganisations.DivisionsPath));

    [Fact]
    public void Plan_HasTheWuhanStructure()
    {
        int Count(OrganisationKind kind) => Plan.Count(s => s.Kind == kind);
        Assert.Equal(13, Count(OrganisationKind.CommandCenter));
        Assert.Equal(130, Count(OrganisationKind.Department));
        Assert.Equal(193, Count(OrganisationKind.StreetOffice));
        Assert.Equal(3495, Count(OrganisationKind.CommunityCommittee));
        Assert.Equal(193 + 3495, Count(OrganisationKind.PartyOrganisation));
        Assert.Equal(3, Count(OrganisationKind.ResidentUnit));
        Assert.Equal(3, Count(OrganisationKind.Enterprise));
        Assert.Equal(7525, Plan.Count);
    }

    [Fact]
    public void Plan_CodesAreUniqueAndWellFormed_AndParentsComeFirst()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seed in Plan)
        {
            Assert.Null(Organisation.CodeError(seed.Code, seed.JurisdictionCode));
            Assert.Empty(Organisation.Validate(seed.Code, seed.Name, seed.NameEn, seed.Kind, seed.JurisdictionCode, null, seed.Address));
            if (seed.ParentCode is not null)
            {
                Assert.Contains(seed.ParentCode, seen);
            }
            Assert.True(seen.Add(seed.Code), $"duplicate {seed.Code}");
        }
    }

    [Fact]
    public void Plan_HoldsEveryOrganisationTheDemoAccountsNeed()
    {
        var codes = Plan.Select(s => s.Code).ToHashSet();
        foreach (var code in AccountSeeder.DemoAccounts.Select(a => a.OrganisationCode).OfType<string>())
        {
            Assert.Contains(code, codes);
        }
        Assert.Contains("420103.command", codes);
        Assert.Contains("420103.cgj", codes);
    }

    [Fact]
    public void Plan_NamesJianghanLikeItsOwnOffices()
    {
        OrganisationSeed Get(string code) => Plan.Single(s => s.Code == code);
        Assert.Equal("江汉区城市管理执法局", Get("420103.cgj").Name);
        Assert.Equal("Jianghan District Urban Management and Law Enforcement Bureau", Get("420103.cgj").NameEn);
        Assert.Equal("江汉区水务和湖泊局", Get("420103.swj").Name);
        Assert.Equal("武汉市公安局江汉区分局", Get("420103.gaj").Name);
        Assert.Equal("江汉区城市运行管理中心（指挥中心）", Get("420103.command").Name);
        Assert.Equal("民族街街道办事处", Get("420103001.office").Name);
        Assert.Equal("民族街街道党工委", Get("420103001.party").Name);
        Assert.Equal("万年社区居民委员会", Get("420103001002.committee").Name);
        Assert.Equal("万年社区党委", Get("420103001002.party").Name);
        Assert.Equal("420103001.office", Get("420103001002.committee").ParentCode);
        Assert.Equal("420103001.party", Get("420103001002.party").ParentCode);
    }

    [Theory]
    [InlineData("万年社区居委会", "万年社区居民委员会", "万年社区党委")]
    [InlineData("红星社区居民委员会", "红星社区居民委员会", "红星社区党委")]
    [InlineData("保成社区", "保成社区居民委员会", "保成社区党委")]
    [InlineData("光荣居委会", "光荣居民委员会", "光荣社区党委")]
    [InlineData("新墩社区委员会", "新墩社区居民委员会", "新墩社区党委")]
    [InlineData("绿景苑社区居委", "绿景苑社区居民委员会", "绿景苑社区党委")]
    [InlineData("香山村村委会", "香山村村民委员会", "香山村党委")]
    [InlineData("石桥村委会", "石桥村民委员会", "石桥村党委")]
    [InlineData("三里村村民委员会", "三里村村民委员会", "三里村党委")]
    [InlineData("香炉山生产队", "香炉山生产队村民委员会", "香炉山生产队党委")]
    public void CommunityNames_AreMadeFormal(string division, string committee, string party) =>
        Assert.Equal((committee, party), DemoOrganisations.CommunityNames(division));

    [Theory]
    [InlineData("民族街街道", "民族街街道办事处", "民族街街道党工委")]
    [InlineData("江汉经济开发区", "江汉经济开发区办事处", "江汉经济开发区党工委")]
    [InlineData("大潭办事处", "大潭办事处", "大潭党工委")]
    [InlineData("武汉中央商务区管理委员会", "武汉中央商务区管理委员会", "武汉中央商务区管理委员会党工委")]
    public void StreetNames_AreOfficeAndWorkingCommittee(string street, string office, string party) =>
        Assert.Equal((office, party), DemoOrganisations.StreetNames(street));

    /// <summary>
    /// About 7,500 rows with one SaveChanges. The budget is on the processor time the seeding takes, which
    /// stays meaningful on a busy shared build machine where wall-clock time does not.
    /// </summary>
    [Fact]
    public async Task Seed_IsFast_AndIdempotent()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        await CreateSchemaAsync(database);
        int added;
        TimeSpan wall;
        TimeSpan processor;
        await using (var db = Context(database))
        {
            // At start-up the model is built and the connection opened by the migration step before any seeder runs.
            Assert.False(await db.Set<Organisation>().AnyAsync(cancellationToken));
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var process = Process.GetCurrentProcess();
            var processorBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            added = await OrganisationSeeder.SeedAsync(db, Plan, DateTimeOffset.UtcNow, cancellationToken);
            wall = watch.Elapsed;
            process.Refresh();
            processor = process.TotalProcessorTime - processorBefore;
        }
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Seeded {added} organisations on {database.Provider}: {wall.TotalMilliseconds:F0} ms wall, {processor.TotalMilliseconds:F0} ms processor.");
        Assert.Equal(Plan.Count, added);
        Assert.True(processor < TimeSpan.FromSeconds(2), $"seeding took {processor.TotalMilliseconds:F0} ms of processor time");

        await using (var db = Context(database))
        {
            Assert.Equal(0, await OrganisationSeeder.SeedAsync(db, Plan, DateTimeOffset.UtcNow, cancellationToken));
            Assert.Equal(Plan.Count, await db.Set<Organisation>().CountAsync(cancellationToken));
            var audit = Assert.Single(await db.AuditEntries.ToListAsync(cancellationToken));
            Assert.Equal(AuditActions.Seeded, audit.Action);
            var committee = await db.Set<Organisation>().SingleAsync(o => o.Code == "420103001002.committee", cancellationToken);
            var office = await db.Set<Organisation>().SingleAsync(o => o.Code == "420103001.office", cancellationToken);
            Assert.Equal(office.Id, committee.ParentId);
        }
    }

    [Fact]
    public async Task Seed_AfterPartialData_AddsOnlyWhatIsMissing_AndLinksToExistingParents()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        await CreateSchemaAsync(database);
        var jianghan = Plan.Where(s => s.JurisdictionCode.StartsWith("420103001", StringComparison.Ordinal)).ToList();
        await using (var db = Context(database))
        {
            await OrganisationSeeder.SeedAsync(db, jianghan.Where(s => s.Kind == OrganisationKind.StreetOffice).ToList(), DateTimeOffset.UtcNow,
                cancellationToken);
        }
        await using (var db = Context(database))
        {
            Assert.Equal(jianghan.Count - 1, await OrganisationSeeder.SeedAsync(db, jianghan, DateTimeOffset.UtcNow, cancellationToken));
            var office = await db.Set<Organisation>().SingleAsync(o => o.Code == "420103001.office", cancellationToken);
            Assert.Equal(office.Id, (await db.Set<Organisation>().SingleAsync(o => o.Code == "420103001002.committee", cancellationToken)).ParentId);
        }
    }

    private static GongzhiDbContext Context(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<GongzhiDbContext>();
        _ = database.Provider == "Postgres" ? options.UseNpgsql(database.ConnectionString) : options.UseSqlite(database.ConnectionString);
        return new GongzhiDbContext(options.Options, new SystemCaller(), TimeProvider.System) { Caller = Caller.System };
    }

    // A bare schema from the model is enough here: these tests are about the seeder, not the migrations.
    private static async Task CreateSchemaAsync(TestDatabase database)
    {
        await using var db = Context(database);
        await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
    }

    private sealed class SystemCaller : ICallerAccessor
    {
        public Caller Current => Caller.System;
    }
}
