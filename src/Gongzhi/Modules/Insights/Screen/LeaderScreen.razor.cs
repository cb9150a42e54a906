using System.Globalization;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Components;

namespace Gongzhi.Modules.Insights.Screen;

public sealed partial class LeaderScreen
{
    private ScreenView? screen;
    private string? problem;

    [Parameter]
    public string? Code { get; set; }

    /// <summary>The period, as on the dashboard; the last days up to today when not given, which is what a wall shows.</summary>
    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Inject]
    private ICallerAccessor Callers { get; set; } = default!;

    [Inject]
    private LeaderScreenReader Reader { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var caller = Callers.Current;
        var filter = IndicatorFilter.Parse(Code, From, To, null, null, caller, Clock, []);
        // Refused as the dashboard refuses, with the status too, so that a proxy or a test sees it was no screen.
        if (filter is not null && !caller.Covers(filter.Scope))
        {
            problem = L["Dashboard.OutsideScope"];
            HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        screen = filter is null ? null : await Reader.ReadAsync(filter, HttpContext.RequestAborted);
        if (screen is null)
        {
            problem = L["Dashboard.NotFound"];
            HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Percent(Ratio ratio) => IndicatorCatalogue.Display(nameof(IndicatorSet.OnTimeClosureRate), ratio);
}
