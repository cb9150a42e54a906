using Gongzhi.Modules.Cases;

namespace Gongzhi.Modules.Webhooks;

/// <summary>The events a subscriber may ask for, each the name of a case action seen from outside.</summary>
public static class WebhookEvents
{
    public const string Dispatched = "case.dispatched";
    public const string Accepted = "case.accepted";
    public const string Returned = "case.returned";
    public const string Resolved = "case.resolved";
    public const string Reworked = "case.reworked";
    public const string Closed = "case.closed";

    public static readonly IReadOnlyList<string> All = [Dispatched, Accepted, Returned, Resolved, Reworked, Closed];

    /// <summary>The event of a timeline line, or null for lines no subscriber hears of (notes, whistles, deadlines…).</summary>
    public static string? Of(string action) => action switch
    {
        CaseActions.Dispatch => Dispatched,
        CaseActions.Accept => Accepted,
        CaseActions.Return => Returned,
        CaseActions.Resolve => Resolved,
        CaseActions.Rework => Reworked,
        CaseActions.Close => Closed,
        _ => null,
    };
}
