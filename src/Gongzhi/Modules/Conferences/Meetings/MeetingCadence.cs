using System.Globalization;
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
/// A body's regular meeting (例会): monthly on the n-th (or last) given weekday at a local time. Setting it plans
/// the next meetings ahead and invites the members; planning again adds only what is missing.
/// </summary>
public sealed class MeetingCadence : IJurisdictional, IVersioned, IAudited
{
    /// <summary><see cref="WeekOfMonth"/> value for "the last such weekday of the month".</summary>
    public const int LastWeek = 5;

    public const int MaxMonthsAhead = 12;

    private MeetingCadence()
    {
    }

    public Guid BodyId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    /// <summary>1–4: the first to fourth such weekday; 5: the last.</summary>
    public int WeekOfMonth { get; private set; }

    public DayOfWeek Day { get; private set; }

    /// <summary>Wuhan time.</summary>
    public TimeOnly Time { get; private set; }

    public string? Place { get; private set; }

    public int MonthsAhead { get; private set; }

    public long Version { get; set; }

    public string AuditKey => BodyId.ToString();

    public static MeetingCadence For(ConferenceBody body) => new() { BodyId = body.Id, JurisdictionCode = body.JurisdictionCode };

    public void Set(int weekOfMonth, DayOfWeek day, TimeOnly time, string? place, int monthsAhead)
    {
        if (weekOfMonth is < 1 or > LastWeek || !Enum.IsDefined(day))
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Cadence.Week"));
        }
        if (monthsAhead is < 1 or > MaxMonthsAhead)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Cadence.Months", MaxMonthsAhead));
        }
        if (place is { Length: > Meeting.MaxPlaceLength })
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Place", Meeting.MaxPlaceLength));
        }
        (WeekOfMonth, Day, Time, Place, MonthsAhead) = (weekOfMonth, day, time, string.IsNullOrWhiteSpace(place) ? null : place.Trim(), monthsAhead);
    }

    /// <summary>The meeting of a month, as an instant: the cadence's day and time in the working time zone.</summary>
    public DateTimeOffset OccurrenceIn(int year, int month, TimeZoneInfo zone)
    {
        DateOnly date;
        if (WeekOfMonth == LastWeek)
        {
            date = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            while (date.DayOfWeek != Day)
            {
                date = date.AddDays(-1);
            }
        }
        else
        {
            date = new DateOnly(year, month, 1);
            while (date.DayOfWeek != Day)
            {
                date = date.AddDays(1);
            }
            date = date.AddDays(7 * (WeekOfMonth - 1));
        }
        return ConferenceTime.At(date, Time, zone);
    }

    /// <summary>The next <see cref="MonthsAhead"/> meetings after <paramref name="now"/>, this month's included if it is still to come.</summary>
    public IReadOnlyList<DateTimeOffset> Upcoming(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = ConferenceTime.DayOf(now, zone);
        var result = new List<DateTimeOffset>();
        for (var (year, month) = (local.Year, local.Month); result.Count < MonthsAhead; (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1))
        {
            var at = OccurrenceIn(year, month, zone);
            if (at > now)
            {
                result.Add(at);
            }
        }
        return result;
    }
}

