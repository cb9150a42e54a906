namespace Gongzhi.Modules.Insights;

/// <summary>
/// A module's section of the dashboard: a component rendered below the case indicators with the parameters
/// <c>Filter</c> (<see cref="IndicatorFilter"/>) and <c>ScopeName</c> (string). Modules register one from their
/// own <c>Add&lt;Module&gt;</c>, so that the dashboard shows them without depending on them.
/// </summary>
public sealed record DashboardSection(int Order, Type Component);
