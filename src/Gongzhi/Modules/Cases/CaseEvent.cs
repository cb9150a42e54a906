using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.Cases;

/// <summary>
/// One line of a case's timeline: who did what, when, from which state to which, with the note they
/// wrote and the action's details as JSON. Written only by <see cref="Case"/>'s methods.
/// </summary>
public sealed class CaseEvent : IJurisdictional
{
    private CaseEvent()
    {
    }

    /// <summary>Database-assigned, so the timeline orders by it and a new line on a loaded case is always an insert.</summary>
    public long Id { get; private set; }

    public Guid CaseId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Actor { get; private set; } = "";

    public string? ActorUserId { get; private set; }

    public Guid? ActorOrganisationId { get; private set; }

    public string Action { get; private set; } = "";

    public CaseState FromState { get; private set; }

    public CaseState ToState { get; private set; }

    public string? Note { get; private set; }

    public string? Data { get; private set; }

    /// <summary>The case's jurisdiction when the line was written (a transfer's line keeps the old one).</summary>
    public string JurisdictionCode { get; private set; } = "";

    internal static CaseEvent Create(Guid caseId, DateTimeOffset at, CaseActor actor, string action, CaseState from, CaseState to,
        string? note, string? data, string jurisdictionCode) => new()
    {
        CaseId = caseId,
        At = at,
        Actor = actor.Name,
        ActorUserId = actor.UserId,
        ActorOrganisationId = actor.OrganisationId,
        Action = action,
        FromState = from,
        ToState = to,
        Note = note,
        Data = data,
        JurisdictionCode = jurisdictionCode,
    };
}
