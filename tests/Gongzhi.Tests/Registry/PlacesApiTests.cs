using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Registry.Addresses;
using Gongzhi.Modules.Registry.Housing;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.Registry.RegistryTestData;

namespace Gongzhi.Tests.Registry;

/// <summary>Standard addresses, houses and units.</summary>
public sealed class PlacesApiTests(GongzhiApp app) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => DemoAsync(app);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AddressSearch_FindsByAnyPartInChinese_WithinTheCallersScope()
    {
        using var grid = await app.ClientForAsync("grid.420103001002001");
        var rooms = await ReadAsync<List<AddressResponse>>(await grid.GetAsync($"{Api}/addresses?q={Uri.EscapeDataString("万松 1栋 302室")}", Cancel),
            HttpStatusCode.OK);
        var room = Assert.Single(rooms);
        Assert.Equal("万松园路88号万松小区1栋1单元302室", room.Label);
        Assert.StartsWith(WanNianGrid + "-", room.Code, StringComparison.Ordinal);

        var elsewhere = await ReadAsync<List<AddressResponse>>(await grid.GetAsync($"{Api}/addresses?q={Uri.EscapeDataString("交通路小区")}", Cancel),
            HttpStatusCode.OK);
        Assert.Empty(elsewhere);
        using var street = await app.ClientForAsync("street.420103002");
        var theirs = await ReadAsync<List<AddressResponse>>(await street.GetAsync($"{Api}/addresses?q={Uri.EscapeDataString("交通路小区")}", Cancel),
            HttpStatusCode.OK);
        Assert.NotEmpty(theirs);
    }

    [Fact]
    public async Task CreateAddress_AtAPosition_IsPlacedInTheGridThere_AndCodedWithIt()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var existing = Assert.Single(await ReadAsync<List<AddressResponse>>(
            await community.GetAsync($"{Api}/addresses?q={Uri.EscapeDataString("万松小区 2栋 101室")}", Cancel), HttpStatusCode.OK));
        var building = $"{Random.Shared.Next(10, 99)}栋";
        var created = await ReadAsync<AddressResponse>(await community.PostAsJsonAsync($"{Api}/addresses", new
        {
            road = "万松园路", number = "88号", compound = "万松小区", building, unit = "1单元", floor = 5, room = "501室",
            lat = existing.Lat, lon = existing.Lon,
        }, Json, Cancel), HttpStatusCode.Created);
        Assert.Equal(existing.JurisdictionCode, created.JurisdictionCode);
        Assert.StartsWith(created.JurisdictionCode + "-", created.Code, StringComparison.Ordinal);

        var missing = await ErrorsAsync(await community.PostAsJsonAsync($"{Api}/addresses", new { road = "万松园路", number = "" }, Json, Cancel));
        Assert.True(missing.TryGetProperty("number", out _));
    }

    [Fact]
    public async Task RegisterUnit_WithBadCreditCode_Returns400NamingCreditCode_AndAValidOneIsStored()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var body = $"91420103MA4K{Random.Shared.Next(10000, 99999)}";
        var code = body + CreditCodes.CheckCharacter(body);
        var bad = body + (code[^1] == '0' ? '1' : '0');
        var errors = await ErrorsAsync(await community.PostAsJsonAsync($"{Api}/units",
            new { name = "万松小吃店", creditCode = bad, kind = "shop", jurisdictionCode = WanNian }, Json, Cancel));
        Assert.True(errors.TryGetProperty("creditCode", out _));

        var unit = await ReadAsync<UnitResponse>(await community.PostAsJsonAsync($"{Api}/units", new
        {
            name = "万松小吃店", creditCode = code.ToLowerInvariant(), kind = "shop", jurisdictionCode = WanNian, contactName = "黄老板",
            contactPhone = "13812345678", staffCount = 3,
        }, Json, Cancel), HttpStatusCode.Created);
        Assert.Equal(code, unit.CreditCode);
        Assert.Equal("138****5678", unit.ContactPhone);
        Assert.Equal("黄**", unit.ContactName);
    }

    [Fact]
    public async Task DemoHouses_AreOnePerRoom_WithTheirUse()
    {
        using var grid = await app.ClientForAsync("grid.420103001002001");
        var houses = await ReadAsync<List<HouseResponse>>(await grid.GetAsync($"{Api}/houses?area={WanNianGrid}", Cancel), HttpStatusCode.OK);
        Assert.NotEmpty(houses);
        Assert.Contains(houses, h => h.Use == HouseUse.OwnerOccupied && h.OwnerPersonId is not null);
        Assert.Equal(houses.Count, houses.Select(h => h.AddressId).Distinct().Count());
    }
}
