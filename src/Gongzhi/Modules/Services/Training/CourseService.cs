using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Training;

/// <summary>Courses (培训课程), called with a <see cref="Caller"/>: set by an organiser of a jurisdiction for the staff below it.</summary>
public sealed class CourseService(GongzhiDbContext db, RecordActions actions, IJurisdictionDirectory jurisdictions, TrainingIdempotency idempotency)
{
    private static readonly TrainingRules Rules = TrainingRules.Instance;

    /// <summary>Sets a course; a retry with the same <paramref name="idempotencyKey"/> answers with the first one (<c>Created</c> false).</summary>
    public async Task<(TrainingCourse Course, bool Created)> DefineAsync(Caller caller, CourseRequest request, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var key = TrainingIdempotency.Normalize(idempotencyKey);
        var code = await TrainingPlaces.JurisdictionAsync(jurisdictions, caller, request.JurisdictionCode, cancellationToken);
        TrainingPlaces.EnsureOrganiser(caller, code);
        var fingerprint = key is null ? "" : idempotency.FingerprintOf(request);
        // Before the code's check: the retry's code is the one its first request took.
        if (key is not null && await EarlierAsync(caller, key, fingerprint, cancellationToken) is { } earlier)
        {
            return (earlier, false);
        }
        var course = TrainingCourse.Define(code, request.Input, caller.UserId, key);
        // Course codes are unique city-wide: a code taken anywhere is taken, whoever may see that course.
        if (await db.Set<TrainingCourse>().IgnoreQueryFilters().AnyAsync(c => c.Code == course.Code, cancellationToken))
        {
            throw FieldValidationException.Field("code", ServicesText.Get("Training.CodeTaken"));
        }
        if (key is not null)
        {
            idempotency.Remember(caller, TrainingIdempotency.Courses, key, fingerprint);
        }
        try
        {
            return (await actions.CreateAsync(caller, course, TrainingActions.Define, Rules, cancellationToken), true);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            // A retry with the same key that raced this one is answered with its course; anything else took the code.
            if (key is not null && await EarlierAsync(caller, key, fingerprint, cancellationToken) is { } winner)
            {
                return (winner, false);
            }
            throw FieldValidationException.Field("code", ServicesText.Get("Training.CodeTaken"));
        }
    }

    private Task<TrainingCourse?> EarlierAsync(Caller caller, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var me = caller.UserId;
        return idempotency.EarlierAsync<TrainingCourse>(caller, TrainingIdempotency.Courses, key, fingerprint,
            c => c.DefinedByUserId == me && c.IdempotencyKey == key, cancellationToken);
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
