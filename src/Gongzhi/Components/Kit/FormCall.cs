using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Components.Kit;

/// <summary>
/// What a form's service call came to. A page shows <see cref="Message"/> at the top and the field errors under their
/// fields; on <see cref="Done"/> it goes on (usually to the record the call wrote).
/// </summary>
public readonly record struct FormOutcome(bool Done, string? Message)
{
    public static readonly FormOutcome Success = new(true, null);
}

/// <summary>
/// Runs the service call behind a form, the one place where a page turns a service's refusal into messages:
/// bad fields under their fields, a refused or stale action as one message at the top. Anything else is a fault and
/// goes on to the error page.
/// </summary>
public static class FormCall
{
    /// <param name="errors">The page's field errors; a validation failure's fields are added under <paramref name="form"/>.</param>
    /// <param name="action">The service call; it navigates on success itself when it has somewhere to go.</param>
    /// <param name="form">The form's name when one page has several forms sharing <paramref name="errors"/>.</param>
    public static async Task<FormOutcome> RunAsync(FieldErrors errors, Func<Task> action, string? form = null)
    {
        try
        {
            await action();
            return FormOutcome.Success;
        }
        catch (FieldValidationException e)
        {
            errors.Take(form, e.Errors);
            return new FormOutcome(false, KitText.Get("Form.FixErrors"));
        }
        catch (DbUpdateConcurrencyException)
        {
            return new FormOutcome(false, KitText.Get("Form.Stale"));
        }
        catch (ScopeViolationException)
        {
            // The scope check's own message names entity types and codes for the log, not for the person at the form.
            return new FormOutcome(false, KitText.Get("Form.OutOfScope"));
        }
        catch (Exception e) when (IsRefusal(e))
        {
            return new FormOutcome(false, e.Message);
        }
    }

    /// <summary>
    /// Runs the call behind a form of buttons only: a field error has no field to stand under, so its text is the message.
    /// </summary>
    public static async Task<FormOutcome> RunAsync(Func<Task> action)
    {
        var errors = new FieldErrors();
        var outcome = await RunAsync(errors, action);
        return errors.Count == 0 ? outcome : outcome with { Message = string.Join(" ", errors.Values.SelectMany(m => m)) };
    }

    /// <summary>A refusal the caller can act on, whose message is written for them (not a fault of the platform).</summary>
    public static bool IsRefusal(Exception e) =>
        e is RuleViolationException or ActionForbiddenException or RecordNotFoundException or ScopeViolationException or PhotoRejectedException;
}
