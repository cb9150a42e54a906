using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Modules.Registry.Addresses;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Registry.Devices;

public sealed record RegisterDeviceRequest(Guid? AddressId, string? Name, DeviceKind? Kind);

public sealed record DeviceResponse(Guid Id, Guid AddressId, string JurisdictionCode, string Name, DeviceKind Kind, double Lat, double Lon,
    DateTimeOffset RegisteredAt, DateTimeOffset? LastEventAt)
{
    internal static DeviceResponse From(Device d) => new(d.Id, d.AddressId, d.JurisdictionCode, d.Name, d.Kind, d.Lat, d.Lon, d.RegisteredAt, d.LastEventAt);
}

/// <summary>The device and its key, answered once at registration: only the key's hash is kept.</summary>
public sealed record RegisteredDeviceResponse(DeviceResponse Device, string Key);

/// <param name="Event"><c>alarm</c> or <c>recovery</c>.</param>
/// <param name="Type">What is alarming (smoke, tilt, …); the device's kind when left out.</param>
public sealed record DeviceEventRequest(string? Event, string? Type = null, string? Message = null, bool? PeopleTrapped = null);

/// <param name="Outcome"><c>opened</c> (a new case), <c>repeated</c> (added to the open case), <c>recovered</c>, or <c>ignored</c>.</param>
public sealed record DeviceEventResponse(string Outcome, Guid? CaseId, string? CaseReference);

