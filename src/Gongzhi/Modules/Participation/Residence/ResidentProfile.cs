using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Participation.Residence;

public enum ResidenceState
{
    Declared,
    Verified,
    Refused,
}

/// <summary>
/// An account's declared home in a community and the community's decision on it (居民认证). Only a verified
/// resident votes, supports proposals and counts toward thresholds.
/// </summary>
public sealed class ResidentProfile : IJurisdictional, IVersioned, IAudited
{
    public const int MaxAddressLength = 200;
    public const int MaxReasonLength = 500;

    private ResidentProfile()
    {
    }

    public Guid Id { get; private set; }

    public string AccountId { get; private set; } = "";

    /// <summary>The community the resident declares to live in.</summary>
    public string JurisdictionCode { get; private set; } = "";

    /// <summary>The name the community knows the resident by, copied from the account at declaration.</summary>
    public string DisplayName { get; private set; } = "";

    public string DeclaredAddress { get; private set; } = "";

    /// <summary>The household the declared address makes the resident part of (<see cref="Households"/>): one vote per household counts these.</summary>
    public string HouseholdKey { get; private set; } = "";

    public ResidenceState State { get; private set; }

    public string? Reason { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset DeclaredAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public long Version { get; set; }

    public string AuditKey => AccountId;

    public bool IsVerified => State == ResidenceState.Verified;

    public static ResidentProfile Declare(string accountId, string displayName, string communityCode, string address, string householdKey,
        DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        AccountId = accountId,
        DisplayName = displayName,
        JurisdictionCode = communityCode,
        DeclaredAddress = address,
        HouseholdKey = householdKey,
        State = ResidenceState.Declared,
        DeclaredAt = now,
    };

    /// <summary>A new declaration (moved house, or after a refusal) waits for a new decision.</summary>
    public void Redeclare(string communityCode, string address, string householdKey, DateTimeOffset now)
    {
        JurisdictionCode = communityCode;
        DeclaredAddress = address;
        HouseholdKey = householdKey;
        State = ResidenceState.Declared;
        Reason = null;
        DecidedBy = null;
        DecidedAt = null;
        DeclaredAt = now;
    }

    public void Verify(string verifier, DateTimeOffset now)
    {
        if (State == ResidenceState.Verified)
        {
            throw new RuleViolationException(ParticipationText.Get("Rule.AlreadyVerified"));
        }
        State = ResidenceState.Verified;
        Reason = null;
        DecidedBy = verifier;
        DecidedAt = now;
    }

    /// <summary>For a declaration made before households were counted: its key, from the address it already has.</summary>
    public void AssignHousehold(string householdKey) => HouseholdKey = householdKey;

    public void Refuse(string verifier, string reason, DateTimeOffset now)
    {
        State = ResidenceState.Refused;
        Reason = reason;
        DecidedBy = verifier;
        DecidedAt = now;
    }
}
