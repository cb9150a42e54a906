using Gongzhi.Modules.Jurisdictions.Calendar;
using static Gongzhi.Tests.Calendar.Cn;

namespace Gongzhi.Tests.Calendar;

/// <summary>
/// Day by day through the four longest holiday blocks. The expected days off are written out from the
/// State Council notices here, independently of the shipped file, so a typo in either shows up.
/// </summary>
public sealed class WorkingDayTests
{
    public static TheoryData<string, string, string[], string[]> Blocks => new()
    {
        // Spring Festival 2025: 1/28–2/4 off; Sunday 1/26 and Saturday 2/8 worked.
        { "2025-01-13", "2025-02-23", Dates("2025-01-28", "2025-02-04"), ["2025-01-26", "2025-02-08"] },
        // Spring Festival 2026: 2/15–2/23 off; Saturdays 2/14 and 2/28 worked.
        { "2026-02-02", "2026-03-15", Dates("2026-02-15", "2026-02-23"), ["2026-02-14", "2026-02-28"] },
        // National Day and Mid-Autumn 2025: 10/1–10/8 off; Sunday 9/28 and Saturday 10/11 worked.
        { "2025-09-15", "2025-10-26", Dates("2025-10-01", "2025-10-08"), ["2025-09-28", "2025-10-11"] },
        // Mid-Autumn 9/25–9/27 and National Day 10/1–10/7 2026 off; Sunday 9/20 and Saturday 10/10 worked.
        { "2026-09-07", "2026-10-25", [.. Dates("2026-09-25", "2026-09-27"), .. Dates("2026-10-01", "2026-10-07")], ["2026-09-20", "2026-10-10"] },
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void IsWorkingDay_AroundHolidayBlock_FollowsTheNotice(string first, string last, string[] holidays, string[] makeUpDays)
    {
        var calendar = WuhanCalendar();
        var off = holidays.Select(D).ToHashSet();
        var worked = makeUpDays.Select(D).ToHashSet();
        foreach (var day in Range(first, last))
        {
            var expected = worked.Contains(day) || (!CalendarDay.IsWeekend(day) && !off.Contains(day));
            Assert.True(expected == calendar.IsWorkingDay(day), $"{day:yyyy-MM-dd} ({day.DayOfWeek}) should be a {(expected ? "working day" : "day off")}.");
        }
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void IsWorkingDay_MakeUpWeekendDaysCount_AndHolidayWeekdaysDoNot(string first, string last, string[] holidays, string[] makeUpDays)
    {
        _ = (first, last);
        var calendar = WuhanCalendar();
        foreach (var day in makeUpDays.Select(D))
        {
            Assert.True(CalendarDay.IsWeekend(day), $"{day} is a make-up day on a weekend");
            Assert.True(calendar.IsWorkingDay(day), $"make-up day {day} counts");
        }
        foreach (var day in holidays.Select(D).Where(d => !CalendarDay.IsWeekend(d)))
        {
            Assert.False(calendar.IsWorkingDay(day), $"holiday {day} ({day.DayOfWeek}) does not count");
        }
    }

    [Fact]
    public void ShippedFile_MakeUpDaysAreAllOnWeekends()
    {
        Assert.All(Days.Where(d => d.Kind == CalendarDayKind.Workday), d => Assert.True(CalendarDay.IsWeekend(d.Date), d.AuditKey));
        Assert.Equal([2025, 2026], Days.Select(d => d.Date.Year).Distinct().Order());
    }

    [Fact]
    public void IsWorkingDay_InYearWithoutHolidays_FallsBackToMondayToFriday_AndWarnsOnce()
    {
        var log = new ListLogger();
        var calendar = WuhanCalendar(log);
        Assert.True(calendar.IsWorkingDay(D("2030-01-01")));
        Assert.False(calendar.IsWorkingDay(D("2030-01-05")));
        Assert.True(calendar.IsWorkingDay(D("2030-02-04")));
        var warning = Assert.Single(log.Entries);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("2030", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CalendarDay_WorkdayOnAWeekday_IsRejected()
    {
        var errors = CalendarDay.Validate(D("2026-03-03"), CalendarDayKind.Workday, "调休");
        Assert.Contains("kind", errors.Keys);
        Assert.Throws<Gongzhi.Platform.Problems.RuleViolationException>(() => CalendarDay.Create(D("2026-03-03"), CalendarDayKind.Workday, "调休"));
    }

    [Fact]
    public void CalendarDay_WithoutName_IsRejected()
    {
        Assert.Contains("name", CalendarDay.Validate(D("2026-03-07"), CalendarDayKind.Workday, " ").Keys);
        Assert.Empty(CalendarDay.Validate(D("2026-03-07"), CalendarDayKind.Workday, "调休"));
        Assert.Empty(CalendarDay.Validate(D("2026-03-04"), CalendarDayKind.Holiday, "城市纪念日"));
    }

    private static string[] Dates(string first, string last) => [.. Range(first, last).Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))];
}