internal sealed class MeetingCadenceConfiguration : IEntityTypeConfiguration<MeetingCadence>
{
    public void Configure(EntityTypeBuilder<MeetingCadence> builder)
    {
        builder.ToTable("conference_cadences");
        builder.HasKey(c => c.BodyId);
        builder.Property(c => c.JurisdictionCode).HasMaxLength(15);
        builder.Property(c => c.Day).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Place).HasMaxLength(Meeting.MaxPlaceLength);
        builder.HasOne<ConferenceBody>().WithOne().HasForeignKey<MeetingCadence>(c => c.BodyId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed record CadenceResponse(Guid BodyId, int WeekOfMonth, DayOfWeek Day, string Time, string? Place, int MonthsAhead,
    IReadOnlyList<MeetingResponse> Planned, long Version);

public sealed record CadenceRequest(int? WeekOfMonth, DayOfWeek? Day, string? Time, string? Place, int? MonthsAhead);

public static class CadenceApi
{
    internal static void MapCadenceApi(this RouteGroupBuilder group)
    {
        group.MapGet("/bodies/{id:guid}/cadence", GetAsync);
        group.MapPut("/bodies/{id:guid}/cadence", SetAsync);
    }

    /// <summary>Schedules the cadence's missing meetings (one per day of the working time zone) and invites every member to each new one.</summary>
    public static async Task<List<Meeting>> PlanAsync(GongzhiDbContext db, Notifier notifier, ShownTime shown, ConferenceBody body, MeetingCadence cadence,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var upcoming = cadence.Upcoming(now, shown.Zone);
        var (first, last) = (upcoming[0].AddDays(-1), upcoming[^1].AddDays(1));
        var existing = await db.Set<Meeting>().Where(m => m.BodyId == body.Id && m.Kind == MeetingKind.Planned && m.ScheduledAt >= first && m.ScheduledAt <= last)
            .Select(m => m.ScheduledAt).ToListAsync(cancellationToken);
        var days = existing.Select(e => ConferenceTime.DayOf(e, shown.Zone)).ToHashSet();
        var planned = new List<Meeting>();
        foreach (var at in upcoming.Where(a => !days.Contains(ConferenceTime.DayOf(a, shown.Zone))))
        {
            var meeting = Meeting.Schedule(body, MeetingKind.Planned, $"{at.Year}年{at.Month}月例会", at, cadence.Place);
            db.Add(meeting);
            await MeetingInvitations.InviteMembersAsync(db, notifier, shown, meeting, null, now, cancellationToken);
            planned.Add(meeting);
        }
        return planned;
    }

    internal static async Task<Ok<CadenceResponse>> GetAsync(Guid id, MeetingCadences cadences, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await cadences.GetAsync(callers.Current, id, cancellationToken));

    internal static async Task<Ok<CadenceResponse>> SetAsync(Guid id, CadenceRequest request, MeetingCadences cadences, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await cadences.SetAsync(callers.Current, id, request, cancellationToken));

    internal static async Task<CadenceResponse> DescribeAsync(GongzhiDbContext db, MeetingCadence c, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var planned = await db.Set<Meeting>().AsNoTracking().Where(m => m.BodyId == c.BodyId && m.Kind == MeetingKind.Planned && m.ScheduledAt > now)
            .OrderBy(m => m.ScheduledAt).Take(24).ToListAsync(cancellationToken);
        return new CadenceResponse(c.BodyId, c.WeekOfMonth, c.Day, c.Time.ToString("HH:mm", CultureInfo.InvariantCulture), c.Place, c.MonthsAhead,
            planned.Select(MeetingResponse.From).ToList(), c.Version);
    }
}

/// <summary>A body's meeting cadence: set by the body's level, which plans the missing meetings and invites the members.</summary>
internal sealed class MeetingCadences(GongzhiDbContext db, RecordActions actions, Notifier notifier, TimeProvider clock, ShownTime shown)
{
    public async Task<CadenceResponse> GetAsync(Caller caller, Guid bodyId, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        var cadence = await db.Set<MeetingCadence>().AsNoTracking().FirstOrDefaultAsync(c => c.BodyId == bodyId, cancellationToken)
            ?? throw new RecordNotFoundException();
        return await CadenceApi.DescribeAsync(db, cadence, clock.GetUtcNow(), cancellationToken);
    }

    public async Task<CadenceResponse> SetAsync(Caller caller, Guid bodyId, CadenceRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        MeetingCadence? cadence = null;
        await actions.RunAsync(caller, b => b.Id == bodyId, "cadence", null, ConferenceRules.Body, async body =>
        {
            var errors = new Dictionary<string, string[]>();
            if (request.WeekOfMonth is not (>= 1 and <= MeetingCadence.LastWeek))
            {
                errors["weekOfMonth"] = [ConferencesText.Get("Cadence.Week")];
            }
            if (request.Day is not { } day || !Enum.IsDefined(day))
            {
                errors["day"] = [ConferencesText.Get("Cadence.Day")];
            }
            TimeOnly time = default;
            if (request.Time is null || !TimeOnly.TryParseExact(request.Time.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
            {
                errors["time"] = [ConferencesText.Get("Cadence.Time")];
            }
            if (request.MonthsAhead is { } months && months is < 1 or > MeetingCadence.MaxMonthsAhead)
            {
                errors["monthsAhead"] = [ConferencesText.Format("Cadence.Months", MeetingCadence.MaxMonthsAhead)];
            }
            if (request.Place is { Length: > Meeting.MaxPlaceLength })
            {
                errors["place"] = [ConferencesText.Format("Field.AtMost", Meeting.MaxPlaceLength)];
            }
            if (errors.Count > 0)
            {
                throw new FieldValidationException(errors);
            }
            cadence = await db.Set<MeetingCadence>().FirstOrDefaultAsync(c => c.BodyId == bodyId, cancellationToken);
            if (cadence is null)
            {
                cadence = MeetingCadence.For(body);
                db.Add(cadence);
            }
            cadence.Set(request.WeekOfMonth!.Value, request.Day!.Value, time, request.Place, request.MonthsAhead ?? 3);
            await CadenceApi.PlanAsync(db, notifier, shown, body, cadence, now, cancellationToken);
        }, cancellationToken);
        using var _ = db.As(caller);
        return await CadenceApi.DescribeAsync(db, cadence!, now, cancellationToken);
    }
}
