using Gongzhi.Components.Kit;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Cases.Pages;

/// <summary>The report form as posted: the values typed (shown again when the form comes back) and the errors by field.</summary>
public sealed class ReportForm
{
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public FieldErrors Errors { get; } = new();

    public string Value(string name) => Values.GetValueOrDefault(name) ?? "";

    /// <summary>
    /// The ways in the caller may report by, the first the default: one form, three ways in — a resident on the web, a grid
    /// worker on patrol, an operator taking a hotline call.
    /// </summary>
    public static List<CaseChannel> ChannelsFor(Caller caller)
    {
        var channels = new List<CaseChannel> { CaseChannel.Web };
        if (caller.IsInRole(Roles.GridWorker) || caller.IsInRole(Roles.CommunityStaff))
        {
            channels.Insert(0, CaseChannel.Patrol);
        }
        if (caller.Roles.Any(r => r != Roles.Resident))
        {
            channels.Add(CaseChannel.Hotline);
            if (!channels.Contains(CaseChannel.Patrol))
            {
                channels.Insert(0, CaseChannel.Hotline);
                channels.RemoveAt(channels.Count - 1);
            }
        }
        return channels;
    }
}
