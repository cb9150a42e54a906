using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Registry.Persons;

/// <summary>户籍 (registered here), 常住 (living here, registered elsewhere), 流动 (floating population).</summary>
public enum ResidenceStatus
{
    Registered = 0,
    Resident = 1,
    Floating = 2,
}

/// <summary>
/// Care tags (关爱标签). Sensitive personal information (PIPL art. 28): stored encrypted, shown only to the
/// roles that visit, and never used in a query; what a query needs is the visit cadence they imply.
/// </summary>
public enum CareTag
{
    LivingAlone = 0,
    Elderly = 1,
    Disabled = 2,
    SubsistenceAllowance = 3,
    EntitledGroup = 4,
    LeftBehindChild = 5,
    SpecialAttention = 6,
}

/// <summary>
/// A person of the actual population (实有人口). The ID number, phone and care tags are only ever held here
/// encrypted (<see cref="PersonalDataProtector"/>); sex and birth date come from the ID number.
/// </summary>
public sealed class Person : IJurisdictional, IVersioned, IAudited
{
    public const int MaxNameLength = 32;
    public const int MaxHouseholdLength = 32;
    public const int MaxRelationLength = 16;

    private Person()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The grid (or community, until placed in a grid) the person belongs to.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string IdNumberProtected { get; private set; } = "";

    public string IdNumberHash { get; private set; } = "";

    public string IdNumberMasked { get; private set; } = "";

    public string? PhoneProtected { get; private set; }

    public string? PhoneMasked { get; private set; }

    /// <summary>The care tags as an encrypted comma-separated list; null when the person has none.</summary>
    public string? CareTagsProtected { get; private set; }

    public Sex? Sex { get; private set; }

    public DateOnly? BirthDate { get; private set; }

    public ResidenceStatus ResidenceStatus { get; private set; }

    /// <summary>The household (户) number the person is entered under, shared by its members.</summary>
    public string? Household { get; private set; }

    /// <summary>Relation to the head of household (户主, 配偶, 子女, …).</summary>
    public string? Relation { get; private set; }

    public Guid? AddressId { get; private set; }

    /// <summary>Days between care visits implied by the care tags (the shortest); null without tags.</summary>
    public int? CareCadenceDays { get; private set; }

    public DateTimeOffset? NextCareVisitDue { get; private set; }

    public DateTimeOffset? LastVisitedAt { get; private set; }

    /// <summary>When the person was recorded as having moved away (迁出); the archive and erasure periods count from here.</summary>
    public DateTimeOffset? MovedAwayAt { get; private set; }

    /// <summary>Archived: kept for the record but out of every list and worklist.</summary>
    public DateTimeOffset? ArchivedAt { get; private set; }

    /// <summary>The personal data was erased (PIPL art. 47); what is left is a row that says so.</summary>
    public DateTimeOffset? ErasedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    internal static Person Register(string jurisdictionCode, string name, string validIdNumber, ProtectedValue idNumber, ProtectedValue? phone,
        string? careTags, int? cadenceDays, Guid? addressId, ResidenceStatus status, DateTimeOffset now)
    {
        var person = new Person
        {
            Id = Guid.NewGuid(),
            JurisdictionCode = jurisdictionCode,
            Name = name,
            ResidenceStatus = status,
            AddressId = addressId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        person.SetIdNumber(validIdNumber, idNumber);
        person.SetPhone(phone);
        person.SetCareTags(careTags, cadenceDays, now);
        return person;
    }

    internal void SetIdNumber(string validIdNumber, ProtectedValue value)
    {
        IdNumberProtected = value.Protected;
        IdNumberHash = value.Hash ?? throw new ArgumentException("An ID number is stored with its hash.", nameof(value));
        IdNumberMasked = value.Masked;
        Sex = IdNumbers.SexOf(validIdNumber);
        BirthDate = IdNumbers.BirthDate(validIdNumber);
    }

    internal void SetPhone(ProtectedValue? value)
    {
        PhoneProtected = value?.Protected;
        PhoneMasked = value?.Masked;
    }

    internal void SetCareTags(string? protectedTags, int? cadenceDays, DateTimeOffset now)
    {
        CareTagsProtected = protectedTags;
        var previous = CareCadenceDays;
        CareCadenceDays = cadenceDays;
        if (cadenceDays is not { } days)
        {
            NextCareVisitDue = null;
        }
        else if (previous != days || NextCareVisitDue is null)
        {
            // A new or shorter cadence counts from the last visit, or from now when nobody has visited yet.
            NextCareVisitDue = (LastVisitedAt ?? now).AddDays(days);
        }
    }

    internal void Rename(string name) => Name = name;

    internal void Move(string jurisdictionCode, Guid? addressId)
    {
        JurisdictionCode = jurisdictionCode;
        AddressId = addressId;
    }

    internal void SetHousehold(string? household, string? relation, ResidenceStatus status)
    {
        Household = household;
        Relation = relation;
        ResidenceStatus = status;
    }

    /// <summary>A visit resets the care cadence; a visit dated before the last one changes nothing.</summary>
    internal void Visited(DateTimeOffset at)
    {
        if (LastVisitedAt is { } last && at < last)
        {
            throw new RuleViolationException(RegistryText.Get("Visit.BeforeLast"));
        }
        LastVisitedAt = at;
        if (CareCadenceDays is { } days)
        {
            NextCareVisitDue = at.AddDays(days);
        }
    }

    internal void Touch(DateTimeOffset now) => UpdatedAt = now;

    /// <summary>Recorded as moved away: no more care visits are due; archiving and erasure follow on their periods.</summary>
    internal void MoveAway(DateTimeOffset at, DateTimeOffset now)
    {
        if (MovedAwayAt is not null)
        {
            throw new RuleViolationException(RegistryText.Get("Person.AlreadyMovedAway"));
        }
        if (at > now)
        {
            throw new Platform.Actions.FieldValidationException(new Dictionary<string, string[]> { ["movedAt"] = [RegistryText.Get("Person.MovedInFuture")] });
        }
        MovedAwayAt = at;
        NextCareVisitDue = null;
        UpdatedAt = now;
    }

    /// <summary>Archived once the archive period has passed since the move.</summary>
    internal bool IsDueForArchive(DateTimeOffset now, TimeSpan archiveAfter) =>
        MovedAwayAt is { } moved && ArchivedAt is null && moved + archiveAfter <= now;

    /// <summary>Erased once the erasure period has passed since archiving.</summary>
    internal bool IsDueForErasure(DateTimeOffset now, TimeSpan eraseAfter) =>
        ArchivedAt is { } archived && ErasedAt is null && archived + eraseAfter <= now;

    internal void Archive(DateTimeOffset now)
    {
        ArchivedAt = now;
        UpdatedAt = now;
    }

    /// <summary>Erases every personal field; the row stays so that visits and the audit log still point at something that says “erased”.</summary>
    internal void Erase(DateTimeOffset now)
    {
        Name = "";
        IdNumberProtected = "";
        IdNumberHash = "";
        IdNumberMasked = "";
        PhoneProtected = null;
        PhoneMasked = null;
        CareTagsProtected = null;
        CareCadenceDays = null;
        NextCareVisitDue = null;
        Sex = null;
        BirthDate = null;
        Household = null;
        Relation = null;
        AddressId = null;
        ErasedAt = now;
        UpdatedAt = now;
    }

    public bool IsCareVisitOverdue(DateTimeOffset now) => NextCareVisitDue is { } due && due <= now;
}
