using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.SocialForces.Incubation;

/// <summary>场地, 培训, 资金, 督导.</summary>
public enum SupportKind
{
    Space,
    Training,
    Funds,
    Mentoring,
}

/// <summary>One piece of support a base gave an organisation it incubates; only funds carry an amount (in fen).</summary>
public sealed class IncubationSupport : IJurisdictional, IAudited, IMadeWithKey
{
    private IncubationSupport()
    {
    }

    public Guid Id { get; private set; }

    public Guid RecordId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public SupportKind Kind { get; private set; }

    public DateOnly On { get; private set; }

    public string Description { get; private set; } = "";

    public long? Amount { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public string? CreatedByUserId { get; private set; }

    public string? IdempotencyKey { get; private set; }

    public string AuditKey => Id.ToString();

    /// <summary>Made by <see cref="IncubationRecord.GiveSupport"/>, which checks the stage and the fields.</summary>
    internal static IncubationSupport Record(IncubationRecord record, SupportKind kind, DateOnly on, string description, long? amount,
        string recordedBy, string? createdByUserId, string? idempotencyKey, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        RecordId = record.Id,
        JurisdictionCode = record.JurisdictionCode,
        Kind = kind,
        On = on,
        Description = description,
        Amount = amount,
        RecordedBy = recordedBy,
        RecordedAt = now,
        CreatedByUserId = createdByUserId,
        IdempotencyKey = idempotencyKey,
    };
}
