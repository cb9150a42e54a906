using System.Globalization;
using Gongzhi.Modules.Cases.Deadlines;
using Gongzhi.Modules.Notifications;
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
            throw new RuleViolationException("A closed meeting invites nobody.");
        }
        if (member.BodyId != meeting.BodyId || !member.Active)
        {
            throw new RuleViolationException("Only current member units of the body are invited.");
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

/// <summary>Invitations (notified through the <see cref="Notifier"/>) and followers of resolutions.</summary>
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

    /// <summary>Invites members (idempotent) and tells their staff; used by the API and by cadence planning.</summary>
    public static async Task<List<MeetingInvitation>> InviteMembersAsync(GongzhiDbContext db, Notifier notifier, Meeting meeting,
        IReadOnlyCollection<Guid>? membershipIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var members = await db.Set<BodyMembership>().IgnoreQueryFilters()
            .Where(m => m.BodyId == meeting.BodyId && m.LeftAt == null).ToListAsync(cancellationToken);
        if (membershipIds is { Count: > 0 })
        {
            var unknown = membershipIds.Except(members.Select(m => m.Id)).ToList();
            if (unknown.Count > 0)
            {
                throw new RuleViolationException("Only current member units of the body are invited.");
            }
            members = members.Where(m => membershipIds.Contains(m.Id)).ToList();
        }
        var already = await db.Set<MeetingInvitation>().Where(i => i.MeetingId == meeting.Id).Select(i => i.OrganisationId).ToListAsync(cancellationToken);
        var added = members.Where(m => !already.Contains(m.OrganisationId)).DistinctBy(m => m.OrganisationId)
            .Select(m => MeetingInvitation.For(meeting, m, now)).ToList();
        db.AddRange(added);
        if (added.Count > 0)
        {
            notifier.Notify(await CaseRecipients.StaffOfAsync(db, added.Select(a => a.OrganisationId).ToList(), cancellationToken), InvitedNotification,
                $"会议邀请：{meeting.Title} / Invitation: {meeting.Title}",
                $"{Local(meeting.ScheduledAt)}　{meeting.Place}", $"/conferences/meetings/{meeting.Id}");
        }
        return added;
    }

    internal static async Task<Results<Ok<List<InvitationResponse>>, NotFound, ForbidHttpResult>> InviteAsync(Guid id, InviteRequest? request,
        GongzhiDbContext db, Notifier notifier, TimeProvider clock, CancellationToken cancellationToken)
    {
        var meeting = await db.Set<Meeting>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        var body = meeting is null ? null : await db.Set<ConferenceBody>().FirstOrDefaultAsync(b => b.Id == meeting.BodyId, cancellationToken);
        if (meeting is null || body is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.Runs(db.Caller, body))
        {
            return TypedResults.Forbid();
        }
        await InviteMembersAsync(db, notifier, meeting, request?.MembershipIds, clock.GetUtcNow(), cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // A concurrent invitation of the same units got there first; what is stored is the answer.
            db.ChangeTracker.Clear();
        }
        var all = await db.Set<MeetingInvitation>().AsNoTracking().Where(i => i.MeetingId == id).OrderBy(i => i.InvitedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(all.Select(i => Describe(i, meeting)).ToList());
    }

    internal static async Task<Results<Ok<List<InvitationResponse>>, NotFound>> ListForMeetingAsync(Guid id, GongzhiDbContext db,
        CancellationToken cancellationToken)
    {
        var meeting = await db.Set<Meeting>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return TypedResults.NotFound();
        }
        var all = await db.Set<MeetingInvitation>().AsNoTracking().Where(i => i.MeetingId == id).OrderBy(i => i.InvitedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(all.Select(i => Describe(i, meeting)).ToList());
    }

    /// <summary>The invitations of the caller's organisation to meetings from yesterday on, soonest first.</summary>
    internal static async Task<Ok<List<InvitationResponse>>> MineAsync(GongzhiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(db.Caller.OrganisationId, out var org))
        {
            return TypedResults.Ok(new List<InvitationResponse>());
        }
        var since = clock.GetUtcNow().AddDays(-1);
        var rows = await (from i in db.Set<MeetingInvitation>().AsNoTracking()
                          join m in db.Set<Meeting>().IgnoreQueryFilters().AsNoTracking() on i.MeetingId equals m.Id
                          where i.OrganisationId == org && m.ScheduledAt >= since
                          orderby m.ScheduledAt
                          select new { i, m }).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => Describe(r.i, r.m)).ToList());
    }

    private static InvitationResponse Describe(MeetingInvitation i, Meeting m) =>
        new(i.Id, i.MeetingId, i.BodyId, i.OrganisationId, i.InvitedAt, m.Title, m.ScheduledAt, m.Place);

    internal static async Task<Results<NoContent, NotFound>> FollowAsync(Guid id, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        if (!await ResolutionsApi.CanReadResolutionAsync(db, id, cancellationToken) || db.Caller.UserId is not { } me)
        {
            return TypedResults.NotFound();
        }
        if (!await db.Set<ResolutionFollower>().AnyAsync(f => f.ResolutionId == id && f.UserId == me, cancellationToken))
        {
            db.Add(new ResolutionFollower(id, me));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Following twice at once is following.
            }
        }
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> UnfollowAsync(Guid id, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var me = db.Caller.UserId;
        await db.Set<ResolutionFollower>().Where(f => f.ResolutionId == id && f.UserId == me).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Tells a resolution's followers (but not the reporter) of a progress report; saved with the report.</summary>
    public static async Task NotifyFollowersAsync(GongzhiDbContext db, Notifier notifier, ConferenceTask task, decimal percent, string? note,
        CancellationToken cancellationToken)
    {
        var me = db.Caller.UserId;
        var followers = await db.Set<ResolutionFollower>().Where(f => f.ResolutionId == task.ResolutionId && f.UserId != me).Select(f => f.UserId)
            .ToListAsync(cancellationToken);
        notifier.Notify(followers, ProgressNotification, $"任务进展：{task.Title} {percent.ToString("0.##", CultureInfo.InvariantCulture)}%",
            note, $"/conferences/resolutions/{task.ResolutionId}");
    }

    /// <summary>Accounts that run a node's bodies (its staff and party organisation, by role).</summary>
    public static Task<List<string>> RunnersOfAsync(GongzhiDbContext db, string node, CancellationToken cancellationToken)
    {
        var roles = db.Roles.Where(r => ConferencePermissions.Runners.Contains(r.Name!)).Select(r => r.Id);
        return db.Users.Where(u => u.ScopeCode == node && db.UserRoles.Any(ur => ur.UserId == u.Id && roles.Contains(ur.RoleId)))
            .Select(u => u.Id).ToListAsync(cancellationToken);
    }

    internal static string Local(DateTimeOffset instant) =>
        instant.ToOffset(Venues.Venue.LocalOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
