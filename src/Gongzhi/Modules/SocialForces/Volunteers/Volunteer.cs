using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.SocialForces.Volunteers;

public enum MovementKind
{
    ServiceHours,
    Redemption,
    Adjustment,
}

/// <summary>
/// A registered volunteer (one per account). The balance and the hours are kept on the row for reading and changed
/// only together with a <see cref="PointMovement"/> in one transaction (<see cref="PointsLedger"/>), so the balance
/// always equals the sum of the movements; a check constraint keeps it from going below zero.
/// </summary>
public sealed class Volunteer : IJurisdictional, IAudited
{
    public const int MaxSkills = 10;
    public const int MaxSkillLength = 20;
    public const int MaxAvailabilityLength = 200;

    private Volunteer()
    {
    }

    public Guid Id { get; private set; }

    public string UserId { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    /// <summary>The area where the volunteer serves.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public IReadOnlyList<string> Skills { get; private set; } = [];

    public string? Availability { get; private set; }

    public long PointBalance { get; private set; }

    /// <summary>Service hours in tenths of an hour.</summary>
    public long HoursTenths { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public string AuditKey => Id.ToString();

    public static Volunteer Register(string userId, string displayName, string? jurisdictionCode, IReadOnlyList<string>? skills, string? availability,
        DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Gongzhi.Platform.Scoping.JurisdictionCode.IsWellFormed(jurisdictionCode))
        {
            errors["jurisdictionCode"] = [SocialText.Get("Field.JurisdictionCode")];
        }
        var cleaned = (skills ?? []).OfType<string>().Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        if (cleaned.Count > MaxSkills || cleaned.Any(s => s.Length > MaxSkillLength))
        {
            errors["skills"] = [SocialText.Format("Volunteer.Skills", MaxSkills, MaxSkillLength)];
        }
        if (availability?.Trim().Length > MaxAvailabilityLength)
        {
            errors["availability"] = [SocialText.Format("Field.TooLong", MaxAvailabilityLength)];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        return new Volunteer
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            DisplayName = displayName,
            JurisdictionCode = jurisdictionCode!,
            Skills = cleaned,
            Availability = string.IsNullOrWhiteSpace(availability) ? null : availability.Trim(),
            RegisteredAt = now,
        };
    }

    /// <summary>
    /// The volunteer's account was erased: the name, skills and availability go; the hours served and the points stay,
    /// as the community's record of service, under the anonymous stub.
    /// </summary>
    public void Forget(string stub)
    {
        DisplayName = stub;
        Skills = [];
        Availability = null;
    }
}

/// <summary>One movement of a volunteer's points: earned for service, spent on a reward, or corrected. Never changed.</summary>
public sealed class PointMovement
{
    private PointMovement()
    {
    }

    public Guid Id { get; private set; }

    public Guid VolunteerId { get; private set; }

    public MovementKind Kind { get; private set; }

    public long Points { get; private set; }

    public int HoursTenths { get; private set; }

    /// <summary>What the movement is for: a registration, a reward.</summary>
    public Guid? ReferenceId { get; private set; }

    public string Note { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    internal static PointMovement Create(Guid volunteerId, MovementKind kind, long points, int hoursTenths, Guid? referenceId, string note,
        DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        VolunteerId = volunteerId,
        Kind = kind,
        Points = points,
        HoursTenths = hoursTenths,
        ReferenceId = referenceId,
        Note = note.Length > 100 ? note[..100] : note,
        At = at,
    };
}

/// <summary>A reward listed by an area, redeemable for points while stock lasts.</summary>
public sealed class Reward : IVisibleToDescendants, IAudited
{
    public const int MaxTitleLength = 100;

    private Reward()
    {
    }

    public Guid Id { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public string Title { get; private set; } = "";

    public long Cost { get; private set; }

    /// <summary>Left to redeem; never below zero (a check constraint).</summary>
    public int Stock { get; private set; }

    public bool Withdrawn { get; private set; }

    public string AuditKey => Id.ToString();

    public static Reward List(string? title, string? jurisdictionCode, long? cost, int? stock)
    {
        var errors = new Dictionary<string, string[]>();
        var name = title?.Trim() ?? "";
        if (name.Length is 0 or > MaxTitleLength)
        {
            errors["title"] = [SocialText.Format("Field.Required", MaxTitleLength)];
        }
        if (!Gongzhi.Platform.Scoping.JurisdictionCode.IsWellFormed(jurisdictionCode))
        {
            errors["jurisdictionCode"] = [SocialText.Get("Field.JurisdictionCode")];
        }
        if (cost is null or < 1 or > 1_000_000)
        {
            errors["cost"] = [SocialText.Get("Reward.Cost")];
        }
        if (stock is null or < 0 or > 1_000_000)
        {
            errors["stock"] = [SocialText.Get("Reward.Stock")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        return new Reward { Id = Guid.CreateVersion7(), Title = name, JurisdictionCode = jurisdictionCode!, Cost = cost!.Value, Stock = stock!.Value };
    }

    public void EnsureRedeemable()
    {
        if (Withdrawn)
        {
            throw new RuleViolationException(SocialText.Get("Reward.Withdrawn"));
        }
    }
}
