using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Modules.Services.Catalogue;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gongzhi.Modules.Services.Analytics;

/// <summary>One application as the day rows count it: where and when it lies, and what it adds to the measures.</summary>
public readonly record struct MeasuredApplication(string ItemCode, string JurisdictionCode, DateTimeOffset SubmittedAt, ServiceLevel Level, ApplicationFact Fact)
{
    /// <summary>The application as a save's original or current values hold it.</summary>
    public static MeasuredApplication Of(PropertyValues values)
    {
        T Get<T>(string name) => values.GetValue<T>(name);
        return Of(Get<string>(nameof(ServiceApplication.ItemCode)), Get<string>(nameof(ServiceApplication.JurisdictionCode)),
            Get<DateTimeOffset>(nameof(ServiceApplication.SubmittedAt)), Get<ServiceLevel>(nameof(ServiceApplication.Level)),
            Get<int>(nameof(ServiceApplication.ItemVersion)), Get<bool>(nameof(ServiceApplication.Immediate)),
            Get<ApplicationChannel>(nameof(ServiceApplication.Channel)), Get<int>(nameof(ServiceApplication.PromisedDays)),
            Get<ApplicationState>(nameof(ServiceApplication.State)), Get<int?>(nameof(ServiceApplication.HandlingDays)),
            Get<int>(nameof(ServiceApplication.MaterialRequests)), Get<int?>(nameof(ServiceApplication.Rating)),
            Get<int>(nameof(ServiceApplication.Visits)), Get<DateOnly?>(nameof(ServiceApplication.FollowUpDue)),
            Get<bool?>(nameof(ServiceApplication.FollowUpOnTime)));
    }

    /// <summary>
    /// The same conditions as the grouped read of the applications in <see cref="ProcessAnalytics"/> (keep the two in step): accepted
    /// is anything past submission but not refused at the door, one submission is accepted without a request for materials.
    /// </summary>
    public static MeasuredApplication Of(string itemCode, string jurisdictionCode, DateTimeOffset submittedAt, ServiceLevel level, int itemVersion,
        bool immediate, ApplicationChannel channel, int promisedDays, ApplicationState state, int? handlingDays, int materialRequests, int? rating,
        int visits, DateOnly? followUpDue, bool? followUpOnTime) =>
        new(itemCode, jurisdictionCode, submittedAt, level, new ApplicationFact(itemVersion, immediate, channel == ApplicationChannel.Online, promisedDays,
            state is not (ApplicationState.Submitted or ApplicationState.NotAccepted), state == ApplicationState.NotAccepted, handlingDays,
            materialRequests > 0, rating, visits, followUpDue is not null, followUpOnTime));
}

/// <summary>
/// What a save changes in the day rows (<see cref="ServiceMeasureDay"/>): each application's contribution as it will be, less
/// its contribution as it was, so a decision moves it from "undecided" to its handling days and a rating adds to its level.
/// Applied in the save's transaction as upserts <c>count = count + change</c>, which two saves at once add up.
/// </summary>
public sealed class MeasureDayDelta(TimeZoneInfo zone)
{
    public const string Table = "service_measure_days";

    private static readonly string[] Key =
    [
        nameof(ServiceMeasureDay.ItemCode), nameof(ServiceMeasureDay.DistrictCode), nameof(ServiceMeasureDay.Day), nameof(ServiceMeasureDay.Level),
        nameof(ServiceMeasureDay.ItemVersion), nameof(ServiceMeasureDay.HandlingDays), nameof(ServiceMeasureDay.PromisedDays),
    ];

