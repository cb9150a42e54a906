using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Training;

/// <summary>
/// Certificates, called with a <see cref="Caller"/>, by an organiser over the holder: recorded by hand (a qualification taken
/// elsewhere), corrected (number, end of validity), or revoked with a reason.
/// </summary>
public sealed class CertificateService(GongzhiDbContext db, RecordActions actions, StaffDirectory staff, WorkingCalendar calendar,
    TrainingIdempotency idempotency, TimeProvider clock)
{
    private static readonly TrainingRules Rules = TrainingRules.Instance;

    /// <summary>Records a certificate; a retry with the same <paramref name="idempotencyKey"/> answers with the first one (<c>Created</c> false).</summary>
    public async Task<(TrainingCertificate Certificate, bool Created)> RecordAsync(Caller caller, CertificateRequest request, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var key = TrainingIdempotency.Normalize(idempotencyKey);
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
        var fingerprint = key is null ? "" : idempotency.FingerprintOf(request);
        // Before the number's check: the retry's number is the one its first request took.
        if (key is not null && await EarlierAsync(caller, key, fingerprint, cancellationToken) is { } earlier)
        {
            return (earlier, false);
        }
        var certificate = TrainingCertificate.Record(holder.Id, holder.ScopeCode, request.Input, caller.UserId ?? "",
            ServiceDays.Today(calendar, clock.GetUtcNow()), key);
        await EnsureNumberFreeAsync(certificate, cancellationToken);
        if (key is not null)
        {
            idempotency.Remember(caller, TrainingIdempotency.Certificates, key, fingerprint);
        }
        try
        {
            return (await actions.CreateAsync(caller, certificate, TrainingActions.Record, Rules, cancellationToken), true);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            // A retry with the same key that raced this one is answered with its certificate; anything else took the number.
            if (key is not null && await EarlierAsync(caller, key, fingerprint, cancellationToken) is { } winner)
            {
                return (winner, false);
            }
            throw FieldValidationException.Field("number", ServicesText.Get("Training.NumberTaken"));
        }
    }

    /// <summary>A corrected number or end of validity, the number still unique for its kind.</summary>
    public async Task<TrainingCertificate> CorrectAsync(Caller caller, Guid id, CertificateChangeRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await actions.RunAsync<TrainingCertificate>(caller, c => c.Id == id, TrainingActions.Correct, request.Version, Rules, async c =>
            {
                c.Correct(request.Number, request.ExpiresOn);
                await EnsureNumberFreeAsync(c, cancellationToken);
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            throw FieldValidationException.Field("number", ServicesText.Get("Training.NumberTaken"));
        }
    }

    /// <summary>Revokes the certificate with a reason: it no longer completes any course, and stays on record as revoked.</summary>
    public Task<TrainingCertificate> RevokeAsync(Caller caller, Guid id, RevokeRequest request, CancellationToken cancellationToken) =>
        actions.RunAsync<TrainingCertificate>(caller, c => c.Id == id, TrainingActions.Revoke, request.Version, Rules, c =>
        {
            c.Revoke(request.Reason, caller.UserId ?? "", clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    private async Task EnsureNumberFreeAsync(TrainingCertificate certificate, CancellationToken cancellationToken)
    {
        // A number is unique per kind city-wide, whoever recorded it.
        if (await db.Set<TrainingCertificate>().IgnoreQueryFilters()
                .AnyAsync(c => c.Id != certificate.Id && c.Kind == certificate.Kind && c.Number == certificate.Number, cancellationToken))
        {
            throw FieldValidationException.Field("number", ServicesText.Get("Training.NumberTaken"));
        }
    }

    private Task<TrainingCertificate?> EarlierAsync(Caller caller, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var me = caller.UserId;
        return idempotency.EarlierAsync<TrainingCertificate>(caller, TrainingIdempotency.Certificates, key, fingerprint,
            c => c.RecordedByUserId == me && c.IdempotencyKey == key, cancellationToken);
    }
}
