using Gongzhi.Modules.Jurisdictions.Calendar;

namespace Gongzhi.Modules.Services.Applications;

/// <summary>Time limits of applications counted in whole working days on the working calendar that cases use.</summary>
public static class ServiceDays
{
    public static DateOnly Today(WorkingCalendar calendar, DateTimeOffset now) => DayIn(calendar.TimeZone, now);

    /// <summary>The local day an instant falls on in <paramref name="zone"/>.</summary>
    public static DateOnly DayIn(TimeZoneInfo zone, DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The <paramref name="days"/>th working day after <paramref name="from"/> (the day itself for 0).</summary>
    public static DateOnly AddWorkingDays(WorkingCalendar calendar, DateOnly from, int days)
    {
        var date = from;
        for (var left = days; left > 0;)
        {
            date = date.AddDays(1);
            if (calendar.IsWorkingDay(date))
            {
                left--;
            }
        }
        return date;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; 0 when <paramref name="to"/> is not later.</summary>
    public static int WorkingDaysBetween(WorkingCalendar calendar, DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (calendar.IsWorkingDay(date))
            {
                count++;
            }
        }
        return count;
    }
}
