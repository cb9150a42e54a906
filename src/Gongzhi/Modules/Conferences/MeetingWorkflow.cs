using Gongzhi.Components.Kit;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Conferences;

/// <summary>
/// A meeting from scheduling to closing, and the escalations it sends up and receives: every write runs through
/// <see cref="RecordActions"/> as the explicit caller; the rules of each step live on <see cref="Meeting"/> and <see cref="Escalation"/>.
/// </summary>
internal sealed class MeetingWorkflow(GongzhiDbContext db, RecordActions actions, TimeProvider clock, ShownTime shown)
{
    public async Task<List<MeetingResponse>> ListAsync(Caller caller, Guid bodyId, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        if (!await db.Set<ConferenceBody>().AnyAsync(b => b.Id == bodyId, cancellationToken))
        {
            throw new RecordNotFoundException();
        }
        // Meetings are scoped to the body's node: a lower level sees that the body exists, not its proceedings.
        var meetings = await db.Set<Meeting>().AsNoTracking().Where(m => m.BodyId == bodyId).OrderByDescending(m => m.ScheduledAt).Take(200)
            .ToListAsync(cancellationToken);
        return meetings.Select(MeetingResponse.From).ToList();
    }

    public async Task<MeetingResponse> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        var meeting = await db.Set<Meeting>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException();
        return MeetingResponse.From(meeting);
    }

    public async Task<MeetingResponse> ScheduleAsync(Caller caller, Guid bodyId, ScheduleMeetingRequest request, CancellationToken cancellationToken)
    {
        Meeting? meeting = null;
        await actions.RunAsync(caller, b => b.Id == bodyId, "schedule", null, ConferenceRules.Body, async body =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > Meeting.MaxTitleLength)
            {
                errors["title"] = [ConferencesText.Format("Field.Title", Meeting.MaxTitleLength)];
            }
            if (request.ScheduledAt is null)
            {
                errors["scheduledAt"] = [ConferencesText.Get("Meeting.When")];
            }
            if (request.Kind is { } kind && !Enum.IsDefined(kind))
            {
                errors["kind"] = [ConferencesText.Get("Meeting.Kind")];
            }
            if (request.Place is { Length: > Meeting.MaxPlaceLength })
            {
                errors["place"] = [ConferencesText.Format("Field.AtMost", Meeting.MaxPlaceLength)];
            }
            if (errors.Count > 0)
            {
                throw new FieldValidationException(errors);
            }
            meeting = Meeting.Schedule(body, request.Kind ?? MeetingKind.Planned, request.Title!, request.ScheduledAt!.Value, request.Place);
            db.Add(meeting);
            await PlacePendingEscalationsAsync(meeting, cancellationToken);
        }, cancellationToken);
        return MeetingResponse.From(meeting!);
    }

    /// <summary>Escalations from the bodies below wait for this body's next meeting; scheduling or opening one puts them on its agenda.</summary>
    private async Task PlacePendingEscalationsAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        var pending = await db.Set<Escalation>().Where(e => e.ToBodyId == meeting.BodyId && e.State == EscalationState.Pending)
            .OrderBy(e => e.EscalatedAt).ToListAsync(cancellationToken);
        foreach (var escalation in pending)
        {
            escalation.PlaceOn(meeting);
        }
    }

    private async Task<MeetingResponse> RunAsync(Caller caller, Guid id, string action, long? version, Func<Meeting, Task> apply,
        CancellationToken cancellationToken, IActionRules<Meeting>? rules = null) =>
        MeetingResponse.From(await actions.RunAsync(caller, m => m.Id == id, action, version, rules ?? ConferenceRules.Meeting, apply, cancellationToken));

    public Task<MeetingResponse> AddAgendaItemAsync(Caller caller, Guid id, AgendaItemRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, "agenda", null, meeting =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > Meeting.MaxTitleLength)
            {
                errors["title"] = [ConferencesText.Format("Field.Title", Meeting.MaxTitleLength)];
            }
            // Escalated items arrive only through an escalation, so that their answer can flow back down.
            if (request.Source is { } source && (!Enum.IsDefined(source) || source == AgendaSource.Escalation))
            {
                errors["source"] = [ConferencesText.Get("Agenda.Source")];
            }
            if (request.Source is AgendaSource.Case or AgendaSource.Proposal && request.SourceId is null)
            {
                errors["sourceId"] = [ConferencesText.Get("Agenda.SourceId")];
            }
            if (errors.Count > 0)
            {
                throw new FieldValidationException(errors);
            }
            meeting.AddAgendaItem(request.Title!, request.Source ?? AgendaSource.Member, request.SourceId, request.ProposedByOrganisationId);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<MeetingResponse> OpenAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        RunAsync(caller, id, "open", null, async meeting =>
        {
            meeting.Open(clock.GetUtcNow(), shown.Zone);
            await PlacePendingEscalationsAsync(meeting, cancellationToken);
        }, cancellationToken);

    public async Task<MeetingResponse> SignInAsync(Caller caller, Guid id, SignInRequest request, CancellationToken cancellationToken)
    {
        BodyMembership? member;
        using (db.As(caller))
        {
            member = request.MembershipId is { } memberId
                ? await db.Set<BodyMembership>().FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken)
                : null;
        }
        // A member unit's own staff sign themselves in; the body's secretary signs in anyone.
        var rules = new DelegateRules<Meeting>((who, meeting) => ConferencePermissions.RunsNode(who, meeting.JurisdictionCode)
            || (member is not null && member.BodyId == meeting.BodyId && who.OrganisationId == member.OrganisationId.ToString()));
        return await RunAsync(caller, id, "sign-in", null, meeting =>
        {
            if (member is null || member.BodyId != meeting.BodyId)
            {
                throw ConferencesText.Invalid("membershipId", "Attendance.Member");
            }
            meeting.SignIn(member, request.AttendeeName, clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken, rules);
    }

    public Task<MeetingResponse> RecordMinutesAsync(Caller caller, Guid id, MinutesRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, "minutes", request.Version, meeting =>
        {
            if (request.Version is null || request.Minutes is null)
            {
                var errors = new Dictionary<string, string[]>();
                if (request.Minutes is null)
                {
                    errors["minutes"] = [ConferencesText.Get("Minutes.Missing")];
                }
                if (request.Version is null)
                {
                    errors["version"] = [ConferencesText.Get("Field.Version")];
                }
                throw new FieldValidationException(errors);
            }
            meeting.RecordMinutes(request.Minutes);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<MeetingResponse> CloseAsync(Caller caller, Guid id, long? version, CancellationToken cancellationToken) =>
        RunAsync(caller, id, "close", version, meeting =>
        {
            meeting.Close(clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    public async Task<EscalationResponse> EscalateAsync(Caller caller, Guid id, Guid itemId, EscalateRequest request, CancellationToken cancellationToken)
    {
        Escalation? escalation = null;
        await actions.RunAsync(caller, m => m.Id == id, "escalate", null, ConferenceRules.Meeting, async meeting =>
        {
            var body = await db.Set<ConferenceBody>().FirstOrDefaultAsync(b => b.Id == meeting.BodyId, cancellationToken)
                ?? throw new RecordNotFoundException();
            var upper = body.ParentBodyId is { } parentId
                ? await db.Set<ConferenceBody>().FirstOrDefaultAsync(b => b.Id == parentId, cancellationToken)
                : null;
            if (upper is null)
            {
                throw new RuleViolationException(ConferencesText.Get("Escalation.NoUpper"));
            }
            escalation = Escalation.Raise(body, upper, meeting, itemId, request.History ?? "", clock.GetUtcNow());
            db.Add(escalation);
        }, cancellationToken);
        return EscalationResponse.From(escalation!);
    }

    /// <summary><paramref name="outgoing"/>: the escalations the body sent up; else those sent to it.</summary>
    public async Task<List<EscalationResponse>> EscalationsAsync(Caller caller, Guid bodyId, bool outgoing, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        if (!await db.Set<ConferenceBody>().AnyAsync(b => b.Id == bodyId, cancellationToken))
        {
            throw new RecordNotFoundException();
        }
        var query = db.Set<Escalation>().AsNoTracking();
        query = outgoing ? query.Where(e => e.FromBodyId == bodyId) : query.Where(e => e.ToBodyId == bodyId);
        var items = await query.OrderByDescending(e => e.EscalatedAt).Take(500).ToListAsync(cancellationToken);
        return items.Select(EscalationResponse.From).ToList();
    }

    /// <summary>The upper body answers; the answer flows back to the lower meeting's agenda item.</summary>
    public async Task<EscalationResponse> AnswerAsync(Caller caller, Guid id, AnswerRequest request, CancellationToken cancellationToken)
    {
        string? upperNode;
        using (db.As(caller))
        {
            upperNode = await (from e in db.Set<Escalation>()
                               join b in db.Set<ConferenceBody>() on e.ToBodyId equals b.Id
                               where e.Id == id
                               select b.JurisdictionCode).FirstOrDefaultAsync(cancellationToken);
        }
        var rules = new DelegateRules<Escalation>((who, _) => ConferencePermissions.RunsNode(who, upperNode!), (_, _) => upperNode is not null);
        var escalation = await actions.RunAsync(caller, e => e.Id == id, "answer", null, rules, async escalation =>
        {
            var lowerMeeting = await db.Set<Meeting>().FirstOrDefaultAsync(m => m.Id == escalation.FromMeetingId, cancellationToken)
                ?? throw new RecordNotFoundException();
            var upperMeeting = escalation.ToMeetingId is { } meetingId
                ? await db.Set<Meeting>().FirstOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
                : null;
            escalation.AnswerWith(request.Answer ?? "", lowerMeeting, upperMeeting, clock.GetUtcNow());
        }, cancellationToken);
        return EscalationResponse.From(escalation);
    }

    /// <summary>Puts a pending escalation on this meeting's agenda now, instead of waiting for the next meeting to be scheduled.</summary>
    public Task<MeetingResponse> PlaceEscalationAsync(Caller caller, Guid id, Guid escalationId, CancellationToken cancellationToken) =>
        RunAsync(caller, id, "place", null, async meeting =>
        {
            var escalation = await db.Set<Escalation>().FirstOrDefaultAsync(e => e.Id == escalationId, cancellationToken)
                ?? throw new RecordNotFoundException();
            escalation.PlaceOn(meeting);
        }, cancellationToken);
}
