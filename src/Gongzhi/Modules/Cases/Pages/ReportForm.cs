using Gongzhi.Components.Kit;

namespace Gongzhi.Modules.Cases.Pages;

/// <summary>The report form as posted: the values typed (shown again when the form comes back) and the errors by field.</summary>
public sealed class ReportForm
{
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public FieldErrors Errors { get; } = new();

    public string Value(string name) => Values.GetValueOrDefault(name) ?? "";
}
