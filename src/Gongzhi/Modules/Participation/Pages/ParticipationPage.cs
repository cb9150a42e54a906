using Gongzhi.Components.Kit;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Gongzhi.Modules.Participation.Pages;

/// <summary>
/// What the participation pages share: the caller, the form's fields, and how a service's refusal becomes a message
/// under a field or at the top of the page. The pages call the services; they hold no rule of their own.
/// </summary>
public abstract class ParticipationPage : ComponentBase
{
    [CascadingParameter]
    protected HttpContext HttpContext { get; set; } = default!;

    [Inject]
    protected ICallerAccessor Callers { get; set; } = default!;

    [Inject]
    protected IStringLocalizer<ParticipationText> T { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [Inject]
    protected TimeProvider Clock { get; set; } = default!;

    /// <summary>The configured zone, in which every time on the pages is shown and every time typed in is read.</summary>
    [Inject]
    protected ShownTime Shown { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "done")]
    protected string? Done { get; set; }

    /// <summary>The field errors of the page's forms, shown by the kit's <see cref="FieldMessage"/> under each field.</summary>
    protected FieldErrors Errors { get; } = new();

    protected string? Message { get; set; }

    protected Caller Caller => Callers.Current;

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    protected string Form(string name) => HttpContext.Request.Form[name].ToString();

    /// <summary>What the user typed into <paramref name="field"/> of the posted form, so that a form with errors keeps it.</summary>
    protected string? Kept(string field, string? fallback = null, string? form = null) => PostedForm.Value(HttpContext, field, fallback, form);

    /// <summary>Runs a service call from a form through the kit's <see cref="FormCall"/>; on success the page goes to the address the call gives.</summary>
    protected async Task<bool> TryAsync(Func<Task<string?>> action)
    {
        var outcome = await FormCall.RunAsync(Errors, async () =>
        {
            if (await action() is { } then)
            {
                Navigation.NavigateTo(then);
            }
        });
        Message = outcome.Message;
        return outcome.Done;
    }

    /// <summary>The message at the top of the page: what just went wrong, or what the last form did (<c>?done=…</c>).</summary>
    protected RenderFragment PageMessage => builder =>
    {
        var error = Message is not null;
        var text = Message ?? (Done is { Length: > 0 } done ? T[$"Done.{done}"].Value : null);
        if (text is null)
        {
            return;
        }
        builder.OpenElement(0, "p");
        builder.AddAttribute(1, "class", error ? "alert" : "notice");
        builder.AddAttribute(2, "role", error ? "alert" : "status");
        builder.AddAttribute(3, "data-message", "");
        builder.AddContent(4, text);
        builder.CloseElement();
    };

    protected string Time(DateTimeOffset at) => Shown.Text(at);

    protected string Time(DateTimeOffset? at) => Shown.Text(at);

    protected string LocalInput(DateTimeOffset at) => Shown.InputText(at);

    /// <summary>A <c>datetime-local</c> input, read in the configured zone; null when empty or malformed.</summary>
    protected DateTimeOffset? ParseLocal(string? text) => Shown.ParseInput(text);
}
