using System.Text;
using Gongzhi.Components.Kit;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Cases.Routing;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Queries;

/// <summary>
/// A case as its viewers see it. The reporter's name and phone are always masked here; a dispatcher
/// of the case or an administrator reveals them with <see cref="CaseQueries.RevealReporterAsync"/>.
/// <c>allowedActions</c> are the actions the viewer's role and relation permit; the state may still refuse them.
/// </summary>
public sealed record CaseDetail(
    Guid Id, string Reference, CaseState State, string CategoryCode, string? CategoryName, CaseUrgency Urgency, string Title,
    string Description, double? Lat, double? Lon, string? Address, string GridCode, string HandlingLevel, CaseChannel Channel,
    string? ReporterName, string? ReporterPhone, bool Anonymous, bool IsMine, IReadOnlyList<Guid> PhotoIds,
    IReadOnlyDictionary<string, string> Attributes, RejectionKind? RejectionKind, string? RejectionReason,
    Guid? LeadOrganisationId, string? LeadOrganisationName, IReadOnlyList<Guid> AssistingOrganisationIds,
    DateTimeOffset? Deadline, CaseStep? DeadlineStep, DateTimeOffset? ResolveDeadline, bool Overdue,
    string? ResolutionNote, IReadOnlyList<Guid> ResolutionPhotoIds, Satisfaction? Satisfaction, string? EvaluationComment,
    double? PendingExtensionHours, string? PendingExtensionReason,
    int ReturnCount, int ReworkCount, int ExtensionCount, int HandOffCount, int SupervisionCount, int ReopenCount,
    Guid? MasterCaseId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version, IReadOnlyList<string> AllowedActions);

/// <summary>
/// One line of the timeline. <c>Actor</c> is the account's display name, never its login; a resident other than the
/// viewer appears masked (anonymous reporters not at all), as the reporter does on the case.
/// </summary>
public sealed record CaseTimelineEntry(long Id, DateTimeOffset At, string Actor, Guid? ActorOrganisationId, string? ActorOrganisationName,
    string Action, string ActionZh, CaseState FromState, CaseState ToState, string? Note, string? Data);

public sealed record ReporterDetails(Guid CaseId, string Reference, string? Name, string? Phone, bool Anonymous);

public sealed record CaseSummary(Guid Id, string Reference, CaseState State, string CategoryCode, CaseUrgency Urgency, string Title,
    string GridCode, Guid? LeadOrganisationId, DateTimeOffset? Deadline, CaseStep? DeadlineStep, bool Overdue, DateTimeOffset CreatedAt,
    long Version);

public sealed record CasePage(IReadOnlyList<CaseSummary> Items, string? NextCursor);

public enum CaseSort
{
    /// <summary>Soonest deadline first; the cases without a deadline (closed or rejected) last, newest first.</summary>
    Deadline,

    /// <summary>Newest first.</summary>
    Created,
}

/// <summary>A queue query; every filter is optional. <c>From</c> and <c>To</c> are days of filing, both included, in China Standard Time.</summary>
public sealed record CaseQuery(
    string? Scope = null,
    IReadOnlyList<CaseState>? States = null,
    bool? Overdue = null,
    string? Category = null,
    string? Q = null,
    Guid? Organisation = null,
    bool Mine = false,
    CaseSort Sort = CaseSort.Deadline,
    string? Cursor = null,
    int Take = 50,
    DateOnly? From = null,
    DateOnly? To = null);

