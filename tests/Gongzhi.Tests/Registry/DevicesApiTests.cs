using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gongzhi.Modules.Cases.Queries;
using Gongzhi.Modules.Registry.Addresses;
using Gongzhi.Modules.Registry.Devices;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Registry.RegistryTestData;

namespace Gongzhi.Tests.Registry;

/// <summary>Smart-community devices: a key of their own, and one open case per device and kind.</summary>
public sealed class DevicesApiTests(GongzhiApp app) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => DemoAsync(app);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<RegisteredDeviceResponse> RegisterAsync(DeviceKind kind)
    {
        var address = await app.WithDbAsync(db => db.Set<StandardAddress>()
            .Where(a => a.JurisdictionCode.StartsWith(WanNian) && a.Building != null && a.Room == null).Select(a => a.Id).FirstAsync(Cancel));
        using var community = await app.ClientForAsync("community.420103001002");
        return await ReadAsync<RegisteredDeviceResponse>(await community.PostAsJsonAsync($"{Api}/devices",
            new { addressId = address, name = $"测试设备-{Guid.NewGuid().ToString("N")[..6]}", kind }, Json, Cancel), HttpStatusCode.Created);
    }

    private HttpClient DeviceClient(string key)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add("X-Device-Key", key);
        return client;
    }

    [Fact]
    public async Task Event_WithUnknownKey_Returns401()
    {
        var device = await RegisterAsync(DeviceKind.SmokeDetector);
        using var wrong = DeviceClient(device.Key + "x");
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await wrong.PostAsJsonAsync($"/api/v1/devices/{device.Device.Id}/events", new { @event = "alarm" }, Json, Cancel)).StatusCode);
        using var none = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await none.PostAsJsonAsync($"/api/v1/devices/{device.Device.Id}/events", new { @event = "alarm" }, Json, Cancel)).StatusCode);
        using var otherDevice = DeviceClient(device.Key);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await otherDevice.PostAsJsonAsync($"/api/v1/devices/{Guid.NewGuid()}/events", new { @event = "alarm" }, Json, Cancel)).StatusCode);
        var stored = await app.WithDbAsync(db => db.Set<Device>().Where(d => d.Id == device.Device.Id).Select(d => d.KeyHash).SingleAsync(Cancel));
        Assert.NotEqual(device.Key, stored);
    }

    [Fact]
    public async Task Alarms_OpenOneCasePerDeviceAndKind_RecoveryAddsToItsTimeline_ThenANewAlarmOpensANewCase()
    {
        var device = await RegisterAsync(DeviceKind.ManholeTilt);
        using var client = DeviceClient(device.Key);
        var url = $"/api/v1/devices/{device.Device.Id}/events";

        var first = await ReadAsync<DeviceEventResponse>(await client.PostAsJsonAsync(url, new { @event = "alarm", message = "倾角 35°" }, Json, Cancel),
            HttpStatusCode.Accepted);
        Assert.Equal("opened", first.Outcome);
        var again = await ReadAsync<DeviceEventResponse>(await client.PostAsJsonAsync(url, new { @event = "alarm", message = "倾角 40°" }, Json, Cancel),
            HttpStatusCode.Accepted);
        Assert.Equal("repeated", again.Outcome);
        Assert.Equal(first.CaseId, again.CaseId);

        // The key may also come as a bearer token.
        using var bearer = app.Anonymous();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", device.Key);
        var recovered = await ReadAsync<DeviceEventResponse>(await bearer.PostAsJsonAsync(url, new { @event = "recovery" }, Json, Cancel),
            HttpStatusCode.Accepted);
        Assert.Equal("recovered", recovered.Outcome);
        Assert.Equal(first.CaseId, recovered.CaseId);

        using var street = await app.ClientForAsync("street.420103001");
        var @case = await ReadAsync<CaseDetail>(await street.GetAsync($"/api/v1/cases/{first.CaseId}", Cancel), HttpStatusCode.OK);
        Assert.Equal("0401", @case.CategoryCode);
        Assert.Equal(device.Device.Lat, @case.Lat);
        var timeline = await ReadAsync<List<CaseTimelineEntry>>(await street.GetAsync($"/api/v1/cases/{first.CaseId}/timeline", Cancel), HttpStatusCode.OK);
        Assert.Equal(2, timeline.Count(e => e.Action == "note"));
        Assert.Contains(timeline, e => e.Note?.Contains("恢复") == true || e.Note?.Contains("recovered") == true);

        var next = await ReadAsync<DeviceEventResponse>(await client.PostAsJsonAsync(url, new { @event = "alarm" }, Json, Cancel), HttpStatusCode.Accepted);
        Assert.Equal("opened", next.Outcome);
        Assert.NotEqual(first.CaseId, next.CaseId);
    }

    [Fact]
    public async Task DemoSmokeDetector_RaisesAnUrgentCaseAtItsPosition()
    {
        var id = await app.WithDbAsync(db => db.Set<Device>().Where(d => d.Kind == DeviceKind.SmokeDetector && d.Name == "1栋楼道烟感")
            .Select(d => d.Id).SingleAsync(Cancel));
        using var client = DeviceClient(Gongzhi.Modules.Registry.RegistryDemo.DemoDeviceKey);
        var response = await ReadAsync<DeviceEventResponse>(await client.PostAsJsonAsync($"/api/v1/devices/{id}/events",
            new { @event = "alarm", type = "smoke" }, Json, Cancel), HttpStatusCode.Accepted);
        Assert.Contains(response.Outcome, new[] { "opened", "repeated" });
        Assert.NotNull(response.CaseId);
    }
}