    /// <summary>The count columns, in the order of the vectors below.</summary>
    private static readonly string[] Counts =
    [
        nameof(ServiceMeasureDay.Count), nameof(ServiceMeasureDay.Immediate), nameof(ServiceMeasureDay.Online), nameof(ServiceMeasureDay.Accepted),
        nameof(ServiceMeasureDay.OneSubmission), nameof(ServiceMeasureDay.NotAccepted), nameof(ServiceMeasureDay.Visits),
        nameof(ServiceMeasureDay.Rating1), nameof(ServiceMeasureDay.Rating2), nameof(ServiceMeasureDay.Rating3), nameof(ServiceMeasureDay.Rating4),
        nameof(ServiceMeasureDay.Rating5), nameof(ServiceMeasureDay.FollowUps), nameof(ServiceMeasureDay.FollowUpsClosed),
        nameof(ServiceMeasureDay.FollowUpsOnTime),
    ];

    private readonly Dictionary<DayKey, int[]> rows = [];

    private readonly record struct DayKey(string ItemCode, string DistrictCode, DateOnly Day, ServiceLevel Level, int ItemVersion, int HandlingDays,
        int PromisedDays);

    public void Add(in MeasuredApplication application, int sign)
    {
        var fact = application.Fact;
        var code = application.JurisdictionCode;
        var key = new DayKey(application.ItemCode, code.Length > 6 ? code[..6] : code,
            ServiceDays.DayIn(zone, application.SubmittedAt), application.Level, fact.ItemVersion,
            fact.HandlingDays ?? ServiceMeasureDay.Undecided, fact.PromisedDays);
        if (!rows.TryGetValue(key, out var vector))
        {
            rows[key] = vector = new int[Counts.Length];
        }
        var cell = fact.Cell();
        int[] contribution =
        [
            cell.Count, cell.Immediate, cell.Online, cell.Accepted, cell.OneSubmission, cell.NotAccepted, cell.Visits, cell.Rating1, cell.Rating2,
            cell.Rating3, cell.Rating4, cell.Rating5, cell.FollowUps, cell.FollowUpsClosed, cell.FollowUpsOnTime,
        ];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] += sign * contribution[i];
        }
    }

    /// <summary>True when nothing changes: most saves (a step on the timeline, a reminder, an erasure) touch no counted column.</summary>
    public bool IsEmpty => rows.Values.All(v => v.All(x => x == 0));

    /// <summary>Adds the change to the day rows inside the context's current transaction, in key order.</summary>
    public Task ApplyAsync(GongzhiDbContext db, CancellationToken cancellationToken) =>
        CounterUpsert.ApplyAsync(db, Table, Key, Counts,
            rows.Where(r => r.Value.Any(x => x != 0))
                .OrderBy(r => r.Key.ItemCode, StringComparer.Ordinal).ThenBy(r => r.Key.DistrictCode, StringComparer.Ordinal).ThenBy(r => r.Key.Day)
                .ThenBy(r => r.Key.Level).ThenBy(r => r.Key.ItemVersion).ThenBy(r => r.Key.HandlingDays).ThenBy(r => r.Key.PromisedDays)
                .Select(r => (object[])
                [
                    r.Key.ItemCode, r.Key.DistrictCode, r.Key.Day, r.Key.Level.ToString(), r.Key.ItemVersion, r.Key.HandlingDays, r.Key.PromisedDays,
                    .. r.Value.Cast<object>(),
                ]),
            cancellationToken);
}

/// <summary>Keeps the day rows in step with every save that writes applications, in the save's own transaction.</summary>
internal sealed class MeasureDaySaveHook(WorkingCalendar calendar) : ISaveHook
{
    public SaveHookWork? Prepare(ChangeTracker changes)
    {
        MeasureDayDelta? delta = null;
        foreach (var entry in changes.Entries<ServiceApplication>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                (delta ??= new MeasureDayDelta(calendar.TimeZone)).Add(MeasuredApplication.Of(entry.OriginalValues), -1);
            }
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                (delta ??= new MeasureDayDelta(calendar.TimeZone)).Add(MeasuredApplication.Of(entry.CurrentValues), +1);
            }
        }
        return delta is { IsEmpty: false } ? new SaveHookWork(InTransaction: delta.ApplyAsync) : null;
    }
}