/// <summary>Reads of cases for the API and the pages; each checks what the caller may see.</summary>
public sealed class CaseQueries(GongzhiDbContext db, ReadOnlyDb reads, AuditLog audit, CaseRouter router, NewestMatches newest,
    PersonalDataProtector protector, IOrganisationDirectory organisations, ShownTime shown)
{
    public const int MaxTake = 200;

    /// <summary>The case, or <see cref="CaseAccessException"/> 404 when it does not exist or the caller may not see it.</summary>
    public async Task<CaseDetail> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        await DetailAsync(caller, await VisibleAsync(caller, id, cancellationToken), cancellationToken);

    /// <summary>Every line of the case's timeline, oldest first.</summary>
    public async Task<IReadOnlyList<CaseTimelineEntry>> TimelineAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var @case = await VisibleAsync(caller, id, cancellationToken);
        // A transfer's line keeps the sender's jurisdiction, so the scope filter would hide part of a visible case's history.
        var events = await db.Set<CaseEvent>().IgnoreQueryFilters().AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        // The reporter sees the lines addressed to them, without the offices' details (CaseAccess.IsInternal).
        var internals = CaseAccess.SeesInternals(caller, @case);
        if (!internals)
        {
            events = events.Where(e => !CaseAccess.IsInternal(e.Action)).ToList();
        }
        // One query for the accounts and one for the organisations, however long the timeline.
        var userIds = events.Select(e => e.ActorUserId).OfType<string>().Distinct().ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName })
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var offices = await organisations.NamesAsync(events.Select(e => e.ActorOrganisationId).OfType<Guid>(), cancellationToken);
        return events.Select(e => new CaseTimelineEntry(e.Id, e.At, ActorName(caller, @case, e, accounts), e.ActorOrganisationId,
            e.ActorOrganisationId is { } org ? offices.GetValueOrDefault(org) : null, e.Action, CaseActions.Zh(e.Action),
            e.FromState, e.ToState, internals || CaseAccess.IsNoteForReporter(e.Action) ? e.Note : null, internals ? e.Data : null)).ToList();
    }

    /// <summary>
    /// Who did it, as people know them: the account's display name. Staff act for an organisation and are named;
    /// a resident reporting or following the case is personal information, masked for everyone but themselves (as the
    /// reporter's name is on the case), and the reporter of an anonymous case is nobody. Lines written without an account (the system, an Open311 client) say which.
    /// </summary>
    private static string ActorName(Caller caller, Case @case, CaseEvent e, Dictionary<string, string> accounts)
    {
        if (e.ActorUserId is not { } userId)
        {
            return e.Actor switch
            {
                "system" => CasesText.Get("Queries.System"),
                "anonymous" => CasesText.Get("Queries.Anonymous"),
                var name when name.StartsWith("open311:", StringComparison.Ordinal) => CasesText.Get("Queries.OpenClient"),
                _ => CasesText.Get("Queries.System"),
            };
        }
        if (!accounts.TryGetValue(userId, out var displayName))
        {
            return CasesText.Get("Queries.RemovedAccount");
        }
        var reporterSide = userId == @case.ReporterUserId || @case.FollowerUserIds.Contains(userId);
        if (userId == caller.UserId || e.ActorOrganisationId is not null || !reporterSide)
        {
            return displayName;
        }
        return @case.Anonymous && userId == @case.ReporterUserId ? CasesText.Get("Queries.AnonymousReporter") : $"居民 {Masks.Name(displayName)}";
    }

    /// <summary>The reporter's unmasked name and phone, for a stated purpose; the reveal is written to the audit log.</summary>
    public async Task<ReporterDetails> RevealReporterAsync(Caller caller, Guid id, string? purpose, CancellationToken cancellationToken)
    {
        var @case = await VisibleAsync(caller, id, cancellationToken);
        if (!CaseAccess.MayReveal(caller, @case))
        {
            throw new CaseAccessException(StatusCodes.Status403Forbidden,
                CasesText.Get("Queries.CaseSDispatchersAdministrators"));
        }
        RevealLog.RequirePurpose(purpose);
        audit.Reveal(nameof(Case), @case.Reference, @case.JurisdictionCode, "reporter", purpose!);
        await db.SaveChangesAsync(cancellationToken);
        return new ReporterDetails(@case.Id, @case.Reference, Unprotect(@case.ReporterNameProtected), Unprotect(@case.ReporterPhoneProtected),
            @case.Anonymous);

        string? Unprotect(string? value) => value is null ? null : protector.Unprotect(value);
    }

    /// <summary>Who the rules say should lead the case; staff who can see the case may ask.</summary>
    public async Task<RoutingSuggestion> RoutingSuggestionAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var @case = await VisibleAsync(caller, id, cancellationToken);
        if (caller.IsInRole(Roles.Resident) && !caller.IsAdmin)
        {
            throw new CaseAccessException(StatusCodes.Status403Forbidden, CasesText.Get("Queries.ResidentsDoSeeRouting"));
        }
        return await router.SuggestAsync(@case.CategoryCode, @case.JurisdictionCode, cancellationToken);
    }

    /// <summary>
    /// A queue page. Residents get the cases they reported; department staff their organisation's queue;
    /// other staff what their jurisdiction covers, narrowed by <see cref="CaseQuery.Scope"/> (outside it: 403).
    /// Keyset paging: pass <see cref="CasePage.NextCursor"/> back as the cursor.
    /// </summary>
    public async Task<CasePage> ListAsync(Caller caller, CaseQuery query, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var scope = string.IsNullOrWhiteSpace(query.Scope) ? null : query.Scope.Trim();
        if (scope is not null && !JurisdictionCode.IsWellFormed(scope))
        {
            errors["scope"] = [CasesText.Get("Queries.JurisdictionCode")];
        }
        if (query.Q?.Contains('\0', StringComparison.Ordinal) == true)
        {
            // No case's text can hold NUL (PostgreSQL refuses it), and the pair index's terms are written into the SQL.
            errors["q"] = [CasesText.Get("Queries.SearchTextContainNUL")];
        }
        var cursor = query.Cursor is null ? null : Cursor.Parse(query.Cursor);
        if (query.Cursor is not null && cursor is null)
        {
            errors["cursor"] = [CasesText.Get("Queries.CursorPreviousPage")];
        }
        if (query.From is { } first && query.To is { } last && first > last)
        {
            errors["to"] = [CasesText.Get("Queries.DateRange")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var me = caller.UserId;
        // The dates are days of the configured zone, as the pages show them.
        DateTimeOffset? filedFrom = query.From is { } from ? shown.StartOf(from) : null;
        DateTimeOffset? filedBefore = query.To is { } to ? shown.StartOf(to.AddDays(1)) : null;
        var isResident = caller.IsInRole(Roles.Resident) && !caller.IsAdmin;
        var isDepartment = caller.IsInRole(Roles.DepartmentStaff) && !caller.IsAdmin;
        if (scope is not null && !isResident && !caller.Covers(scope))
        {
            throw new ScopeViolationException(CasesText.Format("Queries.OutsideScope", scope, caller.ScopeCode));
        }
        var organisation = query.Organisation;
        if (isDepartment)
        {
            var own = Guid.TryParse(caller.OrganisationId, out var o) ? o : Guid.Empty;
            if (organisation is not null && organisation != own)
            {
                throw new ScopeViolationException(CasesText.Get("Queries.DepartmentOwnQueue"));
            }
            organisation = own;
        }
        // Every filter but the area and the words; the district walk (NewestMatches) applies them to its own reading of the table.
        IQueryable<Case> Narrow(IQueryable<Case> cases)
        {
            if (organisation is { } org)
            {
                cases = cases.Where(c => c.LeadOrganisationId == org);
            }
            if (query.States is { Count: > 0 } states)
            {
                cases = cases.Where(c => states.Contains(c.State));
            }
            if (query.Overdue is { } overdue)
            {
                // A constant, not a parameter, so that PostgreSQL and SQLite see the overdue cases' partial index applies.
                cases = overdue ? cases.Where(c => c.Overdue) : cases.Where(c => !c.Overdue);
            }
            if (!string.IsNullOrWhiteSpace(query.Category))
            {
                var category = query.Category.Trim();
                cases = category.Length == 2 ? cases.Where(c => c.CategoryCode.StartsWith(category)) : cases.Where(c => c.CategoryCode == category);
            }
            if (filedFrom is { } start)
            {
                cases = cases.Where(c => c.CreatedAt >= start);
            }
            if (filedBefore is { } end)
            {
                cases = cases.Where(c => c.CreatedAt < end);
            }
            if (query.Mine && !isResident)
            {
                cases = cases.Where(c => c.ReporterUserId == me);
            }
            return cases;
        }

        // A word search is a heavy read: from the read replica when there is one. A queue without words stays on the primary,
        // where a dispatcher's own last action shows at once.
        var source = string.IsNullOrWhiteSpace(query.Q) ? db : reads.Context;
        source.Caller = db.Caller;
        var scoped = isResident ? source.Set<Case>().IgnoreQueryFilters().Where(c => c.ReporterUserId == me) : source.Set<Case>();
        if (scope is not null)
        {
            var prefix = JurisdictionCode.QueryPrefix(scope);
            scoped = scoped.Where(c => c.JurisdictionCode.StartsWith(prefix));
        }
        var matches = Narrow(scoped);
        NewestMatches.Words? words = null;
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            // Chinese has no word boundaries: a substring match finds two-character words such as 噪音. Where the
            // engine has the pair index, it narrows the candidates first; digits may also be part of a reference.
            var q = query.Q.Trim();
            var area = isResident ? null : SearchArea(scope);
            if (CaseReference.IsWellFormed(q))
            {
                // A whole reference is looked up by its unique index, not searched for.
                matches = matches.Where(c => c.Reference == q);
            }
            else if (TextSearch.IsIndexed(source) && TextSearch.Terms(q, area) is { } terms && !q.All(ch => char.IsAsciiDigit(ch) || ch == '-'))
            {
                words = new NewestMatches.Words(q, terms, isResident ? null : WalkedArea(source, area, scoped));
            }
            else
            {
                matches = matches.Where(c => c.Title.Contains(q) || c.Description.Contains(q) || c.Reference.Contains(q));
            }
        }
        var take = Math.Clamp(query.Take, 1, MaxTake);
        var rows = query.Sort == CaseSort.Created
            ? await newest.ReadAsync(matches, words, Narrow, after: cursor?.Newest, take + 1, cancellationToken)
            : await PageByDeadlineAsync(matches, words, Narrow, query, cursor, take + 1, cancellationToken);
        var next = rows.Count > take ? Cursor.After(rows[take - 1], query.Sort) : null;
        return new CasePage(rows.Take(take).ToList(), next);
    }

    /// <summary>
    /// Soonest deadline first, then the cases without a deadline, newest first, in two reads: the cases with a
    /// deadline are the open ones, a small part of the table that partial indexes hold (the pair index among them),
    /// so a page of them never wades through a year of closed cases; the closed ones are read only when that page is
    /// not full. Keyset paging on (deadline, reference), then on (created, reference); the reference is unique and
    /// sorts the same on both engines.
    /// </summary>
    private async Task<List<CaseSummary>> PageByDeadlineAsync(IQueryable<Case> cases, NewestMatches.Words? words,
        Func<IQueryable<Case>, IQueryable<Case>> narrow, CaseQuery query, Cursor? after, int count, CancellationToken cancellationToken)
    {
        // Which part the filter can reach at all: a case has a deadline exactly in the states that run against one,
        // and only a case with a deadline can be overdue.
        var wanted = query.States is { Count: > 0 } states ? states : Enum.GetValues<CaseState>();
        var closedWanted = !wanted.All(CaseStates.HasDeadline) && query.Overdue != true;
        var rows = new List<CaseSummary>();
        if (after is null or { Closed: false } && wanted.Any(CaseStates.HasDeadline))
        {
            var withDeadline = cases.Where(c => c.Deadline != null);
            if (words is not null)
            {
                withDeadline = withDeadline.Where(words.Indexed);
            }
            if (after is { At: var at, Reference: var r })
            {
                withDeadline = withDeadline.Where(c => c.Deadline > at || (c.Deadline == at && string.Compare(c.Reference, r) > 0));
            }
            rows = await SummariesAsync(withDeadline.OrderBy(c => c.Deadline).ThenBy(c => c.Reference), count, cancellationToken);
        }
        if (rows.Count < count && closedWanted)
        {
            rows.AddRange(await newest.ReadAsync(cases.Where(c => c.Deadline == null), words, c => narrow(c).Where(k => k.Deadline == null),
                after is { Closed: true } ? after.Newest : null, count - rows.Count, cancellationToken));
        }
        return rows;
    }

    internal static Task<List<CaseSummary>> SummariesAsync(IQueryable<Case> ordered, int count, CancellationToken cancellationToken) =>
        ordered.Take(count)
            .Select(c => new CaseSummary(c.Id, c.Reference, c.State, c.CategoryCode, c.Urgency, c.Title, c.JurisdictionCode, c.LeadOrganisationId,
                c.Deadline, c.DeadlineStep, c.Overdue, c.CreatedAt, c.Version))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The narrowest area a staff search is confined to: the scope asked for, or the caller's own jurisdiction when
    /// that is narrower (the query filter keeps the search inside it either way). Null for the whole city.
    /// </summary>
    private string? SearchArea(string? scope)
    {
        var asked = scope is null ? null : JurisdictionCode.QueryPrefix(scope);
        var own = db.ScopeUnrestricted || !JurisdictionCode.IsWellFormed(db.Caller.ScopeCode) ? null : db.ScopePrefix;
        return (own?.Length ?? 0) > (asked?.Length ?? 0) ? own : asked;
    }

    /// <summary>
    /// What a search newest first may walk before it asks the pair index (NewestMatches): a district's cases, read
    /// through their index on the district and the creation instant, or the city's, through the one on the instant.
    /// A street's or a community's matches are few enough for the pair index alone: null.
    /// </summary>
    private NewestMatches.Walk? WalkedArea(GongzhiDbContext source, string? area, IQueryable<Case> scoped)
    {
        if (area is null)
        {
            return db.ScopeUnrestricted ? new(scoped, scoped, City: true) : null;
        }
        if (area.Length != 6 || !(db.ScopeUnrestricted || db.ScopePrefix == area))
        {
            return null;
        }
        // The district stands in for the scope filter, which it implies (the caller's scope is this district or the
        // city): beside it, the filter's prefix would have PostgreSQL AND in the whole district's entries of the
        // jurisdiction index. The rest is asked of the pair index with the district's term, which implies it too.
        // The district is written into the SQL, so that even a prepared statement's plan knows how few cases a
        // window of it holds (NewestMatches).
        var all = source.Set<Case>().IgnoreQueryFilters();
        return new(all.Where(c => c.JurisdictionCode.Substring(0, 6) == EF.Constant(area)), all, City: false);
    }

    internal async Task<CaseDetail> DetailAsync(Caller caller, Case c, CancellationToken cancellationToken)
    {
        var category = await db.Set<CaseCategory>().AsNoTracking().Where(k => k.Code == c.CategoryCode).Select(k => k.NameZh)
            .FirstOrDefaultAsync(cancellationToken);
        var lead = c.LeadOrganisationId is { } leadId ? (await organisations.FindAsync(leadId, cancellationToken))?.Name : null;
        var gridUnattended = CaseAccess.MayNeedUnattendedGrid(caller, CaseActions.Verify)
            && await CaseRecipients.GridUnattendedAsync(db, c.JurisdictionCode, cancellationToken);
        var allowed = CaseAccess.Grants.Keys.Where(a => CaseAccess.GrantFor(caller, a, c, gridUnattended) is not null).ToList();
        // An extension's reason is between the offices; the reporter sees the new deadline.
        var internals = CaseAccess.SeesInternals(caller, c);
        return new CaseDetail(c.Id, c.Reference, c.State, c.CategoryCode, category, c.Urgency, c.Title, c.Description, c.Latitude, c.Longitude,
            c.Address, c.JurisdictionCode, c.HandlingLevel.ToString(), c.Channel, c.ReporterNameMasked,
            c.ReporterPhoneMasked, c.Anonymous, CaseAccess.IsReporter(caller, c), c.PhotoIds, c.Attributes, c.RejectionKind,
            c.RejectionReason, c.LeadOrganisationId, lead, c.AssistingOrganisationIds, c.Deadline, c.DeadlineStep, c.ResolveDeadline, c.Overdue,
            c.ResolutionNote, c.ResolutionPhotoIds, c.Satisfaction, c.EvaluationComment, internals ? c.PendingExtensionHours : null,
            internals ? c.PendingExtensionReason : null,
            c.ReturnCount, c.ReworkCount, c.ExtensionCount, c.HandOffCount, c.SupervisionCount, c.ReopenCount, c.MasterCaseId, c.CreatedAt,
            c.UpdatedAt, c.Version, allowed);
    }

    private async Task<Case> VisibleAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        // Cases' own visibility (CaseAccess) decides: a reporter, a follower or an assisting department sees beyond its scope.
        var @case = await db.Set<Case>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return @case is not null && CaseAccess.CanSee(caller, @case) ? @case : throw CaseAccessException.NotFound();
    }

    /// <summary>
    /// The last row of a page, as an opaque token: its sort instant and its reference, and whether it was past the
    /// open cases of a queue by deadline (then the instant is its creation).
    /// </summary>
    private sealed record Cursor(DateTimeOffset At, string Reference, bool Closed)
    {
        private const string ClosedMark = "closed";

        public NewestMatches.After Newest => new(At, Reference);

        public static string After(CaseSummary row, CaseSort sort)
        {
            var (at, closed) = sort == CaseSort.Deadline && row.Deadline is { } deadline ? (deadline, false) : (row.CreatedAt, sort == CaseSort.Deadline);
            var text = $"{at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)}|{row.Reference}" + (closed ? $"|{ClosedMark}" : "");
            return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        public static Cursor? Parse(string token)
        {
            try
            {
                var padded = token.Replace('-', '+').Replace('_', '/');
                padded += new string('=', (4 - (padded.Length % 4)) % 4);
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
                if (parts.Length is not (2 or 3) || !CaseReference.IsWellFormed(parts[1]) || (parts.Length == 3 && parts[2] != ClosedMark)
                    || !long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
                    || ticks > DateTimeOffset.MaxValue.UtcTicks)
                {
                    return null;
                }
                return new Cursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1], parts.Length == 3);
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
