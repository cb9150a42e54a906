using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Conferences;

public sealed record BodyResponse(Guid Id, string Name, string JurisdictionCode, JurisdictionLevel Level, Guid? ParentBodyId,
    Guid? ConvenerOrganisationId, long Version)
{
    internal static BodyResponse From(ConferenceBody b) => new(b.Id, b.Name, b.JurisdictionCode, b.Level, b.ParentBodyId, b.ConvenerOrganisationId, b.Version);
}

/// <summary>A member unit; the liaison's phone is masked (PIPL), as everywhere in the platform.</summary>
public sealed record MemberResponse(Guid Id, Guid OrganisationId, string? OrganisationName, OrganisationKind? Kind, string Representative,
    string? Liaison, string? LiaisonPhone, DateTimeOffset JoinedAt, DateTimeOffset? LeftAt);

public sealed record MeetingResponse(Guid Id, Guid BodyId, MeetingKind Kind, string Title, DateTimeOffset ScheduledAt, string? Place,
    MeetingState State, IReadOnlyList<AgendaItem> Agenda, IReadOnlyList<Attendance> Attendances, string? Minutes, DateTimeOffset? ClosedAt,
    long Version)
{
    internal static MeetingResponse From(Meeting m) =>
        new(m.Id, m.BodyId, m.Kind, m.Title, m.ScheduledAt, m.Place, m.State, m.Agenda, m.Attendances, m.Minutes, m.ClosedAt, m.Version);
}

public sealed record EscalationResponse(Guid Id, Guid FromBodyId, Guid ToBodyId, Guid FromMeetingId, Guid FromAgendaItemId, string Title,
    string History, EscalationState State, Guid? ToMeetingId, string? Answer, DateTimeOffset EscalatedAt, DateTimeOffset? AnsweredAt)
{
    internal static EscalationResponse From(Escalation e) => new(e.Id, e.FromBodyId, e.ToBodyId, e.FromMeetingId, e.FromAgendaItemId, e.Title,
        e.History, e.State, e.ToMeetingId, e.Answer, e.EscalatedAt, e.AnsweredAt);
}

public sealed record CreateBodyRequest(string? Name, string? JurisdictionCode, Guid? ParentBodyId, Guid? ConvenerOrganisationId);

public sealed record JoinRequest(Guid? OrganisationId, string? Representative, string? Liaison, string? LiaisonPhone);

public sealed record ScheduleMeetingRequest(string? Title, MeetingKind? Kind, DateTimeOffset? ScheduledAt, string? Place);

public sealed record AgendaItemRequest(string? Title, AgendaSource? Source, Guid? SourceId, Guid? ProposedByOrganisationId);

public sealed record SignInRequest(Guid? MembershipId, string? AttendeeName);

public sealed record MinutesRequest(string? Minutes, long? Version);

public sealed record VersionRequest(long? Version);

public sealed record EscalateRequest(string? History);

public sealed record AnswerRequest(string? Answer);
