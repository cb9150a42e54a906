using System.Globalization;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Queries;

/// <summary>A case as it is after a change: enough to tell whether a page has it already (<c>Version</c>) and to reload it.</summary>
public sealed record CaseChange(Guid Id, string Reference, CaseState State, string JurisdictionCode, long Version, DateTimeOffset UpdatedAt);

/// <summary>
/// A page of changes, oldest first. While <c>More</c>, ask again with <c>since=NextSince&amp;after=NextAfter</c>: the last
/// item's instant and reference, so that the next page starts right after it even when many changes share one instant
/// (a page that began again at that instant would return the same items forever once more than a page of them tie).
/// </summary>
public sealed record CaseChanges(IReadOnlyList<CaseChange> Items, DateTimeOffset NextSince, string? NextAfter, bool More);

/// <summary>
/// What changed since a moment, for a live page (or any client) that lost its connection to the hub: live events are sent
/// after the commit, so the event of a change whose node died in between was never sent, and a client that was
/// reconnecting heard none. The client reloads from a little before its last event (a change is stamped before its
/// commit, and nodes' clocks differ by a little: a minute is ample). The caller sees the cases its queue shows
/// (<see cref="CaseQueries.ListAsync"/>): a resident their own reports, department staff their organisation's, other staff
/// their jurisdiction's, narrowed by <c>scope</c>. Read from the primary, never a replica, whose lag would skip changes.
/// </summary>
public sealed class CaseChangeFeed(GongzhiDbContext db)
{
    public const int MaxTake = 500;

    public async Task<CaseChanges> SinceAsync(Caller caller, string? since, string? after, string? scope, int? take,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from))
        {
            errors["since"] = [CasesText.Get("Queries.GiveISOInstantSuch")];
        }
        scope = string.IsNullOrWhiteSpace(scope) ? null : scope.Trim();
        if (scope is not null && !JurisdictionCode.IsWellFormed(scope))
        {
            errors["scope"] = [CasesText.Get("Queries.JurisdictionCode")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var isResident = caller.IsInRole(Roles.Resident) && !caller.IsAdmin;
        var isDepartment = caller.IsInRole(Roles.DepartmentStaff) && !caller.IsAdmin;
        if (scope is not null && !isResident && !caller.Covers(scope))
        {
            throw new ScopeViolationException(CasesText.Format("Queries.OutsideScope", scope, caller.ScopeCode));
        }
        var me = caller.UserId;
        // A resident's reports may lie outside the resident's own area, as in the queue.
        var cases = isResident ? db.Set<Case>().IgnoreQueryFilters().Where(c => c.ReporterUserId == me) : db.Set<Case>();
        if (isDepartment)
        {
            var own = Guid.TryParse(caller.OrganisationId, out var o) ? o : Guid.Empty;
            cases = cases.Where(c => c.LeadOrganisationId == own);
        }
        if (scope is not null)
        {
            var prefix = JurisdictionCode.QueryPrefix(scope);
            cases = cases.Where(c => c.JurisdictionCode.StartsWith(prefix));
        }
        // (instant, reference) is the page key: references are unique, and the database orders and compares them alike.
        after = string.IsNullOrWhiteSpace(after) ? null : after.Trim();
        cases = after is null
            ? cases.Where(c => c.UpdatedAt >= from)
            : cases.Where(c => c.UpdatedAt > from || (c.UpdatedAt == from && string.Compare(c.Reference, after) > 0));
        var count = Math.Clamp(take ?? 200, 1, MaxTake);
        var rows = await cases.AsNoTracking().OrderBy(c => c.UpdatedAt).ThenBy(c => c.Reference).Take(count + 1)
            .Select(c => new CaseChange(c.Id, c.Reference, c.State, c.JurisdictionCode, c.Version, c.UpdatedAt))
            .ToListAsync(cancellationToken);
        var items = rows.Take(count).ToList();
        return items.Count == 0
            ? new CaseChanges(items, from, after, false)
            : new CaseChanges(items, items[^1].UpdatedAt, items[^1].Reference, rows.Count > count);
    }
}
