using Gongzhi.Modules.Jurisdictions.Calendar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using static Gongzhi.Tests.Calendar.Cn;

namespace Gongzhi.Tests.Calendar;

public sealed class WorkingTimeTests
{
    private readonly WorkingCalendar calendar = WuhanCalendar();

    [Theory]
    // Lunch: a start at 12:00 or in the break counts from 14:00.
    [InlineData("2026-03-03 12:00", 0.5, "2026-03-03 14:30")]
    [InlineData("2026-03-03 13:59", 0.5, "2026-03-03 14:30")]
    // Closing time: counting resumes at the next opening.
    [InlineData("2026-03-03 17:30", 0.5, "2026-03-04 09:00")]
    [InlineData("2026-03-04 00:00", 1, "2026-03-04 09:30")]
    // Weekend start: Monday morning.
    [InlineData("2026-03-07 10:00", 1, "2026-03-09 09:30")]
    [InlineData("2026-03-08 23:59", 3.5, "2026-03-09 12:00")]
    // Running out exactly at a period end gives that end, not the start of the next period.
    [InlineData("2026-03-03 08:30", 3.5, "2026-03-03 12:00")]
    [InlineData("2026-03-03 14:00", 3.5, "2026-03-03 17:30")]
    [InlineData("2026-03-03 08:30", 7, "2026-03-03 17:30")]
    [InlineData("2026-03-03 09:00", 7, "2026-03-04 09:00")]
    // Zero hours inside working time is the start; outside it is the next opening.
    [InlineData("2026-03-03 10:15", 0, "2026-03-03 10:15")]
    [InlineData("2026-03-03 12:00", 0, "2026-03-03 14:00")]
    [InlineData("2026-03-06 18:00", 0, "2026-03-09 08:30")]
    public void AddWorkingHours_OnOrdinaryDays(string start, double hours, string expected) =>
        Assert.Equal(At(expected), calendar.AddWorkingHours(At(start), hours));

    [Theory]
    // Monday before Spring Festival 2025: 1.5 h that day, then nothing until Wednesday 5 February.
    [InlineData("2025-01-27 16:00", 4, "2025-02-05 11:00")]
    // The make-up Sunday before it counts.
    [InlineData("2025-01-25 16:00", 1, "2025-01-26 09:30")]
    // Friday before Spring Festival 2026 runs into the make-up Saturday 14 February...
    [InlineData("2026-02-13 17:00", 1, "2026-02-14 09:00")]
    // ...and from there over nine days off to Tuesday 24 February.
    [InlineData("2026-02-14 17:00", 1, "2026-02-24 09:00")]
    // National Day 2025: eight days off, then Thursday 9 October.
    [InlineData("2025-09-30 15:00", 7, "2025-10-09 15:00")]
    // Four working days (28 h) from the day before National Day 2026: 9/30, 10/8, 10/9 and the make-up Saturday 10/10.
    [InlineData("2026-09-30 08:30", 28, "2026-10-10 17:30")]
    public void AddWorkingHours_AcrossHolidayBlock(string start, double hours, string expected) =>
        Assert.Equal(At(expected), calendar.AddWorkingHours(At(start), hours));

