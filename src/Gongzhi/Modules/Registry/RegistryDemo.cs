using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Modules.Registry.Addresses;
using Gongzhi.Modules.Registry.Devices;
using Gongzhi.Modules.Registry.Housing;
using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Registry;

/// <summary>
/// In demo mode, basic data for 万年社区 (two grids) and 交通路社区: compounds with buildings and rooms, their
/// houses, residents (among them people living alone who are due a visit), a shop and a smoke detector.
/// Addresses sit at their grid's centre, so this waits for the derived boundaries (filled in after start);
/// <see cref="Ready"/> completes when it is done. Seeded once: a database that has standard addresses is left alone.
/// </summary>
public sealed class RegistryDemo(
    IServiceScopeFactory scopes,
    BoundaryPreparation boundaries,
    PersonalDataProtector protector,
    IOptions<GongzhiOptions> platform,
    IOptions<RegistryOptions> options,
    TimeProvider clock,
    ILogger<RegistryDemo> log) : BackgroundService
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>The demo smoke detector's key; demo databases only.</summary>
    public const string DemoDeviceKey = "demo-smoke-detector-420103001002";

    private static readonly (string Community, string Road, string Number, string Compound, string[] Buildings)[] Compounds =
    [
        ("420103001002", "万松园路", "88号", "万松小区", ["1栋", "2栋"]),
        ("420103001002", "新华路", "166号", "青年苑", ["3栋"]),
        ("420103002001", "交通路", "21号", "交通路小区", ["1栋"]),
    ];

    private static readonly (string Name, string Birth, bool Male, CareTag[] Tags, int DaysSinceVisit)[] People =
    [
        ("王秀英", "19420315", false, [CareTag.LivingAlone, CareTag.Elderly], 10),
        ("李建国", "19560722", true, [CareTag.Disabled], 40),
        ("张丽", "19850109", false, [], 0),
        ("陈志强", "19790530", true, [], 0),
        ("刘桂兰", "19380211", false, [CareTag.LivingAlone], 3),
        ("赵明", "20120906", true, [CareTag.LeftBehindChild], 20),
    ];

    /// <summary>Completes once the demo data is there (or is not wanted).</summary>
    public Task Ready => ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (platform.Value.Demo)
            {
                await boundaries.Ready.WaitAsync(stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
                db.Caller = Caller.System;
                await SeedAsync(db, scope.ServiceProvider.GetRequiredService<IJurisdictionDirectory>(), stoppingToken);
            }
            ready.TrySetResult();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            ready.TrySetCanceled(stoppingToken);
        }
        catch (Exception e)
        {
            // The platform works without the demo's basic data.
            log.LogError(e, "Seeding the registry's demo data failed");
            ready.TrySetException(e);
        }
    }

    private async Task SeedAsync(GongzhiDbContext db, IJurisdictionDirectory tree, CancellationToken cancellationToken)
    {
        // The check spans every area (hence no filter): any address at all means the data is there.
        if (await db.Set<StandardAddress>().IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return;
        }
        var communities = Compounds.Select(c => c.Community).Distinct().ToList();
        var grids = await tree.ChildrenOfAsync(communities, cancellationToken);
        if (grids.Count == 0 || grids.Any(g => g.CentroidLat is null))
        {
            return;
        }
        var now = clock.GetUtcNow();
        db.SuppressRecordAudit = true;
        var rooms = new List<StandardAddress>();
        var buildings = new List<StandardAddress>();
        var numbers = new Dictionary<string, int>();
        var compoundIndex = 0;
        foreach (var (community, road, number, compound, blocks) in Compounds)
        {
            // Compounds of one community are spread over its grids, one per grid in turn.
            var inCommunity = grids.Where(g => g.ParentCode == community).ToList();
            var grid = inCommunity[compoundIndex++ % inCommunity.Count];
            StandardAddress Add(string? building, string? unit, int? floor, string? room)
            {
                numbers[grid.Code] = numbers.GetValueOrDefault(grid.Code) + 1;
                var address = StandardAddress.Create($"{grid.Code}-{numbers[grid.Code]:D6}", grid.Code,
                    new AddressParts(road, number, compound, building, unit, floor, room, building is null ? [$"{compound}"] : null),
                    grid.CentroidLat, grid.CentroidLon);
                db.Add(address);
                return address;
            }
            Add(null, null, null, null);
            foreach (var block in blocks)
            {
                buildings.Add(Add(block, null, null, null));
                foreach (var floor in new[] { 1, 2, 3 })
                {
                    foreach (var door in new[] { 1, 2 })
                    {
                        rooms.Add(Add(block, "1单元", floor, $"{floor}0{door}室"));
                    }
                }
            }
        }

        var residents = new List<Person>();
        var wanSongRooms = rooms.Where(r => r.JurisdictionCode.StartsWith("420103001002", StringComparison.Ordinal)).ToList();
        for (var i = 0; i < People.Length; i++)
        {
            var (name, birth, male, tags, daysSinceVisit) = People[i];
            var room = wanSongRooms[i * 2 % wanSongRooms.Count];
            var id = WithCheck($"420103{birth}{(10 + i * 2 + (male ? 1 : 0)):D3}", IdNumbers.CheckCharacter);
            var phone = $"1387{12345 + i * 1111:D7}";
            var tagList = tags.ToList();
            var person = Person.Register(room.JurisdictionCode, name, id, protector.ProtectIdNumber(id),
                protector.ProtectPhone(phone),
                tagList.Count == 0 ? null : protector.Protect(string.Join(',', tagList)), options.Value.CadenceFor(tagList), room.Id,
                ResidenceStatus.Registered, now.AddYears(-2));
            person.SetHousehold($"H{420103001002}{i + 1:D3}", "户主", ResidenceStatus.Registered);
            if (daysSinceVisit > 0)
            {
                person.Visited(now.AddDays(-daysSinceVisit));
            }
            db.Add(person);
            residents.Add(person);
        }
        // A floating resident of 交通路社区, so that the other community's staff see someone and ours do not.
        var jiaotong = rooms.First(r => r.JurisdictionCode.StartsWith("420103002001", StringComparison.Ordinal));
        var visitorId = WithCheck("42011119900101023", IdNumbers.CheckCharacter);
        var visitor = Person.Register(jiaotong.JurisdictionCode, "孙浩", visitorId,
            protector.ProtectIdNumber(visitorId), null, null, null, jiaotong.Id,
            ResidenceStatus.Floating, now.AddMonths(-3));
        db.Add(visitor);

        foreach (var (room, index) in rooms.Select((r, i) => (r, i)))
        {
            var owner = residents.FirstOrDefault(p => p.AddressId == room.Id);
            var use = owner is not null ? HouseUse.OwnerOccupied : index % 3 == 0 ? HouseUse.Vacant : HouseUse.Rented;
            db.Add(House.Register(room.Id, room.JurisdictionCode, HouseType.Apartment, 60 + index % 5 * 12.5m, use, owner?.Id));
        }
        var shopAddress = buildings[0];
        var creditCode = WithCheck("91420103MA4K2B3C4", CreditCodes.CheckCharacter);
        db.Add(RegisteredUnit.Register(shopAddress.JurisdictionCode, shopAddress.Id, "万松便民超市", creditCode, UnitKind.Shop, "周店长",
            protector.Protect("13971234567"), Masks.Phone("13971234567"), 6, null));
        db.Add(Device.Register(shopAddress.Id, shopAddress.JurisdictionCode, "1栋楼道烟感", DeviceKind.SmokeDetector, shopAddress.Lat!.Value,
            shopAddress.Lon!.Value, DeviceService.HashKey(DemoDeviceKey), now));

        db.AuditEntries.Add(AuditEntry.Create(now, db.Caller, AuditActions.Seeded, nameof(StandardAddress), null, null,
            $"{rooms.Count + buildings.Count} addresses, {residents.Count + 1} persons"));
        await db.SaveChangesAsync(cancellationToken);
        log.LogInformation("Seeded the registry's demo data: {Addresses} addresses, {Persons} persons", numbers.Values.Sum(), residents.Count + 1);
    }

    private static string WithCheck(string body, Func<string, char> check) => body + check(body);
}
