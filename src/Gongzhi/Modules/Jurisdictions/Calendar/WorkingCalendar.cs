using System.Collections.Concurrent;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Jurisdictions.Calendar;

/// <summary>
/// Working days and office hours, the clock that every time limit in Gongzhi runs on (a case due in
/// "2 working days" must not expire over Spring Festival, and must expire on a make-up Saturday).
/// The special days are cached; <see cref="Invalidate"/> drops the cache after an edit.
/// </summary>
public sealed class WorkingCalendar
{
    // Far beyond any time limit; stops a loop if an administrator ever marks every day a holiday.
    private const int SearchHorizonDays = 366 * 5;

    private readonly Func<IReadOnlyCollection<CalendarDay>> load;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly TimeSpan cacheLifetime;
    private long generation;
    private readonly TimeZoneInfo zone;
    private readonly IReadOnlyList<(TimeOnly Start, TimeOnly End)> periods;
    private readonly ConcurrentDictionary<int, bool> warnedYears = new();
    private readonly Lock reloading = new();
    private volatile Snapshot? snapshot;

    public WorkingCalendar(IServiceScopeFactory scopes, IOptions<WorkingTimeOptions> options, TimeProvider clock, ILogger<WorkingCalendar> logger)
        : this(() => LoadFromDatabase(scopes), options.Value, clock, logger)
    {
    }

    internal WorkingCalendar(Func<IReadOnlyCollection<CalendarDay>> load, WorkingTimeOptions options, TimeProvider clock, ILogger logger)
    {
        this.load = load;
        this.clock = clock;
        this.logger = logger;
        cacheLifetime = options.CacheLifetime;
        zone = options.ResolveTimeZone();
        periods = options.ParsePeriods();
        WorkingDayLength = TimeSpan.FromTicks(periods.Sum(p => (p.End - p.Start).Ticks));
    }

    /// <summary>A calendar over fixed special days, for tools and tests that have no database.</summary>
    internal static WorkingCalendar ForDays(IEnumerable<CalendarDay> days, WorkingTimeOptions? options = null, TimeProvider? clock = null,
        ILogger? logger = null)
    {
        var list = days.ToList();
        return new WorkingCalendar(() => list, options ?? new WorkingTimeOptions(), clock ?? TimeProvider.System, logger ?? NullLogger.Instance);
    }

    /// <summary>The working time in one working day (7 hours with the default office hours).</summary>
    public TimeSpan WorkingDayLength { get; }

    /// <summary>The time zone that office hours are read in.</summary>
    public TimeZoneInfo TimeZone => zone;

