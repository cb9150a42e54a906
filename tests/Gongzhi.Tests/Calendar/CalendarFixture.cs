using System.Globalization;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Microsoft.Extensions.Logging;

namespace Gongzhi.Tests.Calendar;

/// <summary>The working calendar over the holiday file that ships with the app.</summary>
internal static class Cn
{
    public static readonly IReadOnlyList<CalendarDay> Days = CalendarSeeder.LoadFile(CalendarSeeder.DefaultPath);

    public static WorkingCalendar WuhanCalendar(ILogger? logger = null) => WorkingCalendar.ForDays(Days, logger: logger);

    /// <summary>A moment in Wuhan local time, e.g. <c>At("2025-01-27 16:00")</c>.</summary>
    public static DateTimeOffset At(string local) =>
        DateTimeOffset.ParseExact(local + " +08:00", "yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    public static DateOnly D(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static IEnumerable<DateOnly> Range(string first, string last)
    {
        for (var d = D(first); d <= D(last); d = d.AddDays(1))
        {
            yield return d;
        }
    }
}

internal sealed class ListLogger : ILogger
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((logLevel, formatter(state, exception)));
}
