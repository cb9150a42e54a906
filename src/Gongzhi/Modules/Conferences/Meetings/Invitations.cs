using Gongzhi.Components.Kit;
using Gongzhi.Modules.Notifications;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Conferences.Meetings;

/// <summary>
/// A member unit invited to a meeting. Not <see cref="IJurisdictional"/>: the unit may sit anywhere (a district
/// department in a street's body), so the API decides who sees it — the meeting's readers and the unit's staff.
/// The unique (meeting, organisation) key makes inviting again harmless.
/// </summary>
public sealed class MeetingInvitation
{
    private MeetingInvitation()
    {
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public Guid BodyId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public Guid OrganisationId { get; private set; }

    public Guid MembershipId { get; private set; }

    public DateTimeOffset InvitedAt { get; private set; }

    public static MeetingInvitation For(Meeting meeting, BodyMembership member, DateTimeOffset now)
    {
        if (meeting.State == MeetingState.Closed)
        {
            throw new RuleViolationException(ConferencesText.Get("Invitation.Closed"));
        }
        if (member.BodyId != meeting.BodyId || !member.Active)
        {
            throw new RuleViolationException(ConferencesText.Get("Invitation.MembersOnly"));
        }
        return new MeetingInvitation
        {
            Id = Guid.CreateVersion7(now),
            MeetingId = meeting.Id,
            BodyId = meeting.BodyId,
            JurisdictionCode = meeting.JurisdictionCode,
            OrganisationId = member.OrganisationId,
            MembershipId = member.Id,
            InvitedAt = now,
        };
    }
}

/// <summary>Someone who asked to hear of every progress report on a resolution's tasks.</summary>
public sealed class ResolutionFollower(Guid resolutionId, string userId)
{
    public Guid ResolutionId { get; private set; } = resolutionId;

