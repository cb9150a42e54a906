using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.Registry.Visits;

/// <summary>A grid worker's visit (走访) to a person or an address: where, when, what was seen, what was changed.</summary>
public sealed class Visit : IJurisdictional, IAudited
{
    public const int MaxNotesLength = 2000;

    private Visit()
    {
    }

    public Guid Id { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public Guid? PersonId { get; private set; }

    public Guid? AddressId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string? ByUserId { get; private set; }

    public string? ByName { get; private set; }

    public double? Lat { get; private set; }

    public double? Lon { get; private set; }

    public string Notes { get; private set; } = "";

    /// <summary>The fields changed on the visit, as the history names them.</summary>
    public IReadOnlyList<string> Changes { get; private set; } = [];

    public Guid? CaseId { get; private set; }

    public string? CaseReference { get; private set; }

    public string AuditKey => Id.ToString();

    internal static Visit Record(string jurisdictionCode, Guid? personId, Guid? addressId, DateTimeOffset at, string? userId, string? userName,
        double? lat, double? lon, string notes) => new()
    {
        Id = Guid.NewGuid(),
        JurisdictionCode = jurisdictionCode,
        PersonId = personId,
        AddressId = addressId,
        At = at,
        ByUserId = userId,
        ByName = userName,
        Lat = lat,
        Lon = lon,
        Notes = notes,
    };

    internal void Changed(IReadOnlyList<string> fields) => Changes = fields;

    /// <summary>The person's data is erased: what was written about them goes too; when and by whom the visit was stays.</summary>
    internal void EraseNotes() => Notes = "";

    /// <summary>One case per visit: a second request for the same visit gets the first case.</summary>
    internal void CaseOpened(Guid caseId, string reference)
    {
        CaseId = caseId;
        CaseReference = reference;
    }
}
