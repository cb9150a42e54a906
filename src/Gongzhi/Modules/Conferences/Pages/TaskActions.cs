using System.Globalization;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Scoping;
using Microsoft.Extensions.Localization;

namespace Gongzhi.Modules.Conferences.Pages;

/// <summary>
/// The progress report the resolution page and the task board share (percent, note, an evidence photo). It goes through
/// the same workflow as the API, so the pages and the API keep one set of rules; a page runs it through the kit's form call.
/// </summary>
internal static class TaskActions
{
    public const string EvidenceField = "evidence";

    public static async Task ReportAsync(Guid taskId, HttpContext http, TaskQueries tasks, PhotoLibrary photos, ResolutionWorkflow resolutions,
        Caller caller, IStringLocalizer l, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        decimal? percent = decimal.TryParse(form["percent"], NumberStyles.Number, CultureInfo.InvariantCulture, out var p) ? p : null;
        if (percent is null or < 0 or > 100)
        {
            // Before any photo is stored for a report that cannot be recorded.
            throw FieldValidationException.Field("percent", l["Conf.Field.percent"]);
        }
        var evidence = new List<Guid>();
        if (form.Files.GetFile(EvidenceField) is { Length: > 0 } file)
        {
            var task = await tasks.FindAsync(caller, taskId, cancellationToken) ?? throw new RecordNotFoundException(l["Conf.TaskNotFound"]);
            await using var stream = file.OpenReadStream();
            var stored = await ConferenceUi.UploadAsync(photos, stream, EvidenceField, cancellationToken);
            // Attached in the report's own transaction: the evidence belongs to the task from the moment the report exists.
            await photos.AttachAsync([stored.Id], task.JurisdictionCode, $"{nameof(ConferenceTask)}:{task.Id}", cancellationToken);
            evidence.Add(stored.Id);
        }
        await resolutions.ReportAsync(caller, taskId, new ProgressRequest(percent, form["note"], evidence), cancellationToken);
    }
}
