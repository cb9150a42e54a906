using System.Globalization;
using Gongzhi.Modules.Conferences.Venues;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Conferences;

public enum MeetingKind
{
    Planned = 0,
    AdHoc = 1,
}

public enum MeetingState
{
    Planned = 0,
    Open = 1,
    Closed = 2,
}

public enum AgendaSource
{
    Member = 0,
    Escalation = 1,
    Case = 2,
    Proposal = 3,
}

public enum AgendaItemStatus
{
    Open = 0,
    Settled = 1,
    Escalated = 2,
    Answered = 3,
}

/// <summary>One item on a meeting's agenda; <see cref="SourceId"/> is the escalation, case or proposal it came from.</summary>
public sealed record AgendaItem(Guid Id, string Title, AgendaSource Source, Guid? SourceId, Guid? ProposedByOrganisationId,
    AgendaItemStatus Status = AgendaItemStatus.Open, string? Answer = null);

/// <summary>A member unit's sign-in at a meeting.</summary>
public sealed record Attendance(Guid MembershipId, string? AttendeeName, DateTimeOffset SignedInAt);

/// <summary>A meeting of a body: planned by cadence or called ad hoc; agenda → sign-in → minutes → closed.</summary>
public sealed class Meeting : IJurisdictional, IVersioned, IAudited
{
    public const int MaxTitleLength = 200;
    public const int MaxPlaceLength = 200;
    public const int MaxMinutesLength = 20000;

    private Meeting()
    {
    }

    public Guid Id { get; private set; }

    public Guid BodyId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public MeetingKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    public DateTimeOffset ScheduledAt { get; private set; }

    public string? Place { get; private set; }

    public MeetingState State { get; private set; }

    public IReadOnlyList<AgendaItem> Agenda { get; private set; } = [];

    public IReadOnlyList<Attendance> Attendances { get; private set; } = [];

    public string? Minutes { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public long Version { get; set; }

    public string AuditKey => $"{JurisdictionCode}:{ScheduledAt:yyyy-MM-dd}:{Title}";

    public static Meeting Schedule(ConferenceBody body, MeetingKind kind, string title, DateTimeOffset scheduledAt, string? place)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > MaxTitleLength)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Meeting.Title", MaxTitleLength));
        }
        return new Meeting
        {
            Id = Guid.CreateVersion7(),
            BodyId = body.Id,
            JurisdictionCode = body.JurisdictionCode,
            Kind = kind,
            Title = title.Trim(),
            ScheduledAt = scheduledAt,
            Place = string.IsNullOrWhiteSpace(place) ? null : place.Trim(),
        };
    }

    public AgendaItem AddAgendaItem(string title, AgendaSource source, Guid? sourceId, Guid? proposedBy)
    {
        if (State == MeetingState.Closed)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Meeting.AgendaClosed"));
        }
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > MaxTitleLength)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Agenda.Title", MaxTitleLength));
        }
        var item = new AgendaItem(Guid.CreateVersion7(), title.Trim(), source, sourceId, proposedBy);
        Agenda = [.. Agenda, item];
        return item;
    }

    public AgendaItem FindAgendaItem(Guid itemId) =>
        Agenda.FirstOrDefault(i => i.Id == itemId) ?? throw new RuleViolationException(ConferencesText.Get("Rule.Agenda.Unknown"));

    internal void ReplaceAgendaItem(AgendaItem item) => Agenda = Agenda.Select(i => i.Id == item.Id ? item : i).ToList();

    /// <summary>Opened on the day it is set for (in the working time zone) or later: a meeting set for tomorrow is not held today.</summary>
    public void Open(DateTimeOffset now, TimeZoneInfo zone)
    {
        if (State != MeetingState.Planned)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Meeting.Open", State));
        }
        var scheduledDay = ConferenceTime.DayOf(ScheduledAt, zone);
        if (ConferenceTime.DayOf(now, zone) < scheduledDay)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Meeting.OpenEarly", scheduledDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        State = MeetingState.Open;
    }

    public void SignIn(BodyMembership member, string? attendeeName, DateTimeOffset now)
    {
        if (State != MeetingState.Open)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Meeting.SignInOpen"));
        }
        if (member.BodyId != BodyId || !member.Active)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Meeting.SignInMember"));
        }
        if (Attendances.Any(a => a.MembershipId == member.Id))
        {
            return;
        }
        Attendances = [.. Attendances, new Attendance(member.Id, string.IsNullOrWhiteSpace(attendeeName) ? null : attendeeName.Trim(), now)];
    }

    public void RecordMinutes(string minutes)
    {
        if (State == MeetingState.Closed)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Meeting.MinutesFinal"));
        }
        if (minutes.Length > MaxMinutesLength)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Meeting.MinutesLength", MaxMinutesLength));
        }
        Minutes = string.IsNullOrWhiteSpace(minutes) ? null : minutes.Trim();
    }

    /// <summary>Minutes are the record the resolutions and tasks are followed against: no minutes, no closing.</summary>
    public void Close(DateTimeOffset now)
    {
        if (State != MeetingState.Open)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Meeting.Close", State));
        }
        if (string.IsNullOrWhiteSpace(Minutes))
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Meeting.NoMinutes"));
        }
        State = MeetingState.Closed;
        ClosedAt = now;
    }
}

