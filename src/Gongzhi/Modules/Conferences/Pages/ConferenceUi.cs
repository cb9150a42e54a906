using System.Globalization;
using System.Text.RegularExpressions;
using Gongzhi.Components.Kit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gongzhi.Modules.Conferences.Pages;

/// <summary>What the joint-conference pages share: how times read, who owns a task, and how an API answer becomes a page message.</summary>
public static class ConferenceUi
{
    /// <summary>The roles of <see cref="ConferencePermissions.Readers"/>, for the pages' <c>[Authorize(Roles = …)]</c>.</summary>
    public const string ReaderRoles = "Admin,PartyOrg,StreetStaff,StreetDispatcher,CommunityStaff,GridWorker,CommandCenter,Leader,DepartmentStaff";

    public static string Date(ShownTime shown, DateTimeOffset at) => shown.Text(at, "yyyy-MM-dd");

    /// <summary>A <c>datetime-local</c> or <c>date</c> input, read in the configured zone; null when empty or malformed.</summary>
    public static DateTimeOffset? ParseLocal(ShownTime shown, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"];
        if (!DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }
        // A bare date is a deadline: the end of that day.
        if (text.Trim().Length == 10)
        {
            local = local.AddDays(1).AddMinutes(-1);
        }
        return shown.FromLocal(local);
    }

    public static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>The progress bar's width, clamped so that bad data never draws outside the bar.</summary>
    public static string BarWidth(decimal value) =>
        "width:" + Math.Clamp(value, 0m, 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>Body names by id, whatever the caller's scope: a task's owner may be a body the caller cannot open.</summary>
    public static Task<Dictionary<Guid, string>> BodyNamesAsync(GongzhiDbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        // Names only (see the summary).
        return db.Set<ConferenceBody>().IgnoreQueryFilters().AsNoTracking().Where(b => list.Contains(b.Id))
            .ToDictionaryAsync(b => b.Id, b => b.Name, cancellationToken);
    }

    public static string OwnerName(TaskResponse task, IReadOnlyDictionary<Guid, string> organisations, IReadOnlyDictionary<Guid, string> bodies) =>
        task.OwnerOrganisationId is { } org ? organisations.GetValueOrDefault(org, org.ToString())
        : task.OwnerBodyId is { } body ? bodies.GetValueOrDefault(body, body.ToString()) : "—";

    /// <summary>Where a task stands on the board: a task past its deadline first, then waiting for acceptance, in hand, accepted.</summary>
    public static string Column(TaskResponse task) =>
        task.Accepted ? "accepted" : task.Overdue ? "overdue" : task.Progress >= 100m ? "awaiting" : "in-hand";

    public static readonly string[] Columns = ["overdue", "in-hand", "awaiting", "accepted"];

    /// <summary>
    /// A field's message in the reader's language when the UI has one for the field (<c>Conf.Field.{field}</c>), else the API's own text.
    /// Task rows share their messages: <c>tasks[2].title</c> reads <c>Conf.Field.title</c>.
    /// </summary>
    public static string FieldMessage(this IStringLocalizer l, string field, string text)
    {
        var key = "Conf.Field." + Regex.Replace(field, @"^tasks\[\d+\]\.", "");
        var localized = l[key];
        return localized.ResourceNotFound ? text : localized.Value;
    }

    /// <summary>
    /// Runs a service call for a page: null when it succeeded, else what to show: the field messages of bad input, or a
    /// page-level message under <c>""</c> for a record not found, an action not allowed, a broken rule or a stale version.
    /// </summary>
    public static async Task<Dictionary<string, string[]>?> TryAsync(Func<Task> action, string notFound, string forbidden, string stale)
    {
        try
        {
            await action();
            return null;
        }
        catch (FieldValidationException e)
        {
            return new Dictionary<string, string[]>(e.Errors);
        }
        catch (RecordNotFoundException)
        {
            return new() { [""] = [notFound] };
        }
        catch (ActionForbiddenException)
        {
            return new() { [""] = [forbidden] };
        }
        catch (RuleViolationException e)
        {
            return new() { [""] = [e.Message] };
        }
        catch (DbUpdateConcurrencyException)
        {
            return new() { [""] = [stale] };
        }
    }

    /// <summary>The <c>aria-invalid</c> of a form field: "true" when the last submission named it.</summary>
    public static string? Invalid(IReadOnlyDictionary<string, string[]> errors, string field) => errors.ContainsKey(field) ? "true" : null;

    /// <summary>What a page shows, or null when the record is not there or out of the caller's sight.</summary>
    public static async Task<T?> FindAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (RecordNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Tasks on the caller's board: those of the caller's organisation, of the bodies at the caller's node, and those such bodies set.</summary>
    public static async Task<List<ConferenceTask>> BoardTasksAsync(GongzhiDbContext db, Caller caller, CancellationToken cancellationToken)
    {
        var organisation = Guid.TryParse(caller.OrganisationId, out var org) ? org : (Guid?)null;
        var myBodies = caller.ScopeCode.Length == 0 || !ConferencePermissions.RunsNode(caller, caller.ScopeCode)
            ? []
            : await db.Set<ConferenceBody>().AsNoTracking().Where(b => b.JurisdictionCode == caller.ScopeCode).Select(b => b.Id)
                .ToListAsync(cancellationToken);
        // Owned tasks may sit at a node above the owner (a member unit elsewhere), so the owner's own filter is applied here instead.
        return await db.Set<ConferenceTask>().IgnoreQueryFilters().AsNoTracking()
            .Where(t => (organisation != null && t.OwnerOrganisationId == organisation)
                || (t.OwnerBodyId != null && myBodies.Contains(t.OwnerBodyId.Value))
                || myBodies.Contains(t.BodyId))
            .OrderBy(t => t.Deadline).Take(500).ToListAsync(cancellationToken);
    }
}
