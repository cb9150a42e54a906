using System.Globalization;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases;

/// <summary>
/// A case as other modules may count and export it: where it lies, what it is about, who leads it, the moments of its
/// steps and the facts of its history kept as they happen. No personal data, no free text (title, description, address,
/// notes may name people) and no coordinates. Read through <see cref="CaseReadModel.CaseRows"/>.
/// </summary>
public sealed class CaseRow
{
    public Guid Id { get; init; }
    public string Reference { get; init; } = "";
    public CaseState State { get; init; }
    public string CategoryCode { get; init; } = "";
    public CaseUrgency Urgency { get; init; }
    public string JurisdictionCode { get; init; } = "";
    public JurisdictionLevel HandlingLevel { get; init; }
    public CaseChannel Channel { get; init; }
    public Guid? LeadOrganisationId { get; init; }
    public IReadOnlyList<Guid> AssistingOrganisationIds { get; init; } = [];
    public DateTimeOffset? RegisteredAt { get; init; }
    public DateTimeOffset? DispatchedAt { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? ResolveDeadline { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset? EvaluatedAt { get; init; }
    public Satisfaction? Satisfaction { get; init; }
    public bool Overdue { get; init; }
    public bool EverOverdue { get; init; }
    public int ReturnCount { get; init; }
    public int ReworkCount { get; init; }
    public int ExtensionCount { get; init; }
    public int HandOffCount { get; init; }
    public int ReopenCount { get; init; }
    public int DispatchCount { get; init; }
    public bool? AcceptedOnTime { get; init; }
    public int InvolvedOrganisationCount { get; init; }

    /// <summary>The waits between one organisation letting the case go and the next one taking it on, in hours.</summary>
    public IReadOnlyList<double> HandOverWaitHours { get; init; } = [];
}

/// <summary>
/// What other modules may read about cases in bulk (the indicators, their exports and the counters' rebuild), instead of
/// the cases' tables. Queries, not lists: a reader filters, groups and adds up over them and the database answers it all in
/// one statement, on whichever context the reader chose (the read replica's, for the indicators).
/// </summary>
public static class CaseReadModel
{
    /// <summary>
    /// Every case the context's caller can see (the scope filter decides), untracked. The members of <see cref="CaseRow"/> are
    /// the cases' columns, so a filter or a grouping over them reads the cases' indexes as a query over the cases would.
    /// </summary>
    public static IQueryable<CaseRow> CaseRows(this GongzhiDbContext db) =>
        db.Set<Case>().AsNoTracking().Select(c => new CaseRow
        {
            Id = c.Id,
            Reference = c.Reference,
            State = c.State,
            CategoryCode = c.CategoryCode,
            Urgency = c.Urgency,
            JurisdictionCode = c.JurisdictionCode,
            HandlingLevel = c.HandlingLevel,
            Channel = c.Channel,
            LeadOrganisationId = c.LeadOrganisationId,
            AssistingOrganisationIds = c.AssistingOrganisationIds,
            RegisteredAt = c.RegisteredAt,
            DispatchedAt = c.DispatchedAt,
            AcceptedAt = c.AcceptedAt,
            ResolvedAt = c.ResolvedAt,
            ResolveDeadline = c.ResolveDeadline,
            ClosedAt = c.ClosedAt,
            EvaluatedAt = c.EvaluatedAt,
            Satisfaction = c.Satisfaction,
            Overdue = c.Overdue,
            EverOverdue = c.EverOverdue,
            ReturnCount = c.ReturnCount,
            ReworkCount = c.ReworkCount,
            ExtensionCount = c.ExtensionCount,
            HandOffCount = c.HandOffCount,
            ReopenCount = c.ReopenCount,
            DispatchCount = c.DispatchCount,
            AcceptedOnTime = c.AcceptedOnTime,
            InvolvedOrganisationCount = c.InvolvedOrganisationCount,
            HandOverWaitHours = c.HandOverWaitHours,
        });

    /// <summary>The <see cref="CaseFigures"/> of these cases, as a save would hand them over: reads only their columns.</summary>
    public static IQueryable<CaseFigures> SelectFigures(this IQueryable<CaseRow> rows) =>
        rows.Select(c => new CaseFigures(c.State, c.JurisdictionCode, c.RegisteredAt, c.DispatchedAt, c.AcceptedAt, c.ResolvedAt,
            c.ResolveDeadline, c.ClosedAt, c.Satisfaction, c.ReturnCount, c.ReworkCount, c.ExtensionCount, c.HandOffCount, c.ReopenCount,
            c.Overdue, c.DispatchCount, c.AcceptedOnTime, c.InvolvedOrganisationCount, c.EverOverdue, c.HandOverWaitHours));

    /// <summary>
    /// When <paramref name="cases"/> went overdue in [<paramref name="from"/>, <paramref name="to"/>): one instant per overdue
    /// line of their timelines. The lines are read whatever jurisdiction each one recorded (a case transferred since keeps the
    /// lines of its first street), and so is the whole statement: <paramref name="cases"/> must already be narrowed to what
    /// the caller may count (an area the caller covers).
    /// </summary>
    public static IQueryable<DateTimeOffset> OverdueTimes(this GongzhiDbContext db, IQueryable<CaseRow> cases, DateTimeOffset from, DateTimeOffset to)
    {
        var ids = cases.Select(c => c.Id);
        // Narrowed by the cases given, as the summary says.
        return db.Set<CaseEvent>().AsNoTracking().IgnoreQueryFilters()
            .Where(e => e.Action == CaseActions.Overdue && e.At >= from && e.At < to && ids.Contains(e.CaseId))
            .Select(e => e.At);
    }

    /// <summary>The names of these categories (大类 or 小类, active or not) in the current UI language, by code; unknown codes are left out.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> CategoryNamesAsync(this GongzhiDbContext db, IEnumerable<string> codes,
        CancellationToken cancellationToken)
    {
        var wanted = codes.Distinct().ToList();
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return await db.Set<CaseCategory>().AsNoTracking().Where(c => wanted.Contains(c.Code))
            .ToDictionaryAsync(c => c.Code, c => english ? c.NameEn : c.NameZh, cancellationToken);
    }
}
