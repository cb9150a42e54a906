using System.Globalization;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Scoping;
using Microsoft.Extensions.Localization;

namespace Gongzhi.Modules.Conferences.Pages;

/// <summary>
/// The task forms the resolution page and the task board share: a progress report (percent, note, an evidence photo)
/// and the body's acceptance. Both go through the same workflow as the API, so the pages and the API keep one set of rules.
/// </summary>
internal static class TaskActions
{
    public const string EvidenceField = "evidence";

    /// <summary>What to show (field errors, or a page message under <c>""</c>), or null when the report was recorded.</summary>
    public static async Task<Dictionary<string, string[]>?> ReportAsync(Guid taskId, HttpContext http, GongzhiDbContext db, PhotoLibrary photos,
        ResolutionWorkflow resolutions, Caller caller, IStringLocalizer l, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        decimal? percent = decimal.TryParse(form["percent"], NumberStyles.Number, CultureInfo.InvariantCulture, out var p) ? p : null;
        if (percent is null or < 0 or > 100)
        {
            return new() { ["percent"] = [l["Conf.Field.percent"]] };
        }
        var evidence = new List<Guid>();
        if (form.Files.GetFile(EvidenceField) is { Length: > 0 } file)
        {
            var task = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
                db.Set<ConferenceTask>(), t => t.Id == taskId, cancellationToken);
            if (task is null)
            {
                return new() { [""] = [l["Conf.TaskNotFound"]] };
            }
            try
            {
                await using var stream = file.OpenReadStream();
                var stored = await photos.UploadAsync(stream, cancellationToken);
                // Attached in the report's own transaction: the evidence belongs to the task from the moment the report exists.
                await photos.AttachAsync([stored.Id], task.JurisdictionCode, $"{nameof(ConferenceTask)}:{task.Id}", cancellationToken);
                evidence.Add(stored.Id);
            }
            catch (PhotoRejectedException e)
            {
                return new() { [EvidenceField] = [e.Message] };
            }
        }
        return await ConferenceUi.TryAsync(() => resolutions.ReportAsync(caller, taskId, new ProgressRequest(percent, form["note"], evidence), cancellationToken),
            l["Conf.TaskNotFound"], l["Conf.Forbidden"], l["Conf.Stale"]);
    }

    public static Task<Dictionary<string, string[]>?> AcceptAsync(Guid taskId, ResolutionWorkflow resolutions, Caller caller, IStringLocalizer l,
        CancellationToken cancellationToken) =>
        ConferenceUi.TryAsync(() => resolutions.AcceptAsync(caller, taskId, cancellationToken), l["Conf.TaskNotFound"], l["Conf.Forbidden"], l["Conf.Stale"]);
}