    /// <summary>Drops the cached special days; the next question reloads them.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        snapshot = null;
    }

    /// <summary>
    /// True on Monday–Friday unless the day is a holiday, and on a make-up working day. Years the
    /// calendar holds no special days for fall back to Monday–Friday (and log a warning once per year).
    /// </summary>
    public bool IsWorkingDay(DateOnly date)
    {
        var current = Current();
        if (current.Days.TryGetValue(date, out var kind))
        {
            return kind == CalendarDayKind.Workday;
        }
        if (!current.Years.Contains(date.Year) && warnedYears.TryAdd(date.Year, true))
        {
            logger.LogWarning("The working calendar has no holidays for {Year}; counting Monday to Friday as working days. "
                + "Add the year's holidays under Admin → Calendar.", date.Year);
        }
        return !CalendarDay.IsWeekend(date);
    }

    /// <summary>True when <paramref name="moment"/> lies inside a working period of a working day (both ends included).</summary>
    public bool IsWorkingTime(DateTimeOffset moment)
    {
        var local = ToLocal(moment);
        var date = DateOnly.FromDateTime(local.DateTime);
        return IsWorkingDay(date) && PeriodsOn(date).Any(p => p.Start <= local && local <= p.End);
    }

    /// <summary>
    /// The moment when <paramref name="hours"/> of working time have passed after <paramref name="start"/>.
    /// Only time inside working periods of working days counts; a start outside working time begins
    /// counting at the next working period. The result always lies in a working period: an amount that
    /// runs out exactly at a period's end gives that end (12:00, not 14:00), and zero hours outside
    /// working time give the start of the next period.
    /// </summary>
    public DateTimeOffset AddWorkingHours(DateTimeOffset start, double hours)
    {
        if (double.IsNaN(hours) || double.IsInfinity(hours) || hours < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hours), hours, "Working hours must be a finite number of zero or more.");
        }
        var remaining = TimeSpan.FromHours(hours);
        var cursor = ToLocal(start);
        foreach (var (from, to) in WorkingPeriodsFrom(DateOnly.FromDateTime(cursor.DateTime)))
        {
            if (to <= cursor)
            {
                continue;
            }
            var begin = from > cursor ? from : cursor;
            var available = to - begin;
            if (remaining <= available)
            {
                return begin + remaining;
            }
            remaining -= available;
        }
        throw new InvalidOperationException($"The working calendar has no working time within {SearchHorizonDays} days of {start:O}.");
    }

    /// <summary>
    /// The moment <paramref name="days"/> working days after <paramref name="start"/>, at the same point of
    /// the working day. The point is measured in working time already done that day, so:
    /// a start inside working hours gives the same clock time on the Nth following working day;
    /// a start before opening gives the opening time (08:30); a start in the lunch break gives the end
    /// of the morning (12:00), as no work happens in between; a start after closing, or on a day off,
    /// gives the closing time (17:30) of the Nth working day after the last working day begun.
    /// For example, +1 working day from Tuesday 30 September 2025 at 16:00 (the eve of National Day)
    /// is Thursday 9 October at 16:00, and from Friday 17:45 it is Monday at 17:30.
    /// Zero days return <paramref name="start"/> unchanged.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (days == 0)
        {
            return start;
        }
        var local = ToLocal(start);
        var date = DateOnly.FromDateTime(local.DateTime);
        TimeSpan done;
        if (IsWorkingDay(date))
        {
            done = DoneOn(date, local);
        }
        else
        {
            date = Step(date, -1);
            done = WorkingDayLength;
        }
        for (var i = 0; i < days; i++)
        {
            date = Step(date, +1);
        }
        return PointOn(date, done);
    }

    /// <summary>
    /// The working time between two moments; negative when <paramref name="to"/> is before <paramref name="from"/>.
    /// The inverse of <see cref="AddWorkingHours"/>: <c>WorkingTimeBetween(s, AddWorkingHours(s, h)) == h</c>.
    /// </summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            return -WorkingTimeBetween(to, from);
        }
        var a = ToLocal(from);
        var b = ToLocal(to);
        var total = TimeSpan.Zero;
        var last = DateOnly.FromDateTime(b.DateTime);
        for (var date = DateOnly.FromDateTime(a.DateTime); date <= last; date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }
            foreach (var (start, end) in PeriodsOn(date))
            {
                var overlapStart = start > a ? start : a;
                var overlapEnd = end < b ? end : b;
                if (overlapEnd > overlapStart)
                {
                    total += overlapEnd - overlapStart;
                }
            }
        }
        return total;
    }

    private DateTimeOffset ToLocal(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, zone);

    private DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> PeriodsOn(DateOnly date) =>
        periods.Select(p => (At(date, p.Start), At(date, p.End)));

    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> WorkingPeriodsFrom(DateOnly date)
    {
        for (var i = 0; i < SearchHorizonDays; i++, date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }
            foreach (var period in PeriodsOn(date))
            {
                yield return period;
            }
        }
    }

    private TimeSpan DoneOn(DateOnly date, DateTimeOffset local)
    {
        var done = TimeSpan.Zero;
        foreach (var (start, end) in PeriodsOn(date))
        {
            if (local > start)
            {
                done += (local < end ? local : end) - start;
            }
        }
        return done;
    }

    private DateTimeOffset PointOn(DateOnly date, TimeSpan done)
    {
        var (firstStart, _) = PeriodsOn(date).First();
        if (done <= TimeSpan.Zero)
        {
            return firstStart;
        }
        var end = firstStart;
        foreach (var (start, periodEnd) in PeriodsOn(date))
        {
            var length = periodEnd - start;
            if (done <= length)
            {
                return start + done;
            }
            done -= length;
            end = periodEnd;
        }
        return end;
    }

    private DateOnly Step(DateOnly date, int direction)
    {
        for (var i = 0; i < SearchHorizonDays; i++)
        {
            date = date.AddDays(direction);
            if (IsWorkingDay(date))
            {
                return date;
            }
        }
        throw new InvalidOperationException($"The working calendar has no working day within {SearchHorizonDays} days of {date:yyyy-MM-dd}.");
    }

    private Snapshot Current()
    {
        var current = snapshot;
        if (current is not null && clock.GetUtcNow() - current.LoadedAt < cacheLifetime)
        {
            return current;
        }
        lock (reloading)
        {
            current = snapshot;
            if (current is not null && clock.GetUtcNow() - current.LoadedAt < cacheLifetime)
            {
                return current;
            }
            // An edit that lands while we load invalidates what we read: load again rather than cache the old days.
            while (true)
            {
                var loadingGeneration = Volatile.Read(ref generation);
                var days = load();
                current = new Snapshot(
                    days.ToDictionary(d => d.Date, d => d.Kind),
                    days.Select(d => d.Date.Year).ToHashSet(),
                    clock.GetUtcNow());
                if (loadingGeneration == Volatile.Read(ref generation))
                {
                    snapshot = current;
                    return current;
                }
            }
        }
    }

    private static List<CalendarDay> LoadFromDatabase(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        return db.Set<CalendarDay>().AsNoTracking().ToList();
    }

    private sealed record Snapshot(Dictionary<DateOnly, CalendarDayKind> Days, HashSet<int> Years, DateTimeOffset LoadedAt);
}
