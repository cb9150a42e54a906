using System.Globalization;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Insights;

public enum TrendInterval
{
    Day = 0,
    Week = 1,
    Month = 2,
}

public enum BreakdownDimension
{
    Child = 0,
    Category = 1,
    Organisation = 2,
}

/// <summary>
/// What a set of indicators is about: a jurisdiction and everything below it, optionally one lead
/// organisation and one category (大类 or 小类 by prefix), and a period of calendar days in Wuhan time,
/// <see cref="To"/> exclusive.
/// </summary>
public sealed record IndicatorFilter(string Scope, DateOnly From, DateOnly To, Guid? Organisation = null, string? Category = null)
{
    /// <summary>Days are Wuhan's: a case registered at 23:30 on the 31st belongs to that month, not to the next.</summary>
    // Not WorkingTime:TimeZone yet: the stored day counters (CaseDayCounter) are keyed by these days, so another
    // zone needs a recount of them, not only a different cut here.
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public const int DefaultDays = 30;

    /// <summary>Ten years is more than any report asks for and keeps a mistyped year from scanning everything.</summary>
    public const int MaxDays = 3660;

    public DateTimeOffset FromInstant => Instant(From);

    public DateTimeOffset ToInstant => Instant(To);

    public string QueryPrefix => JurisdictionCode.QueryPrefix(Scope);

    public static DateTimeOffset Instant(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>
    /// Reads the query string parameters every indicator endpoint shares; field names in
    /// <paramref name="errors"/> are the parameter names. The scope defaults to the caller's own node,
    /// the period to the last <see cref="DefaultDays"/> days including today.
    /// </summary>
    public static IndicatorFilter? Parse(string? scope, string? from, string? to, string? organisation, string? category, Caller caller,
        TimeProvider clock, Dictionary<string, string[]> errors)
    {
        var code = string.IsNullOrWhiteSpace(scope) ? caller.ScopeCode : scope.Trim();
        if (!JurisdictionCode.IsWellFormed(code))
        {
            errors["scope"] = [string.IsNullOrWhiteSpace(scope) ? InsightsText.Get("Filter.NoScope") : Gongzhi.Platform.PlatformText.Get("Validation.NotAJurisdictionCode")];
        }
        var end = Today(clock).AddDays(1);
        DateOnly? parsedTo = ParseDay(to, "to", errors) ?? (string.IsNullOrWhiteSpace(to) ? end : null);
        DateOnly? parsedFrom = ParseDay(from, "from", errors) ?? (string.IsNullOrWhiteSpace(from) ? parsedTo?.AddDays(-DefaultDays) : null);
        if (parsedFrom is { } f && parsedTo is { } t)
        {
            if (f >= t)
            {
                errors["to"] = [InsightsText.Get("Filter.ToAfterFrom")];
            }
            else if (t.DayNumber - f.DayNumber > MaxDays)
            {
                errors["from"] = [InsightsText.Format("Filter.PeriodTooLong", MaxDays)];
            }
        }
        Guid? organisationId = null;
        if (!string.IsNullOrWhiteSpace(organisation))
        {
            if (Guid.TryParse(organisation.Trim(), out var id))
            {
                organisationId = id;
            }
            else
            {
                errors["organisation"] = [InsightsText.Get("Filter.NotAnOrganisation")];
            }
        }
        var categoryCode = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        if (categoryCode is not null && (categoryCode.Length is not (2 or 4) || !categoryCode.All(char.IsAsciiDigit)))
        {
            errors["category"] = [InsightsText.Get("Filter.Category")];
        }
        return errors.Count > 0 ? null : new IndicatorFilter(code, parsedFrom!.Value, parsedTo!.Value, organisationId, categoryCode);
    }

    private static DateOnly? ParseDay(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors[field] = [InsightsText.Get("Filter.Day")];
        return null;
    }
}
