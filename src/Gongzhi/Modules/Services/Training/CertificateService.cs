using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Training;

/// <summary>Certificates recorded by hand (a qualification taken elsewhere), called with a <see cref="Caller"/>: by an organiser over the holder.</summary>
public sealed class CertificateService(GongzhiDbContext db, RecordActions actions, StaffDirectory staff, WorkingCalendar calendar, TimeProvider clock)
{
    public async Task<TrainingCertificate> RecordAsync(Caller caller, CertificateRequest request, CancellationToken cancellationToken)
    {
        var holder = string.IsNullOrWhiteSpace(request.UserName) ? null : await staff.FindAsync(request.UserName.Trim(), cancellationToken);
        if (holder is null)
        {
            throw FieldValidationException.Field("userName", ServicesText.Get("Training.StaffUnknown"));
        }
        if (!caller.Covers(holder.ScopeCode))
        {
            // Staff outside the caller's jurisdiction are not theirs to certify, nor to learn about.
            throw new RecordNotFoundException();
        }
        TrainingPlaces.EnsureOrganiser(caller, holder.ScopeCode);
        var certificate = TrainingCertificate.Record(holder.Id, holder.ScopeCode, request.Input, caller.UserId ?? "",
            ServiceDays.Today(calendar, clock.GetUtcNow()));
        // A number is unique per kind city-wide, whoever recorded it.
        if (await db.Set<TrainingCertificate>().IgnoreQueryFilters().AnyAsync(c => c.Kind == certificate.Kind && c.Number == certificate.Number, cancellationToken))
        {
            throw FieldValidationException.Field("number", ServicesText.Get("Training.NumberTaken"));
        }
        try
        {
            return await actions.CreateAsync(caller, certificate, TrainingActions.Record, TrainingRules.Instance, cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            throw FieldValidationException.Field("number", ServicesText.Get("Training.NumberTaken"));
        }
    }
}