public enum EscalationState
{
    Pending = 0,
    OnAgenda = 1,
    Answered = 2,
}

/// <summary>
/// An agenda item a body could not settle, handed to the body above with its history. It is kept at the
/// lower body's node so that both bodies see it; the upper body's answer is written back onto the item.
/// </summary>
public sealed class Escalation : IJurisdictional, IVersioned, IAudited
{
    public const int MaxHistoryLength = 4000;

    private Escalation()
    {
    }

    public Guid Id { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public Guid FromBodyId { get; private set; }

    public Guid ToBodyId { get; private set; }

    public Guid FromMeetingId { get; private set; }

    public Guid FromAgendaItemId { get; private set; }

    public string Title { get; private set; } = "";

    public string History { get; private set; } = "";

    public EscalationState State { get; private set; }

    public Guid? ToMeetingId { get; private set; }

    public string? Answer { get; private set; }

    public DateTimeOffset EscalatedAt { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    public static Escalation Raise(ConferenceBody from, ConferenceBody to, Meeting meeting, Guid agendaItemId, string history, DateTimeOffset now)
    {
        if (from.ParentBodyId != to.Id)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Escalation.Upper"));
        }
        var item = meeting.FindAgendaItem(agendaItemId);
        if (item.Status is AgendaItemStatus.Escalated or AgendaItemStatus.Answered)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Escalation.Already"));
        }
        if (string.IsNullOrWhiteSpace(history) || history.Length > MaxHistoryLength)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Escalation.History", MaxHistoryLength));
        }
        meeting.ReplaceAgendaItem(item with { Status = AgendaItemStatus.Escalated });
        return new Escalation
        {
            Id = Guid.CreateVersion7(),
            JurisdictionCode = from.JurisdictionCode,
            FromBodyId = from.Id,
            ToBodyId = to.Id,
            FromMeetingId = meeting.Id,
            FromAgendaItemId = agendaItemId,
            Title = item.Title,
            History = history.Trim(),
            EscalatedAt = now,
        };
    }

    /// <summary>Puts the escalation on the upper body's meeting.</summary>
    public void PlaceOn(Meeting upperMeeting)
    {
        if (upperMeeting.BodyId != ToBodyId || State != EscalationState.Pending)
        {
            return;
        }
        upperMeeting.AddAgendaItem(Title, AgendaSource.Escalation, Id, null);
        ToMeetingId = upperMeeting.Id;
        State = EscalationState.OnAgenda;
    }

    /// <summary>The answer flows back down onto the lower body's item.</summary>
    public void AnswerWith(string answer, Meeting lowerMeeting, Meeting? upperMeeting, DateTimeOffset now)
    {
        if (State == EscalationState.Answered)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Escalation.Answered"));
        }
        if (string.IsNullOrWhiteSpace(answer))
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Escalation.Answer"));
        }
        Answer = answer.Trim();
        AnsweredAt = now;
        State = EscalationState.Answered;
        var item = lowerMeeting.FindAgendaItem(FromAgendaItemId);
        lowerMeeting.ReplaceAgendaItem(item with { Status = AgendaItemStatus.Answered, Answer = Answer });
        if (upperMeeting?.Agenda.FirstOrDefault(i => i.SourceId == Id) is { } upperItem)
        {
            upperMeeting.ReplaceAgendaItem(upperItem with { Status = AgendaItemStatus.Settled, Answer = Answer });
        }
    }
}
