using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Training;

/// <summary>Courses (培训课程), called with a <see cref="Caller"/>: set by an organiser of a jurisdiction for the staff below it.</summary>
public sealed class CourseService(GongzhiDbContext db, RecordActions actions, IJurisdictionDirectory jurisdictions)
{
    private static readonly TrainingRules Rules = TrainingRules.Instance;

    public async Task<TrainingCourse> DefineAsync(Caller caller, CourseRequest request, CancellationToken cancellationToken)
    {
        var code = await TrainingPlaces.JurisdictionAsync(jurisdictions, caller, request.JurisdictionCode, cancellationToken);
        TrainingPlaces.EnsureOrganiser(caller, code);
        var course = TrainingCourse.Define(code, request.Input);
        // Course codes are unique city-wide: a code taken anywhere is taken, whoever may see that course.
        if (await db.Set<TrainingCourse>().IgnoreQueryFilters().AnyAsync(c => c.Code == course.Code, cancellationToken))
        {
            throw FieldValidationException.Field("code", ServicesText.Get("Training.CodeTaken"));
        }
        try
        {
            return await actions.CreateAsync(caller, course, TrainingActions.Define, Rules, cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            throw FieldValidationException.Field("code", ServicesText.Get("Training.CodeTaken"));
        }
    }

    public Task<TrainingCourse> ChangeAsync(Caller caller, Guid id, CourseRequest request, CancellationToken cancellationToken) =>
        actions.RunAsync<TrainingCourse>(caller, c => c.Id == id, TrainingActions.Define, request.Version, Rules, c =>
        {
            c.Change(request.Input);
            return Task.CompletedTask;
        }, cancellationToken);
}

/// <summary>Where a course or session is set: the named jurisdiction, or the caller's own.</summary>
internal static class TrainingPlaces
{
    public static async Task<string> JurisdictionAsync(IJurisdictionDirectory jurisdictions, Caller caller, string? requested, CancellationToken cancellationToken)
    {
        var code = string.IsNullOrWhiteSpace(requested) ? caller.ScopeCode : requested.Trim();
        if (!JurisdictionCode.IsWellFormed(code) || !await jurisdictions.ExistsAsync(code, cancellationToken))
        {
            throw FieldValidationException.Field("jurisdictionCode", ServicesText.Get("Training.JurisdictionUnknown"));
        }
        return code;
    }

    /// <summary>Who may not set courses or hold sessions there is refused before their input is read.</summary>
    public static void EnsureOrganiser(Caller caller, string code)
    {
        if (!TrainingRules.MayOrganise(caller, code))
        {
            throw new ActionForbiddenException();
        }
    }
}
