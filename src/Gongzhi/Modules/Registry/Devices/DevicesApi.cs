using Gongzhi.Modules.Registry.Addresses;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Registry.Devices;

/// <summary>
/// Devices: registered by staff under <c>/api/v1/registry/devices</c>; their events arrive at
/// <c>/api/v1/devices/{id}/events</c>, signed with the device's own key (<c>X-Device-Key</c> or a bearer token).
/// </summary>
internal static class DevicesApi
{
    public const string KeyHeader = "X-Device-Key";

    public static void MapDevicesApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1/registry/devices").WithTags("Registry")
            .RequireAuthorization(p => p.RequireRole(RegistryPermissions.PlaceReaders));
        staff.MapGet("/", ListAsync);
        staff.MapPost("/", RegisterAsync).RequireAuthorization(p => p.RequireRole(RegistryPermissions.PlaceKeepers));

        var devices = app.MapGroup("/api/v1/devices").WithTags("Devices").AllowAnonymous();
        devices.MapPost("/{id:guid}/events", PostEventAsync);
    }

    internal static async Task<Ok<List<DeviceResponse>>> ListAsync(Guid? addressId, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Set<Device>().AsNoTracking();
        if (addressId is { } id)
        {
            query = query.Where(d => d.AddressId == id);
        }
        var devices = await query.OrderBy(d => d.JurisdictionCode).ThenBy(d => d.Name).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(devices.Select(DeviceResponse.From).ToList());
    }

    internal static async Task<Created<RegisteredDeviceResponse>> RegisterAsync(RegisterDeviceRequest request, DeviceService devices,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var registered = await devices.RegisterAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/registry/devices/{registered.Device.Id}", registered);
    }

    internal static async Task<Results<Accepted<DeviceEventResponse>, UnauthorizedHttpResult>> PostEventAsync(Guid id, DeviceEventRequest request,
        HttpRequest http, DeviceService devices, CancellationToken cancellationToken)
    {
        var key = http.Headers[KeyHeader].ToString();
        if (key.Length == 0 && http.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = auth["Bearer ".Length..].Trim();
        }
        if (await devices.AuthenticateAsync(id, key, cancellationToken) is not { } device)
        {
            return TypedResults.Unauthorized();
        }
        return TypedResults.Accepted((string?)null, await devices.HandleAsync(device, request, cancellationToken));
    }
}
