using Gongzhi.Modules.Jurisdictions.Calendar;

namespace Gongzhi.Modules.Cases.Workflow;

/// <summary>The deadline of a step: the category's working hours for the urgency, counted on the working calendar.</summary>
public sealed class CaseDeadlines(WorkingCalendar calendar)
{
    public DateTimeOffset For(CaseCategory category, CaseStep step, CaseUrgency urgency, DateTimeOffset from) =>
        calendar.AddWorkingHours(from, category.Limits.WorkingHours(step, urgency));

    public DateTimeOffset AddWorkingHours(DateTimeOffset from, double hours) => calendar.AddWorkingHours(from, hours);
}
