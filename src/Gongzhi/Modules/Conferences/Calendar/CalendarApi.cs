using Gongzhi.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Conferences.Calendar;

/// <summary>Meetings as iCalendar: one meeting, and a body's feed that calendar programs subscribe to.</summary>
internal static class CalendarApi
{
    /// <summary>Meetings carry no end time; calendars show them as the usual two-hour session.</summary>
    public static readonly TimeSpan AssumedLength = TimeSpan.FromHours(2);

    /// <summary>How far back the feed reaches; later meetings are all included.</summary>
    public static readonly TimeSpan FeedHistory = TimeSpan.FromDays(180);

    public static void MapCalendarApi(this RouteGroupBuilder group)
    {
        group.MapGet("/meetings/{id:guid}/calendar.ics", MeetingAsync).Produces(StatusCodes.Status200OK, contentType: "text/calendar");
        group.MapGet("/bodies/{id:guid}/calendar.ics", BodyAsync).Produces(StatusCodes.Status200OK, contentType: "text/calendar");
    }

    internal static CalendarEvent EventOf(Meeting meeting, ConferenceBody body) => new(
        $"meeting-{meeting.Id}@gongzhi",
        meeting.ScheduledAt,
        meeting.ScheduledAt + AssumedLength,
        meeting.Title,
        meeting.Place,
        string.Join("\n", new[] { body.Name }.Concat(meeting.Agenda.Select((a, i) => $"{i + 1}. {a.Title}"))),
        meeting.State == MeetingState.Closed ? "CONFIRMED" : "TENTATIVE");

    internal static async Task<Results<ContentHttpResult, NotFound>> MeetingAsync(Guid id, GongzhiDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var meeting = await db.Set<Meeting>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        var body = meeting is null ? null : await db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == meeting.BodyId, cancellationToken);
        if (meeting is null || body is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Text(ICalendarWriter.Write(body.Name, [EventOf(meeting, body)], clock.GetUtcNow()), ICalendarWriter.ContentType);
    }

    internal static async Task<Results<ContentHttpResult, NotFound>> BodyAsync(Guid id, GongzhiDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var body = await db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (body is null)
        {
            return TypedResults.NotFound();
        }
        var now = clock.GetUtcNow();
        var since = now - FeedHistory;
        var meetings = await db.Set<Meeting>().AsNoTracking().Where(m => m.BodyId == id && m.ScheduledAt >= since).OrderBy(m => m.ScheduledAt)
            .Take(500).ToListAsync(cancellationToken);
        return TypedResults.Text(ICalendarWriter.Write(body.Name, meetings.Select(m => EventOf(m, body)), now), ICalendarWriter.ContentType);
    }
}
