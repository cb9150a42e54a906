namespace Gongzhi.Components.Kit;

/// <summary>One choice of an <see cref="OrganisationPicker"/>: the posted value, what it reads, whether chosen, its group.</summary>
public sealed record PickerOption(string Value, string Text, bool Selected, string? Group = null)
{
    /// <summary>
    /// The options a filter leaves: those whose text contains it (ignoring case), and every chosen one, so
    /// that filtering never drops a choice from the posted form. No filter leaves them all.
    /// </summary>
    public static IReadOnlyList<PickerOption> Matching(IEnumerable<PickerOption> options, string? filter)
    {
        var term = filter?.Trim();
        return string.IsNullOrEmpty(term)
            ? options.ToList()
            : options.Where(o => o.Selected || o.Text.Contains(term, StringComparison.OrdinalIgnoreCase)).ToList();
    }
}
