using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

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

/// <summary>Bodies, members, meetings and escalations under <c>/api/v1/conferences</c>.</summary>
internal static class ConferencesApi
{
    public static RouteGroupBuilder MapConferencesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/conferences").WithTags("Conferences")
            .RequireAuthorization(p => p.RequireRole(ConferencePermissions.Readers));
        group.MapGet("/bodies", ListBodiesAsync);
        group.MapGet("/bodies/{id:guid}", GetBodyAsync);
        group.MapPost("/bodies", CreateBodyAsync);
        group.MapGet("/bodies/{id:guid}/members", ListMembersAsync);
        group.MapPost("/bodies/{id:guid}/members", JoinAsync);
        group.MapPost("/members/{id:guid}/leave", LeaveAsync);
        group.MapGet("/bodies/{id:guid}/meetings", ListMeetingsAsync);
        group.MapPost("/bodies/{id:guid}/meetings", ScheduleAsync);
        group.MapGet("/meetings/{id:guid}", GetMeetingAsync);
        group.MapPost("/meetings/{id:guid}/agenda", AddAgendaItemAsync);
        group.MapPost("/meetings/{id:guid}/open", OpenAsync);
        group.MapPost("/meetings/{id:guid}/attendance", SignInAsync);
        group.MapPut("/meetings/{id:guid}/minutes", RecordMinutesAsync);
        group.MapPost("/meetings/{id:guid}/close", CloseAsync);
        group.MapPost("/meetings/{id:guid}/agenda/{itemId:guid}/escalate", EscalateAsync);
        group.MapGet("/bodies/{id:guid}/escalations", ListEscalationsAsync);
        group.MapPost("/escalations/{id:guid}/answer", AnswerAsync);
        return group;
    }

    internal static async Task<Results<Ok<List<BodyResponse>>, ValidationProblem, ForbidHttpResult>> ListBodiesAsync(string? scope,
        GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Set<ConferenceBody>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(scope))
        {
            if (!JurisdictionCode.IsWellFormed(scope))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scope"] = ["Not a jurisdiction code."] });
            }
            if (!db.Caller.CanSee(scope))
            {
                return TypedResults.Forbid();
            }
            var prefix = JurisdictionCode.QueryPrefix(scope);
            query = query.Where(b => b.JurisdictionCode.StartsWith(prefix));
        }
        var bodies = await query.OrderBy(b => b.JurisdictionCode).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(bodies.Select(BodyResponse.From).ToList());
    }

    internal static async Task<Results<Ok<BodyResponse>, NotFound>> GetBodyAsync(Guid id, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var body = await db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        return body is null ? TypedResults.NotFound() : TypedResults.Ok(BodyResponse.From(body));
    }

    internal static async Task<Results<Created<BodyResponse>, ValidationProblem, ForbidHttpResult>> CreateBodyAsync(CreateBodyRequest request,
        GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > ConferenceBody.MaxNameLength)
        {
            errors["name"] = [$"Give a name of at most {ConferenceBody.MaxNameLength} characters."];
        }
        if (!JurisdictionCode.IsWellFormed(request.JurisdictionCode) || request.JurisdictionCode == JurisdictionCode.City)
        {
            errors["jurisdictionCode"] = ["A district, street, community or grid code."];
        }
        ConferenceBody? parent = null;
        if (request.ParentBodyId is { } parentId)
        {
            parent = await db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == parentId, cancellationToken);
            if (parent is null)
            {
                errors["parentBodyId"] = ["There is no such body."];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!ConferencePermissions.RunsNode(db.Caller, request.JurisdictionCode!) && !db.Caller.IsAdmin)
        {
            return TypedResults.Forbid();
        }
        var body = ConferenceBody.Create(request.Name!, request.JurisdictionCode!, parent, request.ConvenerOrganisationId);
        db.Add(body);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/conferences/bodies/{body.Id}", BodyResponse.From(body));
    }

    /// <summary>The contact directory of a body's member units; <c>history=true</c> includes units that have left.</summary>
    internal static async Task<Results<Ok<List<MemberResponse>>, NotFound>> ListMembersAsync(Guid id, bool? history, GongzhiDbContext db,
        CancellationToken cancellationToken)
    {
        if (!await db.Set<ConferenceBody>().AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var query = db.Set<BodyMembership>().AsNoTracking().Where(m => m.BodyId == id);
        if (history != true)
        {
            query = query.Where(m => m.LeftAt == null);
        }
        var members = await query.OrderBy(m => m.JoinedAt).ToListAsync(cancellationToken);
        var orgIds = members.Select(m => m.OrganisationId).Distinct().ToList();
        // Member units may sit outside the caller's sight (a resident unit of another street); their names are part of the directory.
        var organisations = await db.Set<Organisation>().IgnoreQueryFilters().AsNoTracking().Where(o => orgIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, cancellationToken);
        return TypedResults.Ok(members.Select(m => new MemberResponse(m.Id, m.OrganisationId, organisations.GetValueOrDefault(m.OrganisationId)?.Name,
            organisations.GetValueOrDefault(m.OrganisationId)?.Kind, m.Representative, m.Liaison, Masks.Phone(m.LiaisonPhone),
            m.JoinedAt, m.LeftAt)).ToList());
    }

    internal static async Task<Results<Created<MemberResponse>, NotFound, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> JoinAsync(Guid id,
        JoinRequest request, GongzhiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await db.Set<ConferenceBody>().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (body is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.Runs(db.Caller, body))
        {
            return TypedResults.Forbid();
        }
        var errors = new Dictionary<string, string[]>();
        Organisation? organisation = null;
        if (request.OrganisationId is { } orgId)
        {
            organisation = await db.Set<Organisation>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, cancellationToken);
        }
        if (organisation is null)
        {
            errors["organisationId"] = ["Name an existing organisation."];
        }
        if (string.IsNullOrWhiteSpace(request.Representative) || request.Representative.Trim().Length > BodyMembership.MaxPersonLength)
        {
            errors["representative"] = [$"Name the representative (at most {BodyMembership.MaxPersonLength} characters)."];
        }
        if (request.Liaison is { Length: > BodyMembership.MaxPersonLength })
        {
            errors["liaison"] = [$"At most {BodyMembership.MaxPersonLength} characters."];
        }
        if (!string.IsNullOrWhiteSpace(request.LiaisonPhone) && Organisation.Validate(null, "x", null, OrganisationKind.Department, "420103", request.LiaisonPhone, null)
                .ContainsKey("phone"))
        {
            errors["liaisonPhone"] = ["Digits, spaces, '+' and '-' only."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await db.Set<BodyMembership>().AnyAsync(m => m.BodyId == id && m.OrganisationId == organisation!.Id && m.LeftAt == null, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "This organisation is already a member.");
        }
        var membership = BodyMembership.Join(body, organisation!.Id, request.Representative!, request.Liaison, request.LiaisonPhone, clock.GetUtcNow());
        db.Add(membership);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/conferences/bodies/{id}/members", new MemberResponse(membership.Id, organisation.Id, organisation.Name,
            organisation.Kind, membership.Representative, membership.Liaison, Masks.Phone(membership.LiaisonPhone), membership.JoinedAt, null));
    }

    internal static async Task<Results<NoContent, NotFound, ForbidHttpResult>> LeaveAsync(Guid id, GongzhiDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var membership = await db.Set<BodyMembership>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        var body = membership is null ? null : await db.Set<ConferenceBody>().FirstOrDefaultAsync(b => b.Id == membership.BodyId, cancellationToken);
        if (membership is null || body is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.Runs(db.Caller, body))
        {
            return TypedResults.Forbid();
        }
        membership.Leave(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<List<MeetingResponse>>, NotFound>> ListMeetingsAsync(Guid id, GongzhiDbContext db,
        CancellationToken cancellationToken)
    {
        if (!await db.Set<ConferenceBody>().AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        // Meetings are scoped to the body's node: a lower level sees that the body exists, not its proceedings.
        var meetings = await db.Set<Meeting>().AsNoTracking().Where(m => m.BodyId == id).OrderByDescending(m => m.ScheduledAt).Take(200)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(meetings.Select(MeetingResponse.From).ToList());
    }

    internal static async Task<Results<Created<MeetingResponse>, NotFound, ValidationProblem, ForbidHttpResult>> ScheduleAsync(Guid id,
        ScheduleMeetingRequest request, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var body = await db.Set<ConferenceBody>().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (body is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.Runs(db.Caller, body))
        {
            return TypedResults.Forbid();
        }
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > Meeting.MaxTitleLength)
        {
            errors["title"] = [$"Give a title of at most {Meeting.MaxTitleLength} characters."];
        }
        if (request.ScheduledAt is null)
        {
            errors["scheduledAt"] = ["When is the meeting?"];
        }
        if (request.Kind is { } kind && !Enum.IsDefined(kind))
        {
            errors["kind"] = ["Planned or AdHoc."];
        }
        if (request.Place is { Length: > Meeting.MaxPlaceLength })
        {
            errors["place"] = [$"At most {Meeting.MaxPlaceLength} characters."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var meeting = Meeting.Schedule(body, request.Kind ?? MeetingKind.Planned, request.Title!, request.ScheduledAt!.Value, request.Place);
        db.Add(meeting);
        await PlacePendingEscalationsAsync(db, meeting, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/conferences/meetings/{meeting.Id}", MeetingResponse.From(meeting));
    }

    /// <summary>Escalations from the bodies below wait for this body's next meeting; scheduling or opening one puts them on its agenda.</summary>
    private static async Task PlacePendingEscalationsAsync(GongzhiDbContext db, Meeting meeting, CancellationToken cancellationToken)
    {
        var pending = await db.Set<Escalation>().Where(e => e.ToBodyId == meeting.BodyId && e.State == EscalationState.Pending)
            .OrderBy(e => e.EscalatedAt).ToListAsync(cancellationToken);
        foreach (var escalation in pending)
        {
            escalation.PlaceOn(meeting);
        }
    }

    internal static async Task<Results<Ok<MeetingResponse>, NotFound>> GetMeetingAsync(Guid id, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var meeting = await db.Set<Meeting>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        return meeting is null ? TypedResults.NotFound() : TypedResults.Ok(MeetingResponse.From(meeting));
    }

    private static async Task<(Meeting? Meeting, ConferenceBody? Body)> LoadMeetingAsync(GongzhiDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var meeting = await db.Set<Meeting>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        var body = meeting is null ? null : await db.Set<ConferenceBody>().FirstOrDefaultAsync(b => b.Id == meeting.BodyId, cancellationToken);
        return (meeting, body);
    }

    internal static async Task<Results<Ok<MeetingResponse>, NotFound, ValidationProblem, ForbidHttpResult>> AddAgendaItemAsync(Guid id,
        AgendaItemRequest request, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var (meeting, body) = await LoadMeetingAsync(db, id, cancellationToken);
        if (meeting is null || body is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.Runs(db.Caller, body))
        {
            return TypedResults.Forbid();
        }
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > Meeting.MaxTitleLength)
        {
            errors["title"] = [$"Give a title of at most {Meeting.MaxTitleLength} characters."];
        }
        // Escalated items arrive only through an escalation, so that their answer can flow back down.
        if (request.Source is { } source && (!Enum.IsDefined(source) || source == AgendaSource.Escalation))
        {
            errors["source"] = ["Member, Case or Proposal."];
        }
        if (request.Source is AgendaSource.Case or AgendaSource.Proposal && request.SourceId is null)
        {
            errors["sourceId"] = ["Name the case or proposal."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        meeting.AddAgendaItem(request.Title!, request.Source ?? AgendaSource.Member, request.SourceId, request.ProposedByOrganisationId);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(MeetingResponse.From(meeting));
    }

    internal static async Task<Results<Ok<MeetingResponse>, NotFound, ForbidHttpResult>> OpenAsync(Guid id, GongzhiDbContext db,
        CancellationToken cancellationToken)
    {
        var (meeting, body) = await LoadMeetingAsync(db, id, cancellationToken);
        if (meeting is null || body is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.Runs(db.Caller, body))
        {
            return TypedResults.Forbid();
        }
        meeting.Open();
        await PlacePendingEscalationsAsync(db, meeting, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(MeetingResponse.From(meeting));
    }

    internal static async Task<Results<Ok<MeetingResponse>, NotFound, ValidationProblem, ForbidHttpResult>> SignInAsync(Guid id,
        SignInRequest request, GongzhiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (meeting, body) = await LoadMeetingAsync(db, id, cancellationToken);
        if (meeting is null || body is null)
        {
            return TypedResults.NotFound();
        }
        var member = request.MembershipId is { } memberId
            ? await db.Set<BodyMembership>().FirstOrDefaultAsync(m => m.Id == memberId && m.BodyId == body.Id, cancellationToken)
            : null;
        // A member unit's own staff sign themselves in; the body's secretary signs in anyone.
        var mayAct = ConferencePermissions.Runs(db.Caller, body) || (member is not null && db.Caller.OrganisationId == member.OrganisationId.ToString());
        if (!mayAct)
        {
            return TypedResults.Forbid();
        }
        if (member is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["membershipId"] = ["Name a member unit of this body."] });
        }
        meeting.SignIn(member, request.AttendeeName, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(MeetingResponse.From(meeting));
    }

    internal static async Task<Results<Ok<MeetingResponse>, NotFound, ValidationProblem, ForbidHttpResult>> RecordMinutesAsync(Guid id,
        MinutesRequest request, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var (meeting, body) = await LoadMeetingAsync(db, id, cancellationToken);
        if (meeting is null || body is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.Runs(db.Caller, body))
        {
            return TypedResults.Forbid();
        }
        if (request.Version is null || request.Minutes is null)
        {
            var errors = new Dictionary<string, string[]>();
            if (request.Minutes is null)
            {
                errors["minutes"] = ["Send the minutes."];
            }
            if (request.Version is null)
            {
                errors["version"] = ["Send the version you read, so that a concurrent change is not overwritten."];
            }
            return TypedResults.ValidationProblem(errors);
        }
        db.Entry(meeting).Property(m => m.Version).OriginalValue = request.Version.Value;
        meeting.RecordMinutes(request.Minutes);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(MeetingResponse.From(meeting));
    }

    internal static async Task<Results<Ok<MeetingResponse>, NotFound, ForbidHttpResult>> CloseAsync(Guid id, VersionRequest? request,
        GongzhiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (meeting, body) = await LoadMeetingAsync(db, id, cancellationToken);
        if (meeting is null || body is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.Runs(db.Caller, body))
        {
            return TypedResults.Forbid();
        }
        if (request?.Version is { } version)
        {
            db.Entry(meeting).Property(m => m.Version).OriginalValue = version;
        }
        meeting.Close(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(MeetingResponse.From(meeting));
    }

    internal static async Task<Results<Created<EscalationResponse>, NotFound, ForbidHttpResult, ProblemHttpResult>> EscalateAsync(Guid id, Guid itemId,
        EscalateRequest request, GongzhiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (meeting, body) = await LoadMeetingAsync(db, id, cancellationToken);
        if (meeting is null || body is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.Runs(db.Caller, body))
        {
            return TypedResults.Forbid();
        }
        var upper = body.ParentBodyId is { } parentId
            ? await db.Set<ConferenceBody>().FirstOrDefaultAsync(b => b.Id == parentId, cancellationToken)
            : null;
        if (upper is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "This body has no body above it.");
        }
        var escalation = Escalation.Raise(body, upper, meeting, itemId, request.History ?? "", clock.GetUtcNow());
        db.Add(escalation);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/conferences/escalations/{escalation.Id}", EscalationResponse.From(escalation));
    }

    /// <summary><c>direction=incoming</c> (default): escalations sent to this body; <c>outgoing</c>: those it sent up.</summary>
    internal static async Task<Results<Ok<List<EscalationResponse>>, NotFound>> ListEscalationsAsync(Guid id, string? direction, GongzhiDbContext db,
        CancellationToken cancellationToken)
    {
        if (!await db.Set<ConferenceBody>().AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var query = db.Set<Escalation>().AsNoTracking();
        query = direction == "outgoing" ? query.Where(e => e.FromBodyId == id) : query.Where(e => e.ToBodyId == id);
        var items = await query.OrderByDescending(e => e.EscalatedAt).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(items.Select(EscalationResponse.From).ToList());
    }

    internal static async Task<Results<Ok<EscalationResponse>, NotFound, ForbidHttpResult>> AnswerAsync(Guid id, AnswerRequest request,
        GongzhiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var escalation = await db.Set<Escalation>().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        var upper = escalation is null ? null : await db.Set<ConferenceBody>().FirstOrDefaultAsync(b => b.Id == escalation.ToBodyId, cancellationToken);
        var lowerMeeting = escalation is null ? null : await db.Set<Meeting>().FirstOrDefaultAsync(m => m.Id == escalation.FromMeetingId, cancellationToken);
        if (escalation is null || upper is null || lowerMeeting is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.Runs(db.Caller, upper))
        {
            return TypedResults.Forbid();
        }
        var upperMeeting = escalation.ToMeetingId is { } meetingId
            ? await db.Set<Meeting>().FirstOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
            : null;
        escalation.AnswerWith(request.Answer ?? "", lowerMeeting, upperMeeting, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(EscalationResponse.From(escalation));
    }
}
