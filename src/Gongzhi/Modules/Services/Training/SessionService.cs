using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Training;

/// <summary>Sessions (培训班次), called with a <see cref="Caller"/>: an organiser holds a course it can see, in its own jurisdiction.</summary>
public sealed class SessionService(GongzhiDbContext db, RecordActions actions, IJurisdictionDirectory jurisdictions, TimeProvider clock)
{
    public async Task<(CourseSession Session, TrainingCourse Course)> ScheduleAsync(Caller caller, SessionRequest request, CancellationToken cancellationToken)
    {
        var code = await TrainingPlaces.JurisdictionAsync(jurisdictions, caller, request.JurisdictionCode, cancellationToken);
        TrainingPlaces.EnsureOrganiser(caller, code);
        db.Caller = caller;
        var course = request.CourseId is { } id ? await db.Set<TrainingCourse>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
        if (course is null)
        {
            throw FieldValidationException.Field("courseId", ServicesText.Get("Training.CourseUnknown"));
        }
        var session = CourseSession.Schedule(course, code, request.Input, caller.UserId ?? "", clock.GetUtcNow());
        return (await actions.CreateAsync(caller, session, TrainingActions.Schedule, TrainingRules.Instance, cancellationToken), course);
    }
}
