namespace Gongzhi.Components.Kit;

/// <summary>The errors of the forms of a page, by form and field, as <see cref="FieldMessage"/> shows them.</summary>
public sealed class FieldErrors : Dictionary<string, string[]>
{
    public FieldErrors()
        : base(StringComparer.Ordinal)
    {
    }

    public static string Key(string? form, string field) => form is null ? field : $"{form}.{field}";

    /// <summary>Takes the errors of a failed action (a validation exception's <c>Errors</c>) for one form.</summary>
    public void Take(string? form, IEnumerable<KeyValuePair<string, string[]>> errors)
    {
        foreach (var (field, messages) in errors)
        {
            this[Key(form, field)] = messages;
        }
    }

    public bool Has(string? form, string field) => ContainsKey(Key(form, field));

    /// <summary>The value of aria-invalid: "true" for a field with errors, nothing otherwise.</summary>
    public string? Invalid(string? form, string field) => Has(form, field) ? "true" : null;
}
