using System.Globalization;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

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
    private Gongzhi.Modules.Organisations.IOrganisationDirectory Organisations { get; set; } = default!;

    [Inject]
    private ICallerAccessor Callers { get; set; } = default!;

    [Inject]
    private BodyService Bodies { get; set; } = default!;

    [Inject]
    private MeetingWorkflow Meetings { get; set; } = default!;

    [Inject]
    private ResolutionWorkflow Resolutions { get; set; } = default!;

    private Caller Caller => Callers.Current;

    private CancellationToken Aborted => HttpContext.RequestAborted;

    protected override async Task OnInitializedAsync()
    {
        if (Done is { } done && DoneKeys.Contains(done))
        {
            message = L[$"Conf.Done.{done}"];
        }
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        body = null;
        meeting = await ConferenceUi.FindAsync(() => Meetings.GetAsync(Caller, Id, Aborted));
        body = meeting is null ? null : await Db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == meeting.BodyId, Aborted);
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
        lower = await Db.Set<ConferenceBody>().AsNoTracking().Where(b => b.ParentBodyId == body.Id).OrderBy(b => b.JurisdictionCode).ToListAsync(Aborted);
        resolutions = await Resolutions.ListAsync(Caller, Id, Aborted);
        pending = await Db.Set<Escalation>().AsNoTracking().Where(e => e.ToBodyId == body.Id && e.State == EscalationState.Pending)
            .OrderBy(e => e.EscalatedAt).ToListAsync(Aborted);
        organisationNames = await Organisations.NamesAsync(meeting.Agenda.Select(a => a.ProposedByOrganisationId).OfType<Guid>(), Aborted);
        bodyNames = await ConferenceUi.BodyNamesAsync(Db, pending.Select(e => e.FromBodyId), Aborted);
    }

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

    private async Task CloseAsync()
    {
        // The rule lives on the meeting; the page says it in the reader's language before asking.
        if (meeting is { State: MeetingState.Open, Minutes: null })
        {
            Fail(L["Conf.CloseNeedsMinutes"]);
            return;
        }
        long? version = long.TryParse(HttpContext.Request.Form["version"], out var v) ? v : null;
        await RunAsync(() => Meetings.CloseAsync(Caller, Id, version, Aborted), "closed");
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
        return RunAsync(async () =>
        {
            try
            {
                await Resolutions.AdoptAsync(Caller, Id, new AdoptResolutionRequest(form["text"], tasks), Aborted);
            }
            catch (FieldValidationException e)
            {
                // The service numbers the tasks it was sent; the page numbers its rows, blanks included.
                throw new FieldValidationException(e.Errors.ToDictionary(
                    x => System.Text.RegularExpressions.Regex.Replace(x.Key, @"^tasks\[(\d+)\]", m => $"tasks[{rows[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]}]"),
                    x => x.Value));
            }
        }, "adopted");
    }

    private async Task RunAsync(Func<Task> action, string done)
    {
        var problems = await ConferenceUi.TryAsync(action, L["Conf.MeetingNotFound"], L["Conf.Forbidden"], L["Conf.Stale"]);
        if (problems is null)
        {
            Navigation.NavigateTo($"/conferences/meetings/{Id}?done={done}");
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
