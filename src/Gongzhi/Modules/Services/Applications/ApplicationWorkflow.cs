using System.Text.RegularExpressions;
using Gongzhi.Components;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Catalogue;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Idempotency;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Services.Applications;

/// <summary>
/// Every write on an application, as the API and the pages call it with a <see cref="Caller"/>: submission
/// (idempotent by key), the centre's actions, the applicant's supply and rating, the follow-up and the reveal
/// of the applicant's data. Each runs through <see cref="RecordActions"/> with <see cref="ApplicationRules"/>;
/// the application's own methods hold the rules.
/// </summary>
public sealed partial class ApplicationWorkflow(
    GongzhiDbContext db,
    RecordActions actions,
    IJurisdictionBrowser jurisdictions,
    PhotoLibrary photos,
    PersonalDataProtector protector,
    RevealLog reveals,
    WorkingCalendar calendar,
    IOptions<ServicesOptions> options,
    IdempotentRequests idempotency,
    TimeProvider clock)
{
    public const int MaxPhotos = 9;
    public const int MaxIdempotencyKeyLength = IdempotentRequests.MaxKeyLength;

    /// <summary>What an Idempotency-Key of a submission creates (<see cref="IdempotentRequests"/>).</summary>
    public const string IdempotencyScope = "service-applications";
    public const int MaxNameLength = 64;

    private static readonly ApplicationRules Rules = ApplicationRules.Instance;

    public DateOnly Today => ServiceDays.Today(calendar, clock.GetUtcNow());

    /// <summary>Submits an application; a retry with the same key answers with the first one (<c>Created</c> false).</summary>
    public async Task<(ServiceApplication Application, bool Created)> SubmitAsync(Caller caller, ApplicationRequest request, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        if (!caller.IsAuthenticated)
        {
            throw new ActionForbiddenException();
        }
        var key = IdempotentRequests.Normalize(idempotencyKey);
        var fingerprint = key is null ? "" : idempotency.FingerprintOf(request);
        var errors = new Dictionary<string, string[]>();
        if (key is { Length: > MaxIdempotencyKeyLength })
        {
            errors["Idempotency-Key"] = [ServicesText.Format("Field.TooLong", MaxIdempotencyKeyLength)];
        }
        var code = request.ItemCode?.Trim() ?? "";
        var item = code.Length == 0 ? null : await db.Set<ServiceItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, cancellationToken);
        if (item is null)
        {
            errors["itemCode"] = [ServicesText.Get("Application.UnknownItem")];
        }
        var jurisdiction = request.JurisdictionCode?.Trim() ?? "";
        if (item is not null && !await IsCentreForAsync(item, jurisdiction, cancellationToken))
        {
            errors["jurisdictionCode"] = [ServicesText.Get(item.Level == ServiceLevel.Community ? "Application.NeedCommunity" : "Application.NeedStreet")];
        }
        var name = request.Applicant?.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            errors["applicant.name"] = [ServicesText.Format("Application.NameRequired", MaxNameLength)];
        }
        var idNumber = IdNumbers.Normalize(request.Applicant?.IdNumber);
        if (!IdNumbers.IsValid(idNumber))
        {
            errors["applicant.idNumber"] = [ServicesText.Get("Application.BadIdNumber")];
        }
        var phone = request.Applicant?.Phone?.Trim().Replace(" ", "").Replace("-", "") ?? "";
        if (!PhonePattern().IsMatch(phone))
        {
            errors["applicant.phone"] = [ServicesText.Get("Application.BadPhone")];
        }
        var channel = request.Channel ?? (caller.IsInRole(Roles.Resident) ? ApplicationChannel.Online : ApplicationChannel.Window);
        if (channel == ApplicationChannel.Online && item is { Online: false })
        {
            errors["channel"] = [ServicesText.Get("Application.NotOnline")];
        }
        var photoIds = request.PhotoIds ?? [];
        if (photoIds.Count > MaxPhotos)
        {
            errors["photoIds"] = [ServicesText.Format("Application.TooManyPhotos", MaxPhotos)];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        if (key is not null && await FindByKeyAsync(caller, key, fingerprint, cancellationToken) is { } earlier)
        {
            return (earlier, false);
        }

        var now = clock.GetUtcNow();
        var applicant = new ProtectedApplicant(
            protector.Protect(name), Masks.Name(name)!,
            protector.Protect(idNumber), protector.Hash(idNumber), IdNumbers.Mask(idNumber),
            protector.Protect(phone), protector.Hash(phone), Masks.Phone(phone)!);
        var application = ServiceApplication.Submit(item!, jurisdiction, channel, channel == ApplicationChannel.Online ? caller.UserId : null,
            caller.UserId, caller.UserName, applicant, photoIds, key, Reference(jurisdiction, now), now);
        // The rules judge the caller as they are; then a resident applying at their street's centre (or a worker applying
        // on someone's behalf) saves for that centre, outside their own scope.
        if (!Rules.Allows(caller, ApplicationActions.Submit, application))
        {
            throw new ActionForbiddenException();
        }
        var acting = ActingOn(caller, jurisdiction);
        if (key is not null)
        {
            idempotency.Remember(caller, IdempotencyScope, key, fingerprint);
        }
        try
        {
            if (photoIds.Count > 0)
            {
                try
                {
                    await photos.AttachAsync(photoIds, jurisdiction, ServiceAttachmentAccess.OwnerKey(application.Id), cancellationToken);
                }
                catch (RuleViolationException e)
                {
                    throw FieldValidationException.Field("photoIds", e.Message);
                }
            }
            return (await actions.CreateAsync(acting, application, ApplicationActions.Submit, Rules, cancellationToken), true);
        }
        catch (DbUpdateException e) when (key is not null && e.IsUniqueViolation())
        {
            // A retry raced this one and won: answer with its application.
            db.ChangeTracker.Clear();
            return (await FindByKeyAsync(caller, key, fingerprint, cancellationToken)
                ?? throw new InvalidOperationException("The idempotency key collided with an application that cannot be found."), false);
        }
    }

    public Task<ServiceApplication> AcceptAsync(Caller caller, Guid id, ApplicationActionRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, ApplicationActions.Accept, request.Version, a => a.Accept(caller.UserName, clock.GetUtcNow(), calendar, request.Note),
            cancellationToken);

    public Task<ServiceApplication> NotAcceptAsync(Caller caller, Guid id, ApplicationActionRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, ApplicationActions.NotAccept, request.Version, a => a.NotAccept(caller.UserName, clock.GetUtcNow(), request.Reason),
            cancellationToken);

    public Task<ServiceApplication> RequestMaterialsAsync(Caller caller, Guid id, ApplicationActionRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, ApplicationActions.RequestMaterials, request.Version,
            a => a.RequestMaterials(caller.UserName, clock.GetUtcNow(), request.Missing, request.Note), cancellationToken);

    public Task<ServiceApplication> SupplyAsync(Caller caller, Guid id, ApplicationActionRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, ApplicationActions.Supply, request.Version, async a =>
        {
            var photoIds = request.PhotoIds ?? [];
            if (photoIds.Count + a.PhotoIds.Count > MaxPhotos * 2)
            {
                throw FieldValidationException.Field("photoIds", ServicesText.Format("Application.TooManyPhotos", MaxPhotos));
            }
            a.Supply(caller.UserName, clock.GetUtcNow(), calendar, photoIds, request.Note, atWindow: !ApplicationRules.IsApplicant(caller, a));
            try
            {
                await photos.AttachAsync(photoIds, a.JurisdictionCode, ServiceAttachmentAccess.OwnerKey(a.Id), cancellationToken);
            }
            catch (RuleViolationException e)
            {
                throw FieldValidationException.Field("photoIds", e.Message);
            }
        }, cancellationToken);

    public Task<ServiceApplication> ApproveAsync(Caller caller, Guid id, ApplicationActionRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, ApplicationActions.Approve, request.Version, a => a.Approve(caller.UserName, clock.GetUtcNow(), calendar, request.Note),
            cancellationToken);

    public Task<ServiceApplication> RefuseAsync(Caller caller, Guid id, ApplicationActionRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, ApplicationActions.Refuse, request.Version, a => a.Refuse(caller.UserName, clock.GetUtcNow(), calendar, request.Reason),
            cancellationToken);

    public Task<ServiceApplication> DeliverAsync(Caller caller, Guid id, ApplicationActionRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, ApplicationActions.Deliver, request.Version, a => a.Deliver(caller.UserName, clock.GetUtcNow(), request.Note),
            cancellationToken);

    /// <summary>The one action by name, as the API path gives it; null for a name that is no action.</summary>
    public Task<ServiceApplication>? ActAsync(Caller caller, Guid id, string action, ApplicationActionRequest request, CancellationToken cancellationToken) =>
        action switch
        {
            ApplicationActions.Accept => AcceptAsync(caller, id, request, cancellationToken),
            ApplicationActions.NotAccept => NotAcceptAsync(caller, id, request, cancellationToken),
            ApplicationActions.RequestMaterials => RequestMaterialsAsync(caller, id, request, cancellationToken),
            ApplicationActions.Supply => SupplyAsync(caller, id, request, cancellationToken),
            ApplicationActions.Approve => ApproveAsync(caller, id, request, cancellationToken),
            ApplicationActions.Refuse => RefuseAsync(caller, id, request, cancellationToken),
            ApplicationActions.Deliver => DeliverAsync(caller, id, request, cancellationToken),
            _ => null,
        };

    public Task<ServiceApplication> EvaluateAsync(Caller caller, Guid id, EvaluationRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, ApplicationActions.Evaluate, null,
            a => a.Evaluate(caller.UserName, clock.GetUtcNow(), calendar, request.Level, request.Comment, options.Value.FollowUpWorkingDays),
            cancellationToken);

    public Task<ServiceApplication> CloseFollowUpAsync(Caller caller, Guid id, FollowUpRequest request, CancellationToken cancellationToken) =>
        RunAsync(caller, id, ApplicationActions.CloseFollowUp, null, a => a.CloseFollowUp(caller.UserName, clock.GetUtcNow(), calendar, request.Answer),
            cancellationToken);

    /// <summary>The applicant's full name, ID number and phone for the centre's staff, for a stated purpose; the reveal is audited.</summary>
    public async Task<ApplicantResponse> RevealAsync(Caller caller, Guid id, RevealRequest request, CancellationToken cancellationToken)
    {
        if (!RevealPurposes.IsKnown(request.Purpose))
        {
            throw FieldValidationException.Field("purpose", ServicesText.Get("Reveal.Purpose"));
        }
        var application = await RunAsync(caller, id, ApplicationActions.Reveal, null,
            a => reveals.RecordAsync(caller, nameof(ServiceApplication), a.Reference, a.JurisdictionCode, request.Purpose!,
                ["applicant.name", "applicant.idNumber", "applicant.phone"], cancellationToken), cancellationToken);
        return new ApplicantResponse(protector.Unprotect(application.ApplicantNameProtected), protector.Unprotect(application.ApplicantIdNumberProtected),
            protector.Unprotect(application.ApplicantPhoneProtected));
    }

    private Task<ServiceApplication> RunAsync(Caller caller, Guid id, string action, long? version, Action<ServiceApplication> apply,
        CancellationToken cancellationToken) =>
        RunAsync(caller, id, action, version, a =>
        {
            apply(a);
            return Task.CompletedTask;
        }, cancellationToken);

    private async Task<ServiceApplication> RunAsync(Caller caller, Guid id, string action, long? version, Func<ServiceApplication, Task> apply,
        CancellationToken cancellationToken)
    {
        var acting = await ActingForApplicantAsync(caller, id, cancellationToken);
        return await actions.RunAsync(acting, a => a.Id == id, action, version, Rules, apply, cancellationToken);
    }

    /// <summary>
    /// A resident's scope is their community, but they act on their own application at the street's centre: for that
    /// one application the scope becomes its centre, so the scope-filtered load finds it and the save is allowed. The
    /// rules still let them see and do only what an applicant may.
    /// </summary>
    private async Task<Caller> ActingForApplicantAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } me || ApplicationRules.IsCentreStaff(caller))
        {
            return caller;
        }
        // The applicant's own application, wherever it lies: the scope filter is not the rule here, the applicant is.
        var code = await db.Set<ServiceApplication>().IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.Id == id && a.ApplicantUserId == me).Select(a => a.JurisdictionCode).FirstOrDefaultAsync(cancellationToken);
        return code is null ? caller : ActingOn(caller, code);
    }

    private static Caller ActingOn(Caller caller, string code) =>
        caller.IsSystem || caller.Covers(code) ? caller : caller with { ScopeCode = code };

    private async Task<ServiceApplication?> FindByKeyAsync(Caller caller, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var me = caller.UserId;
        // A retry is answered whatever the centre: the key belongs to the account that submitted.
        var found = await db.Set<ServiceApplication>().IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(a => a.SubmittedByUserId == me && a.IdempotencyKey == key, cancellationToken);
        if (found is not null)
        {
            await idempotency.EnsureSameRequestAsync(caller, IdempotencyScope, key, fingerprint, cancellationToken);
        }
        return found;
    }

    /// <summary>A street (or, for community items, a community) that exists and the caller can see.</summary>
    private async Task<bool> IsCentreForAsync(ServiceItem item, string code, CancellationToken cancellationToken)
    {
        if (!JurisdictionCode.IsWellFormed(code))
        {
            return false;
        }
        var wanted = item.Level == ServiceLevel.Community ? JurisdictionLevel.Community : JurisdictionLevel.Street;
        return JurisdictionCode.LevelOf(code) == wanted && await jurisdictions.GetAsync(code, cancellationToken) is not null;
    }

    // The centre, the local day and six random digits: readable on the phone, and the unique index catches the rare clash.
    private string Reference(string jurisdiction, DateTimeOffset now) =>
        $"{jurisdiction}-{ServiceDays.Today(calendar, now):yyyyMMdd}-{Random.Shared.Next(0, 1_000_000):D6}";

    [GeneratedRegex(@"^\+?[0-9]{5,20}$")]
    private static partial Regex PhonePattern();
}
