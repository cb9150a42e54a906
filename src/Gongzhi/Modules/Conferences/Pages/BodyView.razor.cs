using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Conferences.Pages;

/// <summary>A body's page: it loads what its sections show and runs their forms through the module's services.</summary>
public partial class BodyView
{
    private ConferenceBody? body;
    private ConferenceBody? parent;
    private List<ConferenceBody> lower = [];
    private List<MemberResponse> members = [];
    private List<MeetingResponse> upcoming = [];
    private List<MeetingResponse> past = [];
    private List<ResolutionResponse> resolutions = [];
    private List<EscalationResponse> received = [];
    private List<EscalationResponse> sent = [];
    private Dictionary<Guid, string> bodyNames = [];
    private List<DirectiveResponse> issued = [];
    private List<(AssignmentResponse Assignment, Directive Directive)> assigned = [];
    private readonly Dictionary<Guid, string> revealed = [];
    private List<Conferences.Feed.FeedItemResponse> feed = [];
    private bool runs;
    private string? message;
    private bool messageIsError;
    private readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    [Parameter]
    public Guid Id { get; set; }

    [SupplyParameterFromQuery(Name = "done")]
    public string? Done { get; set; }

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Inject]
    private ICallerAccessor Callers { get; set; } = default!;

    [Inject]
    private Gongzhi.Platform.Files.PhotoLibrary Photos { get; set; } = default!;

    [Inject]
    private BodyService Bodies { get; set; } = default!;

    [Inject]
    private PersonalDataProtector Protector { get; set; } = default!;

    [Inject]
    private MeetingWorkflow Meetings { get; set; } = default!;

    [Inject]
    private ResolutionWorkflow Resolutions { get; set; } = default!;

    [Inject]
    private DirectiveService Directives { get; set; } = default!;

    [Inject]
    private Conferences.Feed.BodyFeed Feed { get; set; } = default!;

    private Caller Caller => Callers.Current;

    private CancellationToken Aborted => HttpContext.RequestAborted;

    protected override async Task OnInitializedAsync()
    {
        if (Done is "acknowledged" or "reported" or "posted")
        {
            message = L[$"Conf.Done.{Done}"];
        }
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        // The scope filter decides whether the caller may open the body: another street's body does not exist for them.
        body = await Db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == Id, Aborted);
        if (body is null)
        {
            // The router's not-found page, with status 404: what lies out of the caller's sight and what does not exist look alike.
            Navigation.NotFound();
            return;
        }
        runs = ConferencePermissions.Runs(Caller, body);
        parent = body.ParentBodyId is { } p ? await Db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == p, Aborted) : null;
        lower = await Db.Set<ConferenceBody>().AsNoTracking().Where(b => b.ParentBodyId == Id).OrderBy(b => b.JurisdictionCode).ToListAsync(Aborted);
        members = await Bodies.MembersAsync(Caller, Id, true, Aborted);
        feed = await Feed.MayReadAsync(Caller, body, Aborted) ? await Feed.ListAsync(Caller, Id, null, Aborted) : [];
        var meetings = await Meetings.ListAsync(Caller, Id, Aborted);
        var now = Clock.GetUtcNow();
        upcoming = meetings.Where(x => x.State != MeetingState.Closed && x.ScheduledAt >= now.AddDays(-1)).OrderBy(x => x.ScheduledAt).ToList();
        past = meetings.Except(upcoming).OrderByDescending(x => x.ScheduledAt).ToList();
        resolutions = await Resolutions.OpenOfBodyAsync(Caller, Id, Aborted);
        received = await Meetings.EscalationsAsync(Caller, Id, false, Aborted);
        sent = await Meetings.EscalationsAsync(Caller, Id, true, Aborted);
        bodyNames = await ConferenceUi.BodyNamesAsync(Db, received.Select(e => e.FromBodyId).Concat(sent.Select(e => e.ToBodyId)), Aborted);
        issued = await Directives.IssuedByAsync(Caller, Id, Aborted);
        assigned = await Directives.AssignedToNodeAsync(Caller, body.JurisdictionCode, Aborted);
    }

    private async Task ScheduleAsync()
    {
        var form = HttpContext.Request.Form;
        var when = ConferenceUi.ParseLocal(Shown, form["scheduledAt"]);
        var kind = Enum.TryParse<MeetingKind>(form["kind"], out var k) ? k : MeetingKind.Planned;
        MeetingResponse? scheduled = null;
        await RunAsync(async () => scheduled = await Meetings.ScheduleAsync(Caller, Id, new ScheduleMeetingRequest(form["title"], kind, when, form["place"]), Aborted),
            () => $"/conferences/meetings/{scheduled!.Id}");
    }

    private async Task PostFeedAsync()
    {
        var form = HttpContext.Request.Form;
        var files = new List<Guid>();
        if (form.Files.GetFile("feedFile") is { Length: > 0 } file)
        {
            try
            {
                await using var stream = file.OpenReadStream();
                files.Add((await Photos.UploadAsync(stream, Aborted)).Id);
            }
            catch (Gongzhi.Platform.Files.PhotoRejectedException e)
            {
                errors["file"] = [e.Message];
                Fail(L["Conf.FixErrors"]);
                return;
            }
        }
        // A file makes the item a document; text alone is an announcement.
        var kind = files.Count > 0 ? Conferences.Feed.FeedItemKind.Document : Conferences.Feed.FeedItemKind.Announcement;
        var request = new Conferences.Feed.PostFeedItemRequest(kind, form["feedTitle"], form["feedText"], files);
        await RunAsync(() => Feed.PostAsync(Caller, Id, request, Aborted), () => $"/conferences/bodies/{Id}?done=posted");
    }

    private async Task IssueAsync()
    {
        var form = HttpContext.Request.Form;
        var request = new IssueDirectiveRequest(form["title"], form["requiredActions"], ConferenceUi.ParseLocal(Shown, form["deadline"]), null);
        DirectiveResponse? issuedNow = null;
        await RunAsync(async () => issuedNow = await Directives.IssueAsync(Caller, Id, request, Aborted), () => $"/conferences/directives/{issuedNow!.Id}");
    }

    private async Task RevealAsync(Guid membershipId)
    {
        var purpose = HttpContext.Request.Form["purpose"].ToString().Trim();
        var membership = await Db.Set<BodyMembership>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == membershipId && m.BodyId == Id, Aborted);
        if (body is null || membership is null || !ConferencePermissions.Runs(Caller, body))
        {
            Fail(L["Conf.Forbidden"]);
            return;
        }
        if (!RevealPurposes.IsKnown(purpose))
        {
            Fail(L["Conf.RevealPurposeRequired"]);
            return;
        }
        Audit.Reveal(nameof(BodyMembership), membership.AuditKey, membership.JurisdictionCode, "liaisonPhone", purpose);
        await Db.SaveChangesAsync(Aborted);
        revealed[membershipId] = membership.LiaisonPhoneProtected is { } phone ? Protector.Unprotect(phone) : "—";
    }

    private Task AcknowledgeAsync(Guid assignmentId) =>
        RunAsync(() => Directives.AcknowledgeAsync(Caller, assignmentId, Aborted), () => $"/conferences/bodies/{Id}?done=acknowledged");

    private Task ReportExecutionAsync(Guid assignmentId)
    {
        var form = HttpContext.Request.Form;
        var status = Enum.TryParse<ExecutionStatus>(form["status"], out var s) ? s : (ExecutionStatus?)null;
        long? version = long.TryParse(form["version"], out var v) ? v : null;
        return RunAsync(() => Directives.ReportAsync(Caller, assignmentId, new ExecutionReportRequest(status, form["note"], [], version), Aborted),
            () => $"/conferences/bodies/{Id}?done=reported");
    }

    /// <summary>Runs a service call; on success goes where <paramref name="next"/> says, else shows the messages and the page again.</summary>
    private async Task RunAsync(Func<Task> action, Func<string> next)
    {
        var problems = await ConferenceUi.TryAsync(action, L["Conf.BodyNotFound"], L["Conf.Forbidden"], L["Conf.Stale"]);
        if (problems is null)
        {
            Navigation.NavigateTo(next());
            return;
        }
        foreach (var (field, texts) in problems)
        {
            errors[field] = texts;
        }
        Fail(errors.TryGetValue("", out var general) ? general[0] : L["Conf.FixErrors"]);
        Db.ChangeTracker.Clear();
        await LoadAsync();
    }

    private void Fail(string text)
    {
        messageIsError = true;
        message = text;
    }
}
