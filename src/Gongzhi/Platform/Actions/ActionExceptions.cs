namespace Gongzhi.Platform.Actions;

/// <summary>
/// Bad input, field by field. The API answers it as a ValidationProblem (400) naming the fields; a page
/// shows each message under its field. Messages are already in the caller's language.
/// </summary>
public sealed class FieldValidationException(IDictionary<string, string[]> errors) : Exception(PlatformText.Get("Validation.Invalid"))
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static FieldValidationException Field(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The message for <paramref name="field"/>, or null: what a page shows under that field.</summary>
    public string? For(string field) => Errors.TryGetValue(field, out var messages) && messages.Length > 0 ? messages[0] : null;
}

/// <summary>
/// The record does not exist or the caller may not see it: 404. The two are one answer so that an outsider
/// cannot learn which records exist.
/// </summary>
public sealed class RecordNotFoundException(string? message = null) : Exception(message ?? PlatformText.Get("Record.NotFound"));

/// <summary>The caller sees the record but their role may not take this action on it: 403.</summary>
public sealed class ActionForbiddenException(string? message = null) : Exception(message ?? PlatformText.Get("Record.Forbidden"));