/// <summary>
/// Smart-community devices: registration with a per-device key, and the rules that turn their events into
/// cases: an alarm opens a case of the kind's category at the device's position, unless an alarm of the same
/// device and kind is open (then it is noted on that case); a recovery event notes the case and ends the alarm.
/// </summary>
public sealed class DeviceService(
    GongzhiDbContext db,
    RecordActions actions,
    CaseIntakeService intake,
    CaseWorkflow workflow,
    IOptions<RegistryOptions> options,
    TimeProvider clock)
{
    public async Task<RegisteredDeviceResponse> RegisterAsync(Caller caller, RegisterDeviceRequest request, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > Device.MaxNameLength)
        {
            errors["name"] = [RegistryText.Format("Device.NameRequired", Device.MaxNameLength)];
        }
        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = [RegistryText.Get("Device.KindRequired")];
            kind = default;
        }
        var address = request.AddressId is { } id
            ? await db.Set<StandardAddress>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            : null;
        if (address is not { Lat: not null, Lon: not null })
        {
            errors["addressId"] = [RegistryText.Get("Device.AddressRequired")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var device = Device.Register(address!.Id, address.JurisdictionCode, name, kind, address.Lat!.Value, address.Lon!.Value, HashKey(key),
            clock.GetUtcNow());
        device = await actions.CreateAsync(caller, device, RegistryPermissions.Create, PlaceRules<Device>.Instance, cancellationToken);
        return new RegisteredDeviceResponse(DeviceResponse.From(device), key);
    }

    /// <summary>The device whose key this is, or null: the comparison takes the same time whatever the key.</summary>
    public async Task<Device?> AuthenticateAsync(Guid id, string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 256)
        {
            return null;
        }
        // A device posts before anyone has signed in: it is found as the system and then proves itself with its key.
        db.Caller = Caller.System;
        var device = await db.Set<Device>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        var expected = Encoding.ASCII.GetBytes(device?.KeyHash ?? new string('0', 64));
        var given = Encoding.ASCII.GetBytes(HashKey(key));
        return CryptographicOperations.FixedTimeEquals(expected, given) && device is not null ? device : null;
    }

    public async Task<DeviceEventResponse> HandleAsync(Device device, DeviceEventRequest request, CancellationToken cancellationToken)
    {
        var type = (string.IsNullOrWhiteSpace(request.Type) ? device.Kind.ToString() : request.Type.Trim()).ToLowerInvariant();
        var message = request.Message?.Trim();
        if (type.Length > DeviceAlarm.MaxTypeLength || message is { Length: > 500 })
        {
            throw FieldValidationException.Field(type.Length > DeviceAlarm.MaxTypeLength ? "type" : "message", RegistryText.Get("Device.EventInvalid"));
        }
        var now = clock.GetUtcNow();
        var gateway = Gateway(device);
        db.Caller = gateway;
        device.Heard(now);
        var open = await db.Set<DeviceAlarm>().FirstOrDefaultAsync(a => a.DeviceId == device.Id && a.Type == type && a.RecoveredAt == null,
            cancellationToken);
        switch (request.Event?.Trim().ToLowerInvariant())
        {
            case "alarm" when open is not null:
                open.Repeated();
                var detail = await NoteAsync(gateway, open, RegistryText.Format("Device.Repeated", device.Name, message), cancellationToken);
                if (detail is not null && CaseStates.IsOpen(detail.State))
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return new DeviceEventResponse("repeated", open.CaseId, open.CaseReference);
                }
                // The case was closed while the device still alarmed, without a recovery: this alarm starts a new case.
                open.Recovered(now);
                await db.SaveChangesAsync(cancellationToken);
                return await OpenAsync(gateway, device, type, message, request.PeopleTrapped, now, cancellationToken);
            case "alarm":
                return await OpenAsync(gateway, device, type, message, request.PeopleTrapped, now, cancellationToken);
            case "recovery" when open is not null:
                open.Recovered(now);
                await db.SaveChangesAsync(cancellationToken);
                await NoteAsync(gateway, open, RegistryText.Format("Device.Recovered", device.Name, message), cancellationToken);
                return new DeviceEventResponse("recovered", open.CaseId, open.CaseReference);
            case "recovery" or "heartbeat":
                await db.SaveChangesAsync(cancellationToken);
                return new DeviceEventResponse("ignored", null, null);
            default:
                throw FieldValidationException.Field("event", RegistryText.Get("Device.EventInvalid"));
        }
    }

    private async Task<DeviceEventResponse> OpenAsync(Caller gateway, Device device, string type, string? message, bool? peopleTrapped,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var category = options.Value.DeviceCategories.GetValueOrDefault(device.Kind.ToString()) ?? "1105";
        var attributes = device.Kind switch
        {
            DeviceKind.ManholeTilt => new Dictionary<string, JsonElement> { ["coverState"] = JsonSerializer.SerializeToElement("移位") },
            DeviceKind.ElevatorAlarm => new Dictionary<string, JsonElement> { ["peopleTrapped"] = JsonSerializer.SerializeToElement(peopleTrapped == true) },
            _ => null,
        };
        var title = RegistryText.Format("Device.CaseTitle", RegistryText.Get($"Device.Kind.{device.Kind}"), device.Name);
        var description = RegistryText.Format("Device.CaseDescription", device.Name, type, message ?? "—");
        // Alarms of one device and kind are numbered: two racing alarms draw the same key and intake answers both with one case.
        var generation = await db.Set<DeviceAlarm>().CountAsync(a => a.DeviceId == device.Id && a.Type == type, cancellationToken);
        var submission = new CaseSubmission(category, CaseUrgency.Urgent, title, description, device.Lat, device.Lon, Attributes: attributes,
            ReporterName: device.Name, Channel: CaseChannel.Web, OccurredAt: now);
        IntakeResult result;
        try
        {
            result = await intake.SubmitAsync(gateway, submission, $"device:{device.Id:N}:{type}:{generation}", cancellationToken);
        }
        catch (FieldValidationException e)
        {
            throw new FieldValidationException(e.Errors);
        }
        db.Caller = gateway;
        var alarm = DeviceAlarm.Raise(device, type, result.Case.Id, result.Case.Reference, now);
        db.Add(alarm);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another alarm of the same kind was saved first: this one repeats it.
            db.ChangeTracker.Clear();
            return new DeviceEventResponse("repeated", result.Case.Id, result.Case.Reference);
        }
        return new DeviceEventResponse("opened", result.Case.Id, result.Case.Reference);
    }

    /// <summary>Adds a line to the alarm's case; null when the case cannot take one any more (gone, or closed).</summary>
    private async Task<Cases.Queries.CaseDetail?> NoteAsync(Caller gateway, DeviceAlarm alarm, string text, CancellationToken cancellationToken)
    {
        try
        {
            return await workflow.NoteAsync(gateway, alarm.CaseId, new NoteRequest(text), cancellationToken);
        }
        catch (Exception e) when (e is CaseAccessException or Platform.Problems.RuleViolationException)
        {
            return null;
        }
        finally
        {
            db.Caller = gateway;
        }
    }

    /// <summary>
    /// A device acts as the system under its own name: it may report anywhere (intake), and writes on its
    /// case's timeline in a dispatcher's stead, which is the one grant the Cases module gives for a note.
    /// </summary>
    private static Caller Gateway(Device device) =>
        Caller.System with { UserName = $"device:{device.Name}", Roles = new HashSet<string> { Roles.StreetDispatcher } };

    internal static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
