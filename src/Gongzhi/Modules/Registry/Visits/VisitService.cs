using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Modules.Registry.Addresses;
using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Registry.Visits;

/// <param name="Update">Corrections made on the visit; they go on the person's history with the visit named.</param>
public sealed record RecordVisitRequest(Guid? PersonId, string? Notes, double? Lat = null, double? Lon = null, DateTimeOffset? At = null,
    UpdatePersonRequest? Update = null);

public sealed record OpenCaseRequest(string? CategoryCode, string? Title, string? Description, CaseUrgency? Urgency = null);

public sealed record VisitResponse(Guid Id, Guid? PersonId, Guid? AddressId, string JurisdictionCode, DateTimeOffset At, string? By, double? Lat,
    double? Lon, string Notes, IReadOnlyList<string> Changes, Guid? CaseId, string? CaseReference)
{
    internal static VisitResponse From(Visit v) =>
        new(v.Id, v.PersonId, v.AddressId, v.JurisdictionCode, v.At, v.ByName, v.Lat, v.Lon, v.Notes, v.Changes, v.CaseId, v.CaseReference);
}

/// <summary>
/// Visits (走访) keep the records true: a visit resets the person's care cadence, carries the corrections made
/// on it into the history, and may open a case through the Cases module's intake, at the visit's position.
/// </summary>
public sealed class VisitService(GongzhiDbContext db, RecordActions actions, PersonService persons, CaseIntakeService intake, TimeProvider clock)
{
    public async Task<Visit> RecordAsync(Caller caller, RecordVisitRequest request, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var notes = request.Notes?.Trim() ?? "";
        var errors = new Dictionary<string, string[]>();
        if (notes.Length is 0 or > Visit.MaxNotesLength)
        {
            errors["notes"] = [RegistryText.Format("Visit.NotesRequired", Visit.MaxNotesLength)];
        }
        if (request.PersonId is null)
        {
            errors["personId"] = [RegistryText.Get("Visit.PersonRequired")];
        }
        if (request.Lat is { } lat && request.Lon is { } lon ? lat is < -90 or > 90 || lon is < -180 or > 180 : request.Lat is not null || request.Lon is not null)
        {
            errors["location"] = [RegistryText.Get("Visit.LocationInvalid")];
        }
        var now = clock.GetUtcNow();
        var at = request.At ?? now;
        if (at > now.AddMinutes(5))
        {
            errors["at"] = [RegistryText.Get("Visit.InFuture")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        Visit? visit = null;
        await actions.RunAsync(caller, p => p.Id == request.PersonId, RegistryPermissions.Visit, request.Update?.Version,
            RegistryPermissions.PersonRules.Instance, async person =>
            {
                visit = Visit.Record(person.JurisdictionCode, person.Id, person.AddressId, at, caller.UserId, caller.UserName, request.Lat,
                    request.Lon, notes);
                person.Visited(at);
                if (request.Update is { } update)
                {
                    visit.Changed(await persons.ApplyAsync(caller, person, update, visit.Id, cancellationToken));
                }
                db.Add(visit);
            }, cancellationToken);
        return visit!;
    }

    /// <summary>
    /// Opens a case from a visit through case intake (the caller reports, as on patrol). The case sits at the
    /// visit's position, or the person's address's; a second request answers with the case already opened.
    /// </summary>
    public async Task<Visit> OpenCaseAsync(Caller caller, Guid visitId, OpenCaseRequest request, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var visit = await db.Set<Visit>().FirstOrDefaultAsync(v => v.Id == visitId, cancellationToken);
        if (visit is null || !caller.Covers(visit.JurisdictionCode))
        {
            throw new RecordNotFoundException();
        }
        if (!RegistryPermissions.Keepers.Any(caller.IsInRole))
        {
            throw new ActionForbiddenException();
        }
        if (visit.CaseId is not null)
        {
            return visit;
        }
        var (lat, lon) = (visit.Lat, visit.Lon);
        if ((lat is null || lon is null) && visit.AddressId is { } addressId)
        {
            var address = await db.Set<StandardAddress>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == addressId, cancellationToken);
            (lat, lon) = (address?.Lat, address?.Lon);
        }
        var submission = new CaseSubmission(request.CategoryCode, request.Urgency, request.Title, request.Description, lat, lon,
            Channel: CaseChannel.Patrol, OccurredAt: visit.At);
        IntakeResult result;
        try
        {
            // The visit's id is the idempotency key: a retry after a lost answer finds the case, not a second one.
            result = await intake.SubmitAsync(caller, submission, $"registry-visit:{visit.Id}", cancellationToken);
        }
        catch (FieldValidationException e)
        {
            throw new FieldValidationException(e.Errors);
        }
        db.Caller = caller;
        visit.CaseOpened(result.Case.Id, result.Case.Reference);
        await db.SaveChangesAsync(cancellationToken);
        return visit;
    }
}
