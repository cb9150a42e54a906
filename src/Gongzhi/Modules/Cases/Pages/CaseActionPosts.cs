using System.Globalization;
using Gongzhi.Components.Kit;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Cases.Queries;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Scoping;
using Gongzhi.Resources;
using Microsoft.Extensions.Localization;

namespace Gongzhi.Modules.Cases.Pages;

/// <summary>
/// A case action posted from the case page: the form's fields become the workflow's request (photos are uploaded
/// first, a merge's master is found by its reference). The workflow's exceptions reach the page unchanged.
/// </summary>
internal sealed class CaseActionPosts(CaseWorkflow workflow, PhotoLibrary photos, CaseViewQueries queries, IStringLocalizer<SharedResource> text)
{
    /// <summary>Runs the action; false when the page offers no such action.</summary>
    public async Task<bool> RunAsync(Caller caller, Guid id, string action, IFormCollection form, CancellationToken cancellationToken)
    {
        string? Text(string name) => form[name].ToString() is { Length: > 0 } v ? v.Trim() : null;
        long? version = long.TryParse(form["version"], out var v) ? v : null;
        switch (action)
        {
            case CaseActions.Register:
                await workflow.RegisterAsync(caller, id, new(version, Text("note")), cancellationToken);
                break;
            case CaseActions.Reject:
                await workflow.RejectAsync(caller, id, new(version, Enum.TryParse<RejectionKind>(Text("kind"), out var kind) ? kind : null, Text("reason")), cancellationToken);
                break;
            case CaseActions.Reclassify:
                await workflow.ReclassifyAsync(caller, id, new(version, Text("categoryCode"),
                    Enum.TryParse<CaseUrgency>(Text("urgency"), out var urgency) ? urgency : null), cancellationToken);
                break;
            case CaseActions.Dispatch:
                var lead = Guid.TryParse(Text("leadOrganisationId"), out var l) ? l : (Guid?)null;
                var assisting = form["assistingOrganisationIds"].Select(a => Guid.TryParse(a, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
                await workflow.DispatchAsync(caller, id, new(version, lead, assisting, Text("note")), cancellationToken);
                break;
            case CaseActions.Accept:
                await workflow.AcceptAsync(caller, id, new(version, Text("note")), cancellationToken);
                break;
            case CaseActions.Return:
                await workflow.ReturnAsync(caller, id, new(version, Text("reason")), cancellationToken);
                break;
            case CaseActions.Resolve:
                var uploaded = await FormPhotos.UploadAsync(photos, form, CaseIntakeService.MaxPhotos, cancellationToken);
                await workflow.ResolveAsync(caller, id, new(version, Text("note"), uploaded), cancellationToken);
                break;
            case CaseActions.Verify:
                await workflow.VerifyAsync(caller, id, new(version, Text("note")), cancellationToken);
                break;
            case CaseActions.Rework:
                await workflow.ReworkAsync(caller, id, new(version, Text("reason")), cancellationToken);
                break;
            case CaseActions.Close:
                await workflow.CloseAsync(caller, id, new(version, Text("note")), cancellationToken);
                break;
            case CaseActions.Evaluate:
                await workflow.EvaluateAsync(caller, id, new(version,
                    Enum.TryParse<Satisfaction>(Text("satisfaction"), out var satisfaction) ? satisfaction : null, Text("comment")), cancellationToken);
                break;
            case CaseActions.Reopen:
                await workflow.ReopenAsync(caller, id, new(version, Text("reason")), cancellationToken);
                break;
            case CaseActions.RequestExtension:
                await workflow.RequestExtensionAsync(caller, id, new(version,
                    double.TryParse(Text("hours"), NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) ? hours : null, Text("reason")), cancellationToken);
                break;
            case CaseActions.ApproveExtension:
                await workflow.ApproveExtensionAsync(caller, id, new(version, Text("note")), cancellationToken);
                break;
            case CaseActions.RefuseExtension:
                await workflow.RefuseExtensionAsync(caller, id, new(version, Text("reason")), cancellationToken);
                break;
            case CaseActions.Transfer:
                await workflow.TransferAsync(caller, id, new(version, Text("toJurisdictionCode"), Text("reason")), cancellationToken);
                break;
            case CaseActions.Merge:
                var reference = Text("masterReference");
                var master = reference is null ? null
                    : await queries.IdOfReferenceAsync(reference, cancellationToken);
                if (master is null)
                {
                    throw FieldValidationException.Field("masterCaseId", text["Action.MasterNotFound"]);
                }
                await workflow.MergeAsync(caller, id, new(version, master, Text("note")), cancellationToken);
                break;
            case CaseActions.Escalate:
                await workflow.EscalateAsync(caller, id, new(version, Text("reason")), cancellationToken);
                break;
            case CaseActions.Supervise:
                await workflow.SuperviseAsync(caller, id, new(version,
                    Enum.TryParse<SupervisionKind>(Text("kind"), out var supervision) ? supervision : null, Text("note")), cancellationToken);
                break;
            default:
                return false;
        }
        return true;
    }
}
