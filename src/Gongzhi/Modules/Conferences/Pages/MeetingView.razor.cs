using System.Globalization;
using System.Text.RegularExpressions;
using Gongzhi.Modules.Organisations;
using Microsoft.AspNetCore.Components;

namespace Gongzhi.Modules.Conferences.Pages;

/// <summary>A meeting's page: it loads what its sections show and runs their forms through the module's services.</summary>
public partial class MeetingView
{
    private static readonly HashSet<string> DoneKeys =
        ["item-added", "opened", "signed", "minutes", "closed", "escalated", "answered", "adopted"];

    private MeetingResponse? meeting;
    private ConferenceBody? body;
    private bool runs;
    private bool hasParent;
    private Guid? myOrganisation;
    private List<MemberResponse> members = [];
    private List<ConferenceBody> lower = [];
    private List<ResolutionResponse> resolutions = [];
    private List<Escalation> pending = [];
    private IReadOnlyDictionary<Guid, string> organisationNames = new Dictionary<Guid, string>();
    private Dictionary<Guid, string> bodyNames = [];

    [Inject]
    private IOrganisationDirectory Organisations { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (Done is { } done && DoneKeys.Contains(done))
        {
            Message = L[$"Conf.Done.{done}"];
        }
        await LoadAsync();
    }

    protected override async Task LoadAsync()
    {
        body = null;
        meeting = await ConferenceUi.FindAsync(() => Meetings.GetAsync(Caller, Id, Aborted));
        body = meeting is null ? null : await BodyReads.FindAsync(Caller, meeting.BodyId, Aborted);
        if (meeting is null || body is null)
        {
            meeting = null;
            // The router's not-found page, with status 404: what lies out of the caller's sight and what does not exist look alike.
            Navigation.NotFound();
            return;
        }
        runs = ConferencePermissions.Runs(Caller, body);
        hasParent = body.ParentBodyId is not null;
        myOrganisation = Guid.TryParse(Caller.OrganisationId, out var org) ? org : null;
        members = await Bodies.MembersAsync(Caller, body.Id, false, Aborted);
        lower = await BodyReads.LowerAsync(Caller, body.Id, Aborted);
        resolutions = await Resolutions.ListAsync(Caller, Id, Aborted);
        pending = await BodyReads.PendingEscalationsAsync(Caller, body.Id, Aborted);
        organisationNames = await Organisations.NamesAsync(meeting.Agenda.Select(a => a.ProposedByOrganisationId).OfType<Guid>(), Aborted);
        bodyNames = await BodyReads.NamesAsync(pending.Select(e => e.FromBodyId), Aborted);
    }

    private Task RunAsync(Func<Task> action, string done, Func<string, string>? field = null) =>
        RunAsync(action, () => $"/conferences/meetings/{Id}?done={done}", field);

    private Task AddAgendaItemAsync()
    {
        var form = HttpContext.Request.Form;
        var by = Guid.TryParse(form["proposedBy"], out var g) ? g : (Guid?)null;
        return RunAsync(() => Meetings.AddAgendaItemAsync(Caller, Id, new AgendaItemRequest(form["title"], AgendaSource.Member, null, by), Aborted),
            "item-added");
    }

    private Task OpenAsync() => RunAsync(() => Meetings.OpenAsync(Caller, Id, Aborted), "opened");

    private Task SignInAsync(Guid membershipId) =>
        RunAsync(() => Meetings.SignInAsync(Caller, Id, new SignInRequest(membershipId, HttpContext.Request.Form["attendeeName"]), Aborted), "signed");

    private Task RecordMinutesAsync()
    {
        var form = HttpContext.Request.Form;
        long? version = long.TryParse(form["version"], out var v) ? v : null;
        return RunAsync(() => Meetings.RecordMinutesAsync(Caller, Id, new MinutesRequest(form["minutes"], version), Aborted), "minutes");
    }

    private Task CloseAsync()
    {
        long? version = long.TryParse(HttpContext.Request.Form["version"], out var v) ? v : null;
        return RunAsync(() => Meetings.CloseAsync(Caller, Id, version, Aborted), "closed");
    }

    private Task EscalateAsync(Guid itemId) =>
        RunAsync(() => Meetings.EscalateAsync(Caller, Id, itemId, new EscalateRequest(HttpContext.Request.Form["history"]), Aborted), "escalated");

    private Task AnswerAsync(Guid escalationId) =>
        RunAsync(() => Meetings.AnswerAsync(Caller, escalationId, new AnswerRequest(HttpContext.Request.Form["answer"]), Aborted), "answered");

    private Task PlaceAsync(Guid escalationId) => RunAsync(() => Meetings.PlaceEscalationAsync(Caller, Id, escalationId, Aborted), "item-added");

    private Task AdoptAsync()
    {
        var form = HttpContext.Request.Form;
        var titles = form["taskTitle"];
        var owners = form["taskOwner"];
        var deadlines = form["taskDeadline"];
        var weights = form["taskWeight"];
        var tasks = new List<TaskRequest>();
        var rows = new List<int>();
        for (var i = 0; i < titles.Count; i++)
        {
            var owner = i < owners.Count ? owners[i] ?? "" : "";
            var deadline = i < deadlines.Count ? deadlines[i] : null;
            // A row left entirely blank is not a task.
            if (string.IsNullOrWhiteSpace(titles[i]) && owner.Length == 0 && string.IsNullOrWhiteSpace(deadline))
            {
                continue;
            }
            Guid? org = owner.StartsWith("org:", StringComparison.Ordinal) && Guid.TryParse(owner[4..], out var o) ? o : null;
            Guid? lowerBody = owner.StartsWith("body:", StringComparison.Ordinal) && Guid.TryParse(owner[5..], out var b) ? b : null;
            decimal? weight = i < weights.Count && decimal.TryParse(weights[i], NumberStyles.Number, CultureInfo.InvariantCulture, out var w) ? w : null;
            tasks.Add(new TaskRequest(titles[i], org, lowerBody, ConferenceUi.ParseLocal(Shown, deadline), weight, null));
            rows.Add(i);
        }
        // The service numbers the tasks it was sent; the page numbers its rows, blanks included.
        return RunAsync(() => Resolutions.AdoptAsync(Caller, Id, new AdoptResolutionRequest(form["text"], tasks), Aborted), "adopted",
            field => Regex.Replace(field, @"^tasks\[(\d+)\]", m => $"tasks[{rows[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]}]"));
    }
}
