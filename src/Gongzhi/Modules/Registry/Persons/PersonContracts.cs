using Gongzhi.Platform.PersonalData;

namespace Gongzhi.Modules.Registry.Persons;

public sealed record CreatePersonRequest(string? Name, string? IdNumber, string? Phone, Guid? AddressId, string? JurisdictionCode,
    IReadOnlyList<string>? CareTags = null, ResidenceStatus? ResidenceStatus = null, string? Household = null, string? Relation = null);

/// <summary>A correction of a person; fields left null stay as they are (care tags: an empty list removes them).</summary>
public sealed record UpdatePersonRequest(long? Version, string? Name = null, string? Phone = null, Guid? AddressId = null,
    IReadOnlyList<string>? CareTags = null, ResidenceStatus? ResidenceStatus = null, string? Household = null, string? Relation = null);

public sealed record RevealRequest(string? Purpose);

/// <summary>A person as the API shows them: ID number and phone masked; care tags only to the roles that visit.</summary>
public sealed record PersonResponse(Guid Id, string JurisdictionCode, string Name, string IdNumber, string? Phone, Sex? Sex, DateOnly? BirthDate,
    ResidenceStatus ResidenceStatus, string? Household, string? Relation, Guid? AddressId, string? Address, IReadOnlyList<CareTag>? CareTags,
    DateTimeOffset? NextCareVisitDue, DateTimeOffset? LastVisitedAt, long Version, DateTimeOffset? MovedAwayAt = null,
    DateTimeOffset? ArchivedAt = null, DateTimeOffset? ErasedAt = null);

/// <summary>The person moved away on <paramref name="MovedAt"/> (today when left out).</summary>
public sealed record MoveAwayRequest(long? Version, DateTimeOffset? MovedAt = null);

/// <summary>The full values, answered once to a reveal with a purpose; the reveal is in the audit log.</summary>
public sealed record RevealedPerson(Guid Id, string Name, string IdNumber, string? Phone, string Purpose);

public sealed record PersonChangeResponse(DateTimeOffset At, string? By, string Field, string? Before, string? After, Guid? VisitId);

public sealed record PurposeResponse(string Code, string Label);