    [Fact]
    public void AddWorkingHours_AcceptsAnyOffset_AndAnswersInChinaTime()
    {
        var result = calendar.AddWorkingHours(DateTimeOffset.Parse("2025-01-27T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), 4);
        Assert.Equal(At("2025-02-05 11:00"), result);
        Assert.Equal(TimeSpan.FromHours(8), result.Offset);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void AddWorkingHours_WithBadAmount_Throws(double hours) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddWorkingHours(At("2026-03-03 10:00"), hours));

    [Theory]
    // Eve of a holiday block: one working day later is the first working day after it, same clock time.
    [InlineData("2025-09-30 16:00", 1, "2025-10-09 16:00")]
    [InlineData("2025-01-27 10:00", 1, "2025-02-05 10:00")]
    [InlineData("2026-02-13 10:00", 1, "2026-02-14 10:00")]
    [InlineData("2026-02-14 10:00", 1, "2026-02-24 10:00")]
    [InlineData("2026-09-30 15:00", 1, "2026-10-08 15:00")]
    [InlineData("2026-09-24 11:00", 2, "2026-09-29 11:00")]
    // Before opening: the opening time. In the lunch break: the end of the morning.
    [InlineData("2026-03-03 07:00", 1, "2026-03-04 08:30")]
    [InlineData("2026-03-03 12:30", 1, "2026-03-04 12:00")]
    // After closing or on a day off: the closing time of the Nth working day.
    [InlineData("2026-03-06 17:45", 1, "2026-03-09 17:30")]
    [InlineData("2026-03-07 10:00", 1, "2026-03-09 17:30")]
    [InlineData("2025-10-03 10:00", 1, "2025-10-09 17:30")]
    [InlineData("2026-03-03 10:00", 5, "2026-03-10 10:00")]
    [InlineData("2026-03-03 10:00", 0, "2026-03-03 10:00")]
    public void AddWorkingDays(string start, int days, string expected) =>
        Assert.Equal(At(expected), calendar.AddWorkingDays(At(start), days));

    [Fact]
    public void WorkingTimeBetween_AcrossSpringFestival_CountsOnlyWorkingTime()
    {
        Assert.Equal(TimeSpan.FromHours(4), calendar.WorkingTimeBetween(At("2025-01-27 16:00"), At("2025-02-05 11:00")));
        Assert.Equal(TimeSpan.FromHours(-4), calendar.WorkingTimeBetween(At("2025-02-05 11:00"), At("2025-01-27 16:00")));
        Assert.Equal(TimeSpan.FromHours(35), calendar.WorkingTimeBetween(At("2026-03-02 00:00"), At("2026-03-08 23:59")));
        Assert.Equal(TimeSpan.Zero, calendar.WorkingTimeBetween(At("2026-02-15 00:00"), At("2026-02-23 23:59")));
    }

    /// <summary>Deterministic random starts (2024–2027, so also the Monday–Friday fallback) and amounts.</summary>
    [Fact]
    public void AddWorkingHours_IsInvertedByWorkingTimeBetween_AndLandsInWorkingTime()
    {
        var random = new Random(20250128);
        var origin = At("2024-11-01 00:00");
        for (var i = 0; i < 3000; i++)
        {
            var start = origin.AddMinutes(random.Next(0, 60 * 24 * 366 * 3)).AddTicks(random.Next(0, 600_000_000));
            var hours = (i % 4) switch
            {
                0 => random.Next(0, 8),
                1 => random.Next(0, 200) / 4.0,
                2 => random.NextDouble() * 3,
                _ => random.NextDouble() * 400,
            };
            var end = calendar.AddWorkingHours(start, hours);
            Assert.True(end >= start, $"{start:O} + {hours} h went back to {end:O}");
            Assert.True(calendar.IsWorkingTime(end), $"{start:O} + {hours} h = {end:O} is outside working time");
            Assert.Equal(TimeSpan.FromHours(hours), calendar.WorkingTimeBetween(start, end));
        }
    }

    /// <summary>N working days from inside working hours is N working days' worth of hours.</summary>
    [Fact]
    public void AddWorkingDays_FromInsideWorkingHours_EqualsAddingWholeDaysOfHours()
    {
        var random = new Random(20251001);
        var checkedStarts = 0;
        for (var i = 0; i < 1000; i++)
        {
            var start = calendar.AddWorkingHours(At("2024-12-02 08:30"), random.Next(1, 7 * 60 * 400) / 60.0);
            if (start.TimeOfDay == new TimeSpan(8, 30, 0))
            {
                continue;
            }
            var days = random.Next(1, 15);
            Assert.Equal(calendar.AddWorkingHours(start, days * calendar.WorkingDayLength.TotalHours), calendar.AddWorkingDays(start, days));
            checkedStarts++;
        }
        Assert.True(checkedStarts > 900);
    }

    [Fact]
    public void CachedDays_AreReloadedAfterInvalidate_AndAfterTheirLifetime()
    {
        var loads = 0;
        var clock = new FakeTimeProvider(At("2026-03-03 10:00"));
        var days = new List<CalendarDay> { CalendarDay.Create(D("2026-03-04"), CalendarDayKind.Holiday, "测试") };
        var calendar = new WorkingCalendar(() =>
        {
            loads++;
            return days.ToList();
        }, new WorkingTimeOptions(), clock, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        Assert.False(calendar.IsWorkingDay(D("2026-03-04")));
        days.Clear();
        Assert.False(calendar.IsWorkingDay(D("2026-03-04")));
        Assert.Equal(1, loads);

        calendar.Invalidate();
        Assert.True(calendar.IsWorkingDay(D("2026-03-04")));
        Assert.Equal(2, loads);

        days.Add(CalendarDay.Create(D("2026-03-04"), CalendarDayKind.Holiday, "测试"));
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.False(calendar.IsWorkingDay(D("2026-03-04")));
        Assert.Equal(3, loads);
    }

    [Fact]
    public void ConfiguredPeriods_ReplaceTheDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WorkingTime:Periods:0"] = "09:00-12:00",
            ["WorkingTime:Periods:1"] = "13:30-18:00",
        }).Build();
        var options = new WorkingTimeOptions();
        configuration.GetSection(WorkingTimeOptions.Section).Bind(options);
        Assert.Equal(TimeSpan.FromHours(7.5), WorkingCalendar.ForDays(Days, options).WorkingDayLength);
        Assert.Equal(TimeSpan.FromHours(7), WorkingCalendar.ForDays(Days, new WorkingTimeOptions()).WorkingDayLength);
    }

    [Fact]
    public void ConfiguredHours_AreUsed()
    {
        var options = new WorkingTimeOptions { Periods = ["09:00-12:00", "13:30-18:00"] };
        var custom = WorkingCalendar.ForDays(Days, options);
        Assert.Equal(TimeSpan.FromHours(7.5), custom.WorkingDayLength);
        Assert.Equal(At("2026-03-03 13:30"), custom.AddWorkingHours(At("2026-03-03 12:00"), 0));
        Assert.Throws<InvalidOperationException>(() => WorkingCalendar.ForDays(Days, new WorkingTimeOptions { Periods = ["14:00-12:00"] }));
    }
}
