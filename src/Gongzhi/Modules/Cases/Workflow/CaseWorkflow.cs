using Gongzhi.Modules.Cases.Queries;
using Gongzhi.Modules.Cases.Routing;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Observability;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Workflow;

/// <summary>
/// Each action on a case, as the API and the pages call it with a <see cref="Caller"/>. Every action runs
/// the same way: the case must be visible (else 404), the caller's role and relation must be granted by
/// <see cref="CaseAccess"/> (else 403), the version must be current (else 409); then the case's own
/// method applies its rules (409 when they refuse), deadlines come from the category and the working
/// calendar, followers are notified in the same save and open pages are told afterwards.
/// </summary>
public sealed class CaseWorkflow(
    GongzhiDbContext db,
    CaseDeadlines deadlines,
    CaseAudience audience,
    CaseRouter router,
    CaseQueries queries,
    PhotoLibrary photos,
    IJurisdictionDirectory tree,
    IOrganisationDirectory organisations,
    Guests.CaseSupport support,
    TimeProvider clock)
{
    private sealed record Step(Case Case, CaseCategory Category, CaseActor Actor, DateTimeOffset Now);

    public Task<CaseDetail> RegisterAsync(Caller caller, Guid id, RegisterRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.Register, request.Version, s =>
        {
            s.Case.Register(s.Actor, s.Now, deadlines.For(s.Category, CaseStep.Dispatch, s.Case.Urgency, s.Now), request.Note);
            return Task.FromResult(Touched(s));
        }, cancellationToken);

    public Task<CaseDetail> RejectAsync(Caller caller, Guid id, RejectRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.Reject, request.Version, s =>
        {
            s.Case.Reject(s.Actor, s.Now, Required(request.Kind, "kind"), request.Reason ?? "");
            return Task.FromResult(Touched(s));
        }, cancellationToken);

    public Task<CaseDetail> ReclassifyAsync(Caller caller, Guid id, ReclassifyRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.Reclassify, request.Version, async s =>
        {
            var code = request.CategoryCode?.Trim() ?? s.Case.CategoryCode;
            var category = await db.Set<CaseCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, cancellationToken);
            if (category is null || category.IsMajor || !category.Active)
            {
                throw FieldValidationException.Field("categoryCode", CasesText.Format("Workflow.ActiveMinorCategory", code));
            }
            var urgency = request.Urgency ?? s.Case.Urgency;
            s.Case.Reclassify(s.Actor, s.Now, category, urgency, deadlines.For(category, s.Case.DeadlineStep ?? CaseStep.Register, urgency, s.Now));
            return Touched(s);
        }, cancellationToken);

    public Task<CaseDetail> DispatchAsync(Caller caller, Guid id, DispatchRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.Dispatch, request.Version, async s =>
        {
            var suggestion = await router.SuggestAsync(s.Case.CategoryCode, s.Case.JurisdictionCode, cancellationToken);
            var lead = request.LeadOrganisationId ?? suggestion.LeadOrganisationId
                ?? throw FieldValidationException.Field("leadOrganisationId", CasesText.Get("Workflow.ThereSuggestionChooseLead"));
            var assisting = request.AssistingOrganisationIds ?? (request.LeadOrganisationId is null ? suggestion.Assisting.Select(a => a.Id).ToList() : []);
            var wanted = assisting.Append(lead).Distinct().ToList();
            // Organisations the dispatcher can see: their own level and the district above, as in the organisation browser.
            var known = await organisations.VisibleAsync(wanted, activeOnly: true, cancellationToken);
            if (!known.Contains(lead))
            {
                throw FieldValidationException.Field("leadOrganisationId", CasesText.Get("Workflow.ThereSuchActiveOrganisation"));
            }
            if (assisting.Any(a => !known.Contains(a)))
            {
                throw FieldValidationException.Field("assistingOrganisationIds", CasesText.Get("Workflow.AssistingOrganisationDoesExist"));
            }
            var accept = deadlines.For(s.Category, CaseStep.Accept, s.Case.Urgency, s.Now);
            var resolve = deadlines.For(s.Category, CaseStep.Resolve, s.Case.Urgency, s.Now);
            s.Case.Dispatch(s.Actor, s.Now, lead, assisting, accept, resolve < accept ? accept : resolve, request.Note);
            if (suggestion.LeadOrganisationId != lead)
            {
                db.Add(RoutingOverride.Create(s.Case, suggestion, lead, s.Actor, request.Note, s.Now));
            }
            return Touched(s);
        }, cancellationToken);

    public Task<CaseDetail> AcceptAsync(Caller caller, Guid id, AcceptRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.Accept, request.Version, s =>
        {
            s.Case.Accept(s.Actor, s.Now, request.Note);
            return Task.FromResult(Touched(s));
        }, cancellationToken);

    public Task<CaseDetail> ReturnAsync(Caller caller, Guid id, ReturnRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.Return, request.Version, s =>
        {
            s.Case.Return(s.Actor, s.Now, request.Reason ?? "", deadlines.For(s.Category, CaseStep.Dispatch, s.Case.Urgency, s.Now));
            return Task.FromResult(Touched(s));
        }, cancellationToken);

    public Task<CaseDetail> ResolveAsync(Caller caller, Guid id, ResolveRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.Resolve, request.Version, async s =>
        {
            s.Case.Resolve(s.Actor, s.Now, request.Note ?? "", request.PhotoIds, deadlines.For(s.Category, CaseStep.Verify, s.Case.Urgency, s.Now));
            // The fix's photos join the case like the report's, so the grid worker who verifies (and the reporter) can see them.
            if (request.PhotoIds is { Count: > 0 } photoIds)
            {
                try
                {
                    await photos.AttachAsync(photoIds, s.Case.JurisdictionCode, CaseAttachmentAccess.OwnerKey(s.Case.Id), cancellationToken);
                }
                catch (RuleViolationException e)
                {
                    throw FieldValidationException.Field("photoIds", e.Message);
                }
            }
            return Touched(s);
        }, cancellationToken);

    public Task<CaseDetail> VerifyAsync(Caller caller, Guid id, VerifyRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.Verify, request.Version, s =>
        {
            s.Case.Verify(s.Actor, s.Now, request.Note);
            return Task.FromResult(Touched(s));
        }, cancellationToken);

    public Task<CaseDetail> ReworkAsync(Caller caller, Guid id, ReworkRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.Rework, request.Version, s =>
        {
            s.Case.Rework(s.Actor, s.Now, request.Reason ?? "", deadlines.For(s.Category, CaseStep.Resolve, s.Case.Urgency, s.Now));
            return Task.FromResult(Touched(s));
        }, cancellationToken);

    public Task<CaseDetail> CloseAsync(Caller caller, Guid id, CloseRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.Close, request.Version, s =>
        {
            s.Case.Close(s.Actor, s.Now, request.Note);
            return Task.FromResult(Touched(s));
        }, cancellationToken);

    public Task<CaseDetail> EvaluateAsync(Caller caller, Guid id, EvaluateRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.Evaluate, request.Version, s =>
        {
            s.Case.Evaluate(s.Actor, s.Now, Required(request.Satisfaction, "satisfaction"), request.Comment);
            return Task.FromResult(Touched(s));
        }, cancellationToken);

    public Task<CaseDetail> ReopenAsync(Caller caller, Guid id, ReopenRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.Reopen, request.Version, s =>
        {
            s.Case.Reopen(s.Actor, s.Now, request.Reason ?? "", deadlines.For(s.Category, CaseStep.Dispatch, s.Case.Urgency, s.Now));
            return Task.FromResult(Touched(s));
        }, cancellationToken);

    public Task<CaseDetail> RequestExtensionAsync(Caller caller, Guid id, ExtendRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.RequestExtension, request.Version, s =>
        {
            s.Case.RequestExtension(s.Actor, s.Now, Required(request.Hours, "hours"), request.Reason ?? "");
            return Task.FromResult(Touched(s));
        }, cancellationToken);

    public Task<CaseDetail> ApproveExtensionAsync(Caller caller, Guid id, ApproveExtensionRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.ApproveExtension, request.Version, s =>
        {
            // The extension runs on from the current deadline, in working time.
            var from = s.Case.Deadline ?? s.Now;
            var extended = s.Case.PendingExtensionHours is { } hours ? deadlines.AddWorkingHours(from, hours) : from;
            s.Case.ApproveExtension(s.Actor, s.Now, extended, request.Note);
            return Task.FromResult(Touched(s));
        }, cancellationToken);

    public Task<CaseDetail> RefuseExtensionAsync(Caller caller, Guid id, RefuseExtensionRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.RefuseExtension, request.Version, s =>
        {
            s.Case.RefuseExtension(s.Actor, s.Now, request.Reason ?? "");
            return Task.FromResult(Touched(s));
        }, cancellationToken);

    public Task<CaseDetail> TransferAsync(Caller caller, Guid id, TransferRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.Transfer, request.Version, async s =>
        {
            var to = request.ToJurisdictionCode?.Trim() ?? "";
            if (!JurisdictionCode.IsWellFormed(to) || !await tree.ExistsAsync(to, cancellationToken))
            {
                throw FieldValidationException.Field("toJurisdictionCode", CasesText.Format("Workflow.ThereJurisdiction", to));
            }
            var from = s.Case.JurisdictionCode;
            s.Case.Transfer(s.Actor, s.Now, to, request.Reason ?? "", deadlines.For(s.Category, CaseStep.Register, s.Case.Urgency, s.Now));
            return (string[])[from, to];
        }, cancellationToken);

    public Task<CaseDetail> MergeAsync(Caller caller, Guid id, MergeRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.Merge, request.Version, async s =>
        {
            var masterId = Required(request.MasterCaseId, "masterCaseId");
            // Found whatever the scope, then checked against the caller's cover on the next line, which answers the same for both.
            var master = await db.Set<Case>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == masterId, cancellationToken);
            if (master is null || !caller.Covers(master.JurisdictionCode))
            {
                throw FieldValidationException.Field("masterCaseId", CasesText.Get("Workflow.ThereSuchMasterCase"));
            }
            s.Case.MergeInto(master, s.Actor, s.Now, request.Note);
            return (string[])[s.Case.JurisdictionCode, master.JurisdictionCode];
        }, cancellationToken);

    public Task<CaseDetail> EscalateAsync(Caller caller, Guid id, EscalateRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.Escalate, request.Version, s =>
        {
            s.Case.Escalate(s.Actor, s.Now, request.Reason ?? "");
            return Task.FromResult(Touched(s));
        }, cancellationToken);

    public Task<CaseDetail> SuperviseAsync(Caller caller, Guid id, SuperviseRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, CaseActions.Supervise, request.Version, s =>
        {
            s.Case.Supervise(s.Actor, s.Now, request.Kind ?? SupervisionKind.Supervise, request.Note ?? "");
            return Task.FromResult(Touched(s));
        }, cancellationToken);

    /// <summary>
    /// 办理备注. No version is asked for: the note changes nothing another writer could have changed, and the
    /// lead, the assisting organisations and the dispatcher may all write at once.
    /// </summary>
    public async Task<CaseDetail> NoteAsync(Caller caller, Guid id, NoteRequest request, CancellationToken cancellationToken)
    {
        // Cases' own visibility (CaseAccess) decides: a reporter, a follower or an assisting department sees beyond its scope.
        var @case = await db.Set<Case>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null || !CaseAccess.CanSee(caller, @case))
        {
            throw CaseAccessException.NotFound();
        }
        if (CaseAccess.GrantFor(caller, CaseActions.Note, @case) is null)
        {
            throw CaseAccessException.Forbidden(CaseActions.Note);
        }
        if (request.PhotoIds is { Count: > Intake.CaseIntakeService.MaxPhotos })
        {
            throw FieldValidationException.Field("photoIds", CasesText.Format("Workflow.MostPhotos", Intake.CaseIntakeService.MaxPhotos));
        }
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            throw FieldValidationException.Field("text", CasesText.Get("Workflow.NoteNeedsSomeText"));
        }
        var now = clock.GetUtcNow();
        @case.AddNote(CaseActor.From(caller), now, request.Text, request.PhotoIds);
        try
        {
            db.Caller = CaseAccess.ActingOn(caller, @case.JurisdictionCode);
            if (request.PhotoIds is { Count: > 0 } photoIds)
            {
                try
                {
                    await photos.AttachAsync(photoIds, @case.JurisdictionCode, CaseAttachmentAccess.OwnerKey(@case.Id), cancellationToken);
                }
                catch (RuleViolationException e)
                {
                    throw FieldValidationException.Field("photoIds", e.Message);
                }
            }
            await audience.NotifyAsync(@case, CaseActions.Note, caller, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Caller = caller;
        }
        GongzhiMetrics.CaseAction(CaseActions.Note);
        await audience.PublishAsync(@case, CaseActions.Note, now, cancellationToken);
        return await queries.DetailAsync(caller, @case, cancellationToken);
    }

    /// <summary>The nodes an action writes to: the case's own, unless the action moves it.</summary>
    private static string[] Touched(Step step) => [step.Case.JurisdictionCode];

    private async Task<CaseDetail> RunAsync(Caller caller, Guid id, string action, long? version, Func<Step, Task<string[]>> apply,
        CancellationToken cancellationToken)
    {
        if (version is null)
        {
            throw FieldValidationException.Field("version", CasesText.Get("Workflow.SendCaseSVersion"));
        }
        // Cases' own visibility (CaseAccess) decides: a reporter, a follower or an assisting department sees beyond its scope.
        var @case = await db.Set<Case>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null || !CaseAccess.CanSee(caller, @case))
        {
            throw CaseAccessException.NotFound();
        }
        var gridUnattended = CaseAccess.MayNeedUnattendedGrid(caller, action)
            && await CaseRecipients.GridUnattendedAsync(db, @case.JurisdictionCode, cancellationToken);
        if (CaseAccess.GrantFor(caller, action, @case, gridUnattended) is null)
        {
            throw CaseAccessException.Forbidden(action);
        }
        if (@case.Version != version)
        {
            throw new RuleViolationException(
                CasesText.Format("Workflow.CaseWasChangedSomeone", @case.Reference));
        }
        var category = await db.Set<CaseCategory>().AsNoTracking().FirstAsync(c => c.Code == @case.CategoryCode, cancellationToken);
        var now = clock.GetUtcNow();
        var previousLead = @case.LeadOrganisationId;
        var touched = await apply(new Step(@case, category, CaseActor.From(caller), now));
        await audience.NotifyAsync(@case, action, caller, cancellationToken, previousLead);
        List<Func<Task>> afterSave = [];
        if (@case.State == CaseState.Closed && action == CaseActions.Close)
        {
            await support.TellClosedAsync(@case, caller, afterSave, cancellationToken);
        }
        try
        {
            db.Caller = CaseAccess.ActingOn(caller, touched);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Caller = caller;
        }
        foreach (var then in afterSave)
        {
            await then();
        }
        GongzhiMetrics.CaseAction(action);
        await audience.PublishAsync(@case, action, now, cancellationToken);
        return await queries.DetailAsync(caller, @case, cancellationToken);
    }

    private static T Required<T>(T? value, string field)
        where T : struct =>
        value ?? throw FieldValidationException.Field(field, CasesText.Get("Workflow.Required"));
}
