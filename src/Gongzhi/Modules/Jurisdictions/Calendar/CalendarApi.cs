using System.Globalization;
using Gongzhi.Modules.Access;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Jurisdictions.Calendar;

public sealed record CalendarDayResponse(DateOnly Date, CalendarDayKind Kind, string Name);

public sealed record CalendarYearResponse(int Year, bool Known, IReadOnlyList<CalendarDayResponse> Days);

public sealed record CalendarDayRequest(CalendarDayKind? Kind, string? Name);

internal static class CalendarApi
{
    public static void MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/calendar").WithTags("Calendar").RequireAuthorization();
        group.MapGet("/{year:int}", GetYearAsync);
        group.MapPut("/days/{date}", PutDayAsync).RequireAuthorization(Policies.CityAdmin);
        group.MapDelete("/days/{date}", DeleteDayAsync).RequireAuthorization(Policies.CityAdmin);
    }

    /// <summary>The special days of a year. <c>known</c> is false when the calendar holds none and deadlines count Monday to Friday.</summary>
    internal static async Task<Results<Ok<CalendarYearResponse>, ValidationProblem>> GetYearAsync(int year, GongzhiDbContext db,
        CancellationToken cancellationToken)
    {
        if (year is < 2000 or > 2100)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [JurisdictionsText.Get("Calendar.Year")] });
        }
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var days = await db.Set<CalendarDay>().AsNoTracking().Where(d => d.Date >= first && d.Date <= last).OrderBy(d => d.Date)
            .Select(d => new CalendarDayResponse(d.Date, d.Kind, d.Name)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new CalendarYearResponse(year, days.Count > 0, days));
    }

    /// <summary>Records a holiday or a make-up working day, replacing what the date held before.</summary>
    internal static async Task<Results<Ok<CalendarDayResponse>, ValidationProblem>> PutDayAsync(string date, CalendarDayRequest request,
        GongzhiDbContext db, WorkingCalendar calendar, CancellationToken cancellationToken)
    {
        if (!TryParseDate(date, out var day))
        {
            return DateProblem();
        }
        if (request.Kind is not { } kind)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [JurisdictionsText.Get("Calendar.Kind")] });
        }
        var errors = CalendarDay.Validate(day, kind, request.Name);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var existing = await db.Set<CalendarDay>().FirstOrDefaultAsync(d => d.Date == day, cancellationToken);
        if (existing is null)
        {
            existing = CalendarDay.Create(day, kind, request.Name!);
            db.Add(existing);
        }
        else
        {
            existing.Change(kind, request.Name!);
        }
        await db.SaveChangesAsync(cancellationToken);
        calendar.Invalidate();
        return TypedResults.Ok(new CalendarDayResponse(existing.Date, existing.Kind, existing.Name));
    }

    /// <summary>Makes the date an ordinary day again (working Monday to Friday).</summary>
    internal static async Task<Results<NoContent, NotFound, ValidationProblem>> DeleteDayAsync(string date, GongzhiDbContext db,
        WorkingCalendar calendar, CancellationToken cancellationToken)
    {
        if (!TryParseDate(date, out var day))
        {
            return DateProblem();
        }
        var existing = await db.Set<CalendarDay>().FirstOrDefaultAsync(d => d.Date == day, cancellationToken);
        if (existing is null)
        {
            return TypedResults.NotFound();
        }
        db.Remove(existing);
        await db.SaveChangesAsync(cancellationToken);
        calendar.Invalidate();
        return TypedResults.NoContent();
    }

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static ValidationProblem DateProblem() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = [JurisdictionsText.Get("Calendar.Date")] });
}
