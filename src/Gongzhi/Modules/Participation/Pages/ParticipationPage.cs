using Gongzhi.Components.Kit;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
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

    protected Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    protected string? Message { get; set; }

    protected Caller Caller => Callers.Current;

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    protected string Form(string name) => HttpContext.Request.Form[name].ToString();

    /// <summary>Runs a service call from a form; its refusals become messages, and on success the page goes to <paramref name="then"/>.</summary>
    protected async Task<bool> TryAsync(Func<Task<string?>> action)
    {
        try
        {
            if (await action() is { } then)
            {
                Navigation.NavigateTo(then);
            }
            return true;
        }
        catch (FieldValidationException e)
        {
            foreach (var (field, texts) in e.Errors)
            {
                Errors[field] = texts;
            }
            Message = T["FixErrors"];
        }
        catch (Exception e) when (e is RuleViolationException or ActionForbiddenException or RecordNotFoundException or ScopeViolationException)
        {
            Message = string.IsNullOrEmpty(e.Message) || e.Message.StartsWith("Exception of type", StringComparison.Ordinal) ? T["Forbidden"] : e.Message;
        }
        return false;
    }

    protected string? Invalid(string field) => Errors.ContainsKey(field) ? "true" : null;

    /// <summary>The messages under one field.</summary>
    protected RenderFragment FieldMessages(string field) => builder =>
    {
        if (!Errors.TryGetValue(field, out var texts))
        {
            return;
        }
        foreach (var text in texts)
        {
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "class", "validation-message");
            builder.AddAttribute(2, "data-field", field);
            builder.AddContent(3, text);
            builder.CloseElement();
        }
    };

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
