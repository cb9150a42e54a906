using System.Globalization;
using System.Text.Json;
using Gongzhi.Modules.Access;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Jurisdictions.Calendar;

/// <summary>
/// Loads the official holidays shipped in <c>seed/cn-holidays.json</c>. A year is seeded only while the
/// table holds nothing for it, so a day an administrator deleted or changed stays as they left it.
/// </summary>
internal sealed class CalendarSeeder(TimeProvider clock) : ISeeder
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "seed", "cn-holidays.json");

    public int Order => 20;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        if (!File.Exists(DefaultPath))
        {
            context.Log.LogWarning("No holiday calendar at {Path}; deadlines will count Monday to Friday.", DefaultPath);
            return;
        }
        await using var stream = File.OpenRead(DefaultPath);
        var file = await JsonSerializer.DeserializeAsync<HolidayFile>(stream, JsonSerializerOptions.Web, cancellationToken)
            ?? throw new InvalidOperationException($"{DefaultPath} is empty.");
        var days = Parse(file);
        var knownYears = (await db.Set<CalendarDay>().Select(d => d.Date).ToListAsync(cancellationToken)).Select(d => d.Year).ToHashSet();
        var added = days.Where(d => !knownYears.Contains(d.Date.Year)).ToList();
        if (added.Count == 0)
        {
            return;
        }
        db.SuppressRecordAudit = true;
        db.AddRange(added);
        var years = string.Join(",", added.Select(d => d.Date.Year).Distinct().Order());
        db.AuditEntries.Add(AuditEntry.Create(clock.GetUtcNow(), db.Caller, AuditActions.Seeded, nameof(CalendarDay), null, null,
            $"{added.Count} special days for {years} from {file.Source}"));
        await db.SaveChangesAsync(cancellationToken);
        context.Log.LogInformation("Seeded {Count} calendar days for {Years}.", added.Count, years);
    }

    internal static List<CalendarDay> Parse(HolidayFile file) =>
        file.Years.SelectMany(y => y.Value).Select(d => CalendarDay.Create(
                DateOnly.ParseExact(d.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Enum.Parse<CalendarDayKind>(d.Kind, ignoreCase: true),
                d.Name))
            .ToList();

    internal static List<CalendarDay> LoadFile(string path) =>
        Parse(JsonSerializer.Deserialize<HolidayFile>(File.ReadAllText(path), JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"{path} is empty."));

    internal sealed record HolidayFile(string? Source, Dictionary<string, List<HolidayEntry>> Years);

    internal sealed record HolidayEntry(string Date, string Kind, string Name);
}