    public string UserId { get; private set; } = userId;
}

internal sealed class MeetingInvitationConfiguration : IEntityTypeConfiguration<MeetingInvitation>
{
    public void Configure(EntityTypeBuilder<MeetingInvitation> builder)
    {
        builder.ToTable("conference_invitations");
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.JurisdictionCode).HasMaxLength(15);
        builder.HasIndex(i => new { i.MeetingId, i.OrganisationId }).IsUnique();
        builder.HasIndex(i => i.OrganisationId);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ResolutionFollowerConfiguration : IEntityTypeConfiguration<ResolutionFollower>
{
    public void Configure(EntityTypeBuilder<ResolutionFollower> builder)
    {
        builder.ToTable("conference_resolution_followers");
        builder.HasKey(f => new { f.ResolutionId, f.UserId });
        builder.Property(f => f.UserId).HasMaxLength(64);
        builder.HasOne<Resolution>().WithMany().HasForeignKey(f => f.ResolutionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed record InvitationResponse(Guid Id, Guid MeetingId, Guid BodyId, Guid OrganisationId, DateTimeOffset InvitedAt, string? MeetingTitle,
    DateTimeOffset? ScheduledAt, string? Place);

/// <param name="MembershipIds">Members to invite; absent or empty: every current member unit.</param>
public sealed record InviteRequest(IReadOnlyList<Guid>? MembershipIds);

/// <summary>Invitations to a meeting: who is invited, and the invitations of the caller's own unit.</summary>
internal sealed class MeetingInvitations(GongzhiDbContext db, RecordActions actions, Notifier notifier, TimeProvider clock, ShownTime shown)
{
    /// <summary>Invites members (idempotent) and tells their staff; used by the API and by cadence planning. Saved by the caller.</summary>
    public static async Task<List<MeetingInvitation>> InviteMembersAsync(GongzhiDbContext db, Notifier notifier, ShownTime shown, Meeting meeting,
        IReadOnlyCollection<Guid>? membershipIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Memberships sit at the body's node; the meeting has passed the caller's filter, so its body's members are read whatever the scope.
        var members = await db.Set<BodyMembership>().IgnoreQueryFilters()
            .Where(m => m.BodyId == meeting.BodyId && m.LeftAt == null).ToListAsync(cancellationToken);
        if (membershipIds is { Count: > 0 })
        {
            var unknown = membershipIds.Except(members.Select(m => m.Id)).ToList();
            if (unknown.Count > 0)
            {
                throw new RuleViolationException(ConferencesText.Get("Invitation.MembersOnly"));
            }
            members = members.Where(m => membershipIds.Contains(m.Id)).ToList();
        }
        var already = await db.Set<MeetingInvitation>().Where(i => i.MeetingId == meeting.Id).Select(i => i.OrganisationId).ToListAsync(cancellationToken);
        var added = members.Where(m => !already.Contains(m.OrganisationId)).DistinctBy(m => m.OrganisationId)
            .Select(m => MeetingInvitation.For(meeting, m, now)).ToList();
        db.AddRange(added);
        if (added.Count > 0)
        {
            notifier.Notify(await ConferenceRecipients.StaffOfAsync(db, added.Select(a => a.OrganisationId).ToList(), cancellationToken),
                InvitationsApi.InvitedNotification, ConferencesText.Format("Invitation.Title", meeting.Title),
                $"{shown.Text(meeting.ScheduledAt)}　{meeting.Place}", $"/conferences/meetings/{meeting.Id}");
        }
        return added;
    }

    public async Task<List<InvitationResponse>> InviteAsync(Caller caller, Guid meetingId, IReadOnlyCollection<Guid>? membershipIds,
        CancellationToken cancellationToken)
    {
        Meeting? invited = null;
        try
        {
            invited = await actions.RunAsync(caller, m => m.Id == meetingId, "invite", null, ConferenceRules.Meeting,
                meeting => InviteMembersAsync(db, notifier, shown, meeting, membershipIds, clock.GetUtcNow(), cancellationToken), cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // A concurrent invitation of the same units got there first; what is stored is the answer.
            db.ChangeTracker.Clear();
        }
        using var _ = db.As(caller);
        invited ??= await db.Set<Meeting>().AsNoTracking().FirstAsync(m => m.Id == meetingId, cancellationToken);
        return await OfMeetingAsync(invited, cancellationToken);
    }

    public async Task<List<InvitationResponse>> ListAsync(Caller caller, Guid meetingId, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        var meeting = await db.Set<Meeting>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
            ?? throw new RecordNotFoundException();
        return await OfMeetingAsync(meeting, cancellationToken);
    }

    private async Task<List<InvitationResponse>> OfMeetingAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        var all = await db.Set<MeetingInvitation>().AsNoTracking().Where(i => i.MeetingId == meeting.Id).OrderBy(i => i.InvitedAt)
            .ToListAsync(cancellationToken);
        return all.Select(i => Describe(i, meeting)).ToList();
    }

    /// <summary>The invitations of the caller's organisation to meetings from yesterday on, soonest first.</summary>
    public async Task<List<InvitationResponse>> MineAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(caller.OrganisationId, out var org))
        {
            return [];
        }
        using var _ = db.As(caller);
        var since = clock.GetUtcNow().AddDays(-1);
        // The invited unit may sit outside the meeting's node (a district department in a street's body): the invitation lets it see the meeting.
        var rows = await (from i in db.Set<MeetingInvitation>().AsNoTracking()
                          join m in db.Set<Meeting>().IgnoreQueryFilters().AsNoTracking() on i.MeetingId equals m.Id
                          where i.OrganisationId == org && m.ScheduledAt >= since
                          orderby m.ScheduledAt
                          select new { i, m }).Take(200).ToListAsync(cancellationToken);
        return rows.Select(r => Describe(r.i, r.m)).ToList();
    }

    private static InvitationResponse Describe(MeetingInvitation i, Meeting m) =>
        new(i.Id, i.MeetingId, i.BodyId, i.OrganisationId, i.InvitedAt, m.Title, m.ScheduledAt, m.Place);
}

/// <summary>Invitations and followers of resolutions: the routes of <see cref="MeetingInvitations"/> and <see cref="ResolutionWorkflow"/>.</summary>
public static class InvitationsApi
{
    public const string InvitedNotification = "conference.invited";
    public const string ProgressNotification = "conference.progress";

    internal static void MapInvitationsApi(this RouteGroupBuilder group)
    {
        group.MapPost("/meetings/{id:guid}/invitations", InviteAsync);
        group.MapGet("/meetings/{id:guid}/invitations", ListForMeetingAsync);
        group.MapGet("/invitations", MineAsync);
        group.MapPost("/resolutions/{id:guid}/follow", FollowAsync);
        group.MapDelete("/resolutions/{id:guid}/follow", UnfollowAsync);
    }

    internal static async Task<Ok<List<InvitationResponse>>> InviteAsync(Guid id, InviteRequest? request, MeetingInvitations invitations,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await invitations.InviteAsync(callers.Current, id, request?.MembershipIds, cancellationToken));

    internal static async Task<Ok<List<InvitationResponse>>> ListForMeetingAsync(Guid id, MeetingInvitations invitations, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await invitations.ListAsync(callers.Current, id, cancellationToken));

    internal static async Task<Ok<List<InvitationResponse>>> MineAsync(MeetingInvitations invitations, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await invitations.MineAsync(callers.Current, cancellationToken));

    internal static async Task<NoContent> FollowAsync(Guid id, ResolutionWorkflow resolutions, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        await resolutions.FollowAsync(callers.Current, id, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> UnfollowAsync(Guid id, ResolutionWorkflow resolutions, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        await resolutions.UnfollowAsync(callers.Current, id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Accounts that run a node's bodies (its staff and party organisation, by role).</summary>
    public static Task<List<string>> RunnersOfAsync(GongzhiDbContext db, string node, CancellationToken cancellationToken) =>
        ConferenceRecipients.RunnersOfAsync(db, node, cancellationToken);
}
