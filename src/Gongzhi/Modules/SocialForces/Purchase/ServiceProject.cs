using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.SocialForces.Purchase;

public enum MilestoneState
{
    Pending,
    Delivered,
    Accepted,
    Paid,
}

/// <summary>Money in fen (分): whole numbers compare and add the same on both engines, where decimals on SQLite would not.</summary>
public static class Fen
{
    public static long? From(decimal? yuan) => yuan is { } y && decimal.Round(y, 2) == y && y is >= 0 and <= 10_000_000_000m ? (long)(y * 100) : null;

    public static decimal Yuan(long fen) => fen / 100m;
}

/// <summary>
/// A government purchase of services (政府购买服务) by a street or the district. <see cref="Awarded"/> is the sum of its
/// contracts, changed only by a conditional update that keeps it within <see cref="Budget"/> (a check constraint too).
/// </summary>
public sealed class ServiceProject : IJurisdictional, IAudited
{
    public const int MaxTitleLength = 100;

    private ServiceProject()
    {
    }

    public Guid Id { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string? Need { get; private set; }

    /// <summary>In fen.</summary>
    public long Budget { get; private set; }

    /// <summary>Sum of the contracts awarded, in fen.</summary>
    public long Awarded { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public string AuditKey => Id.ToString();

    public static ServiceProject Publish(string? title, string? jurisdictionCode, decimal? budget, string? need, string createdBy, DateTimeOffset now)
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
        if (Fen.From(budget) is not > 0)
        {
            errors["budget"] = [SocialText.Get("Field.Amount")];
        }
        if (need?.Trim().Length > 1000)
        {
            errors["need"] = [SocialText.Format("Field.TooLong", 1000)];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        return new ServiceProject
        {
            Id = Guid.CreateVersion7(),
            Title = name,
            JurisdictionCode = jurisdictionCode!,
            Budget = Fen.From(budget)!.Value,
            Need = string.IsNullOrWhiteSpace(need) ? null : need.Trim(),
            CreatedAt = now,
            CreatedBy = createdBy,
        };
    }
}

/// <summary>A contract awarded to a social organisation, paid milestone by milestone.</summary>
public sealed class ServiceContract : IJurisdictional, IAudited
{
    private ServiceContract()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProjectId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public Guid OrganisationId { get; private set; }

    public string OrganisationName { get; private set; } = "";

    public long Amount { get; private set; }

    public DateTimeOffset AwardedAt { get; private set; }

    public string AuditKey => Id.ToString();

    public sealed record MilestoneInput(string? Title, decimal? Amount, DateOnly? DueOn);

    /// <summary>Checks the award's own figures; whether it fits the budget is the database's answer (<see cref="ProjectService"/>).</summary>
    public static (ServiceContract Contract, List<ContractMilestone> Milestones) Award(ServiceProject project, Guid organisationId,
        string organisationName, decimal? amount, IReadOnlyList<MilestoneInput>? milestones, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var total = Fen.From(amount);
        if (total is not > 0)
        {
            errors["amount"] = [SocialText.Get("Field.Amount")];
        }
        if (milestones is null || milestones.Count is 0 or > 20)
        {
            errors["milestones"] = [SocialText.Get("Contract.Milestones")];
        }
        else
        {
            for (var i = 0; i < milestones.Count; i++)
            {
                var m = milestones[i];
                if (string.IsNullOrWhiteSpace(m.Title) || m.Title.Trim().Length > 100)
                {
                    errors[$"milestones[{i}].title"] = [SocialText.Format("Field.Required", 100)];
                }
                if (Fen.From(m.Amount) is not > 0)
                {
                    errors[$"milestones[{i}].amount"] = [SocialText.Get("Field.Amount")];
                }
                if (m.DueOn is null)
                {
                    errors[$"milestones[{i}].dueOn"] = [SocialText.Get("Contract.DueOn")];
                }
            }
            if (total is > 0 && milestones.All(m => Fen.From(m.Amount) is > 0) && milestones.Sum(m => Fen.From(m.Amount)!.Value) != total)
            {
                errors["milestones"] = [SocialText.Get("Contract.MilestonesSum")];
            }
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var contract = new ServiceContract
        {
            Id = Guid.CreateVersion7(),
            ProjectId = project.Id,
            JurisdictionCode = project.JurisdictionCode,
            OrganisationId = organisationId,
            OrganisationName = organisationName,
            Amount = total!.Value,
            AwardedAt = now,
        };
        var list = milestones!.Select((m, i) => ContractMilestone.Plan(contract, i + 1, m.Title!.Trim(), Fen.From(m.Amount)!.Value, m.DueOn!.Value))
            .ToList();
        return (contract, list);
    }
}

/// <summary>A milestone: the provider delivers, the purchaser accepts, then (only then) it is paid.</summary>
public sealed class ContractMilestone : IJurisdictional, IVersioned, IAudited
{
    public const int MaxDeliverableLength = 1000;

    private ContractMilestone()
    {
    }

    public Guid Id { get; private set; }

    public Guid ContractId { get; private set; }

    public Guid ProjectId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public int Number { get; private set; }

    public string Title { get; private set; } = "";

    public long Amount { get; private set; }

    public DateOnly DueOn { get; private set; }

    public MilestoneState State { get; private set; }

    public string? Deliverable { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    internal static ContractMilestone Plan(ServiceContract contract, int number, string title, long amount, DateOnly dueOn) => new()
    {
        Id = Guid.CreateVersion7(),
        ContractId = contract.Id,
        ProjectId = contract.ProjectId,
        JurisdictionCode = contract.JurisdictionCode,
        Number = number,
        Title = title,
        Amount = amount,
        DueOn = dueOn,
        State = MilestoneState.Pending,
    };

    public void Deliver(string? deliverable, DateTimeOffset now)
    {
        if (State is not (MilestoneState.Pending or MilestoneState.Delivered))
        {
            throw new RuleViolationException(SocialText.Get("Milestone.AlreadyAccepted"));
        }
        var text = deliverable?.Trim() ?? "";
        if (text.Length is 0 or > MaxDeliverableLength)
        {
            throw FieldValidationException.Field("deliverable", SocialText.Format("Field.Required", MaxDeliverableLength));
        }
        Deliverable = text;
        DeliveredAt = now;
        State = MilestoneState.Delivered;
    }

    public void Accept(DateTimeOffset now)
    {
        if (State != MilestoneState.Delivered)
        {
            throw new RuleViolationException(SocialText.Get("Milestone.NotDelivered"));
        }
        AcceptedAt = now;
        State = MilestoneState.Accepted;
    }

    /// <summary>Sends it back to the provider: a delivery that does not meet the contract.</summary>
    public void Reject()
    {
        if (State != MilestoneState.Delivered)
        {
            throw new RuleViolationException(SocialText.Get("Milestone.NotDelivered"));
        }
        State = MilestoneState.Pending;
    }

    public void Pay(DateTimeOffset now)
    {
        if (State != MilestoneState.Accepted)
        {
            throw new RuleViolationException(State == MilestoneState.Paid
                ? SocialText.Get("Milestone.AlreadyPaid")
                : SocialText.Get("Milestone.NotAccepted"));
        }
        PaidAt = now;
        State = MilestoneState.Paid;
    }
}
