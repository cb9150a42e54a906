using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.Registry.Devices;

public enum DeviceKind
{
    SmokeDetector = 0,
    WaterLevel = 1,
    ManholeTilt = 2,
    DoorAccess = 3,
    ElevatorAlarm = 4,
}

/// <summary>
/// A smart-community device (智慧社区) at an address. It signs its events with a key of its own; only the
/// SHA-256 of the key is kept, so a copy of the database cannot post events.
/// </summary>
public sealed class Device : IJurisdictional, IVersioned, IAudited
{
    public const int MaxNameLength = 64;

    private Device()
    {
    }

    public Guid Id { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public Guid AddressId { get; private set; }

    public string Name { get; private set; } = "";

    public DeviceKind Kind { get; private set; }

    public double Lat { get; private set; }

    public double Lon { get; private set; }

    public string KeyHash { get; private set; } = "";

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset? LastEventAt { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    internal static Device Register(Guid addressId, string jurisdictionCode, string name, DeviceKind kind, double lat, double lon, string keyHash,
        DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        AddressId = addressId,
        JurisdictionCode = jurisdictionCode,
        Name = name,
        Kind = kind,
        Lat = lat,
        Lon = lon,
        KeyHash = keyHash,
        RegisteredAt = now,
    };

    internal void Heard(DateTimeOffset at) => LastEventAt = at;
}

/// <summary>
/// An alarm of a device that opened a case: while it is open, further alarms of the same kind add to that
/// case instead of opening another, and a recovery event closes the alarm (one open alarm per device and kind,
/// held by a unique index).
/// </summary>
public sealed class DeviceAlarm : IJurisdictional
{
    public const int MaxTypeLength = 32;

    private DeviceAlarm()
    {
    }

    public Guid Id { get; private set; }

    public Guid DeviceId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    /// <summary>The kind of alarm the device reported (smoke, tilt, …).</summary>
    public string Type { get; private set; } = "";

    public Guid CaseId { get; private set; }

    public string CaseReference { get; private set; } = "";

    public DateTimeOffset RaisedAt { get; private set; }

    public int Repeats { get; private set; }

    public DateTimeOffset? RecoveredAt { get; private set; }

    internal static DeviceAlarm Raise(Device device, string type, Guid caseId, string reference, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
        DeviceId = device.Id,
        JurisdictionCode = device.JurisdictionCode,
        Type = type,
        CaseId = caseId,
        CaseReference = reference,
        RaisedAt = at,
    };

    internal void Repeated() => Repeats++;

    internal void Recovered(DateTimeOffset at) => RecoveredAt = at;
}
