using Gongzhi.Components.Kit;
using Gongzhi.Platform.Scoping;
using Gongzhi.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Gongzhi.Modules.Conferences.Pages;

/// <summary>
/// What a record page of the module shares: the record's id, the caller, the message at the top, the field errors, and
/// how a form's service call runs (through the kit's <see cref="FormCall"/>) and shows its outcome.
/// </summary>
public abstract class ConferencePage : ComponentBase
{
    [Parameter]
    public Guid Id { get; set; }

    [SupplyParameterFromQuery(Name = "done")]
    public string? Done { get; set; }

    [CascadingParameter]
    protected HttpContext HttpContext { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [Inject]
    protected IStringLocalizer<SharedResource> L { get; set; } = default!;

    [Inject]
    private ICallerAccessor Callers { get; set; } = default!;

    protected Caller Caller => Callers.Current;

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    protected FieldErrors Errors { get; } = new();

    protected string? Message { get; set; }

    protected bool MessageIsError { get; set; }

    /// <summary>Where the UI's words for the fields are looked up (<see cref="ConferenceUi.FieldMessage"/>): <c>venue.</c> for the venue forms.</summary>
    protected virtual string FieldWords => "";

    /// <summary>Reads what the page shows; again after a form failed, so the page shows the record as it now stands.</summary>
    protected abstract Task LoadAsync();

    /// <summary>
    /// Runs a form's service call; on success goes where <paramref name="next"/> says, else shows the field messages (in the
    /// reader's words, under the page's names for the fields: <paramref name="field"/>) and the refusal, and the page again.
    /// </summary>
    protected async Task RunAsync(Func<Task> action, Func<string> next, Func<string, string>? field = null)
    {
        var failed = new FieldErrors();
        var outcome = await FormCall.RunAsync(failed, action);
        if (outcome.Done)
        {
            Navigation.NavigateTo(next());
            return;
        }
        foreach (var (name, texts) in failed)
        {
            var shown = field?.Invoke(name) ?? name;
            Errors[shown] = texts.Select(t => L.FieldMessage(FieldWords + shown, t)).ToArray();
        }
        Fail(outcome.Message ?? L["Conf.FixErrors"]);
        await LoadAsync();
    }

    protected void Fail(string text)
    {
        MessageIsError = true;
        Message = text;
    }
}
