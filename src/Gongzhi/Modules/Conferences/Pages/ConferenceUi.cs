using System.Globalization;
using System.Text.RegularExpressions;
using Gongzhi.Components.Kit;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Files;
using Microsoft.Extensions.Localization;

namespace Gongzhi.Modules.Conferences.Pages;

/// <summary>What the joint-conference pages share: how times read, who owns a task, and how a field's message reads.</summary>
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

    /// <summary>Stores an uploaded photo; a photo the library refuses is a message under the form's <paramref name="field"/>.</summary>
    public static async Task<StoredFile> UploadAsync(PhotoLibrary photos, Stream stream, string field, CancellationToken cancellationToken)
    {
        try
        {
            return await photos.UploadAsync(stream, cancellationToken);
        }
        catch (PhotoRejectedException e)
        {
            throw FieldValidationException.Field(field, e.Message);
        }
    }
}
