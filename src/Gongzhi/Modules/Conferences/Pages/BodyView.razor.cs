using Gongzhi.Platform.Files;
using Microsoft.AspNetCore.Components;

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

    [Inject]
    private PhotoLibrary Photos { get; set; } = default!;

    [Inject]
    private DirectiveService Directives { get; set; } = default!;

    [Inject]
    private Conferences.Feed.BodyFeed Feed { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (Done is "acknowledged" or "reported" or "posted")
        {
            Message = L[$"Conf.Done.{Done}"];
        }
        await LoadAsync();
    }

    protected override async Task LoadAsync()
    {
        // The scope filter decides whether the caller may open the body: another street's body does not exist for them.
        body = await BodyReads.FindAsync(Caller, Id, Aborted);
        if (body is null)
        {
            // The router's not-found page, with status 404: what lies out of the caller's sight and what does not exist look alike.
            Navigation.NotFound();
            return;
        }
        runs = ConferencePermissions.Runs(Caller, body);
        parent = body.ParentBodyId is { } p ? await BodyReads.FindAsync(Caller, p, Aborted) : null;
        lower = await BodyReads.LowerAsync(Caller, Id, Aborted);
        members = await Bodies.MembersAsync(Caller, Id, true, Aborted);
        feed = await Feed.MayReadAsync(Caller, body, Aborted) ? await Feed.ListAsync(Caller, Id, null, Aborted) : [];
        var meetings = await Meetings.ListAsync(Caller, Id, Aborted);
        var now = Clock.GetUtcNow();
        upcoming = meetings.Where(x => x.State != MeetingState.Closed && x.ScheduledAt >= now.AddDays(-1)).OrderBy(x => x.ScheduledAt).ToList();
        past = meetings.Except(upcoming).OrderByDescending(x => x.ScheduledAt).ToList();
        resolutions = await Resolutions.OpenOfBodyAsync(Caller, Id, Aborted);
        received = await Meetings.EscalationsAsync(Caller, Id, false, Aborted);
        sent = await Meetings.EscalationsAsync(Caller, Id, true, Aborted);
        bodyNames = await BodyReads.NamesAsync(received.Select(e => e.FromBodyId).Concat(sent.Select(e => e.ToBodyId)), Aborted);
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

    private Task PostFeedAsync()
    {
        var form = HttpContext.Request.Form;
        return RunAsync(async () =>
        {
            var files = new List<Guid>();
            if (form.Files.GetFile("feedFile") is { Length: > 0 } file)
            {
                await using var stream = file.OpenReadStream();
                files.Add((await ConferenceUi.UploadAsync(Photos, stream, "file", Aborted)).Id);
            }
            // A file makes the item a document; text alone is an announcement.
            var kind = files.Count > 0 ? Conferences.Feed.FeedItemKind.Document : Conferences.Feed.FeedItemKind.Announcement;
            await Feed.PostAsync(Caller, Id, new Conferences.Feed.PostFeedItemRequest(kind, form["feedTitle"], form["feedText"], files), Aborted);
        }, () => $"/conferences/bodies/{Id}?done=posted");
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
        string? phone = null;
        var outcome = await Gongzhi.Components.Kit.FormCall.RunAsync(Errors,
            async () => phone = await Bodies.RevealLiaisonPhoneAsync(Caller, Id, membershipId, purpose, Aborted));
        if (outcome.Done)
        {
            revealed[membershipId] = phone ?? "—";
            return;
        }
        // The purpose is chosen beside the button, where no field message has room: the page says what is missing.
        Fail(Errors.Remove("purpose") ? L["Conf.RevealPurposeRequired"] : outcome.Message!);
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
}
