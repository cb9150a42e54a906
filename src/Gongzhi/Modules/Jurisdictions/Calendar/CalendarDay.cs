using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Jurisdictions.Calendar;

public enum CalendarDayKind
{
    /// <summary>A day off on what would otherwise be a working day (or a weekend day inside a holiday block).</summary>
    Holiday = 0,

    /// <summary>A make-up working day (调休) on a Saturday or Sunday.</summary>
    Workday = 1,
}

/// <summary>
/// A day that departs from the Monday–Friday week. China moves working days around its holidays every
/// year by State Council notice, so the calendar is data that administrators keep, not code.
/// </summary>
public sealed class CalendarDay : IAudited
{
    public const int MaxNameLength = 64;

    private CalendarDay()
    {
    }

    public DateOnly Date { get; private set; }

    public CalendarDayKind Kind { get; private set; }

    public string Name { get; private set; } = "";

    public string AuditKey => Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static CalendarDay Create(DateOnly date, CalendarDayKind kind, string name)
    {
        var day = new CalendarDay { Date = date };
        day.Change(kind, name);
        return day;
    }

    public void Change(CalendarDayKind kind, string name)
    {
        var errors = Validate(Date, kind, name);
        if (errors.Count > 0)
        {
            throw new RuleViolationException(string.Join(" ", errors.Values.SelectMany(v => v)));
        }
        Kind = kind;
        Name = name.Trim();
    }

    /// <summary>Field-level problems with a proposed special day; empty when it is acceptable.</summary>
    public static Dictionary<string, string[]> Validate(DateOnly date, CalendarDayKind kind, string? name)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(kind))
        {
            errors["kind"] = [JurisdictionsText.Get("Calendar.Kind")];
        }
        else if (kind == CalendarDayKind.Workday && !IsWeekend(date))
        {
            // A weekday is a working day already; recording it as one would hide a mistaken date.
            errors["kind"] = [JurisdictionsText.Format("Calendar.WeekdayWorkday", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))];
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = [JurisdictionsText.Get("Calendar.Name")];
        }
        else if (name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [Platform.PlatformText.Format("Validation.AtMostCharacters", MaxNameLength)];
        }
        return errors;
    }

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> builder)
    {
        builder.ToTable("calendar_days");
        builder.HasKey(d => d.Date);
        builder.Property(d => d.Date).ValueGeneratedNever();
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Name).HasMaxLength(CalendarDay.MaxNameLength);
    }
}
