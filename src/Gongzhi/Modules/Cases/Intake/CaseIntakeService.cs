using System.Text.Json;
using System.Text.RegularExpressions;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Cases.Catalogue;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Idempotency;
using Gongzhi.Platform.Observability;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Intake;

/// <summary>A report as a client sends it; <c>attributes</c> are the category's extra fields (strings, numbers or booleans).</summary>
public sealed record CaseSubmission(
    string? CategoryCode,
    CaseUrgency? Urgency,
    string? Title,
    string? Description,
    double? Lat,
    double? Lon,
    string? Address = null,
    Dictionary<string, JsonElement>? Attributes = null,
    bool? Anonymous = null,
    string? ReporterName = null,
    string? ReporterPhone = null,
    CaseChannel? Channel = null,
    IReadOnlyList<Guid>? PhotoIds = null,
    DateTimeOffset? OccurredAt = null);

/// <summary>
/// An open case of the same category near a report. The reporter learns that someone reported it, not what they wrote:
/// a case the caller may not open (another resident's) comes without id, reference or title, at a position rounded to
/// three decimals (about 100 m), as Open311 publishes it.
/// </summary>
public sealed record DuplicateCandidate(Guid? Id, string? Reference, string? Title, int DistanceMeters, string CategoryCode, CaseState State,
    double Lat, double Lon);

public sealed record CaseSubmitted(Guid Id, string Reference, CaseState State, string GridCode, IReadOnlyList<DuplicateCandidate> Duplicates);

/// <summary>The outcome of intake: <see cref="Created"/> is false when an Idempotency-Key retry found the case it made before.</summary>
public sealed record IntakeResult(CaseSubmitted Case, bool Created);

/// <summary>
/// The front door: every channel's report becomes a case here. Validates field by field, locates the
/// grid, draws the reference, computes the register deadline, tells the street's dispatchers and
/// offers possible duplicates.
/// </summary>
public sealed partial class CaseIntakeService(
    GongzhiDbContext db,
    JurisdictionIndex grids,
    CaseDeadlines deadlines,
    CaseAudience audience,
    PhotoLibrary photos,
    CategoryCatalogue categories,
    PersonalDataProtector protector,
    CaseReferenceBlocks references,
    IdempotentRequests idempotency,
    TimeProvider clock)
{
    public const int MaxPhotos = 9;
    public const int MaxDuplicates = 10;
    public const int MaxIdempotencyKeyLength = IdempotentRequests.MaxKeyLength;

    /// <summary>What an Idempotency-Key of intake creates (<see cref="IdempotentRequests"/>).</summary>
    public const string IdempotencyScope = "cases";

    /// <summary>
    /// Submits a report as <paramref name="caller"/>. Throws <see cref="FieldValidationException"/> for bad
    /// input. Anyone signed in may report anywhere in the city: intake is the one write that is not
    /// bounded by the caller's own jurisdiction. <paramref name="proveReporter"/> (a report without an account) runs once the
    /// fields are read, with their errors so far: it adds its own, and proves who reports only when there are none, so that a
    /// one-time code is not spent on a report that is refused anyway.
    /// </summary>
    public async Task<IntakeResult> SubmitAsync(Caller caller, CaseSubmission submission, string? idempotencyKey,
        CancellationToken cancellationToken, Func<Dictionary<string, string[]>, CancellationToken, Task>? proveReporter = null)
    {
        var errors = new Dictionary<string, string[]>();
        idempotencyKey = IdempotentRequests.Normalize(idempotencyKey);
        var fingerprint = idempotencyKey is null ? "" : idempotency.FingerprintOf(submission);
        if (idempotencyKey is { Length: > MaxIdempotencyKeyLength })
        {
            errors["Idempotency-Key"] = [Gongzhi.Platform.PlatformText.Format("Validation.AtMostCharacters", MaxIdempotencyKeyLength)];
        }
        var category = await ValidCategoryAsync(submission.CategoryCode, errors, cancellationToken);
        var anonymous = submission.Anonymous == true;
        // The case's own rules (title, description, category, anonymity, the category's extra fields), every field at once.
        var caseErrors = CaseIntakeRules.Check(submission.Title, submission.Description, submission.Lat, submission.Lon, submission.Address, anonymous,
            category, ToStrings(submission.Attributes), out var checkedAttributes);
        foreach (var (field, messages) in caseErrors)
        {
            errors[field] = messages;
        }
        var title = submission.Title?.Trim() ?? "";
        var description = submission.Description?.Trim() ?? "";
        if (submission.Address is { Length: > 256 })
        {
            errors["address"] = [CasesText.Get("Intake.MostCharacters")];
        }
        string? grid = null;
        if (submission.Lat is not { } lat || submission.Lon is not { } lon || double.IsNaN(lat) || double.IsNaN(lon))
        {
            errors["location"] = [CasesText.Get("Intake.PositionLatLonRequired")];
        }
        else
        {
            grid = lat is >= -90 and <= 90 && lon is >= -180 and <= 180 ? await grids.LocateAsync(lat, lon, cancellationToken) : null;
            if (grid is null)
            {
                errors["location"] = [CasesText.Get("Intake.PositionOutsideCityS")];
            }
        }
        var channel = ValidChannel(caller, submission, errors);
        if (submission.ReporterName is { } name && name.Trim().Length > 64)
        {
            errors["reporterName"] = [CasesText.Get("Intake.MostCharacters2")];
        }
        if (!string.IsNullOrWhiteSpace(submission.ReporterPhone) && !PhonePattern().IsMatch(submission.ReporterPhone.Trim()))
        {
            errors["reporterPhone"] = [CasesText.Get("Intake.DigitsSpacesCharacters")];
        }
        if (submission.OccurredAt is { } occurredAt && occurredAt > clock.GetUtcNow().AddMinutes(5))
        {
            errors["occurredAt"] = [CasesText.Get("Intake.TimeHappenedLieAhead")];
        }
        if (submission.PhotoIds is { Count: > MaxPhotos })
        {
            errors["photoIds"] = [CasesText.Format("Intake.MostPhotos", MaxPhotos)];
        }
        if (proveReporter is not null)
        {
            await proveReporter(errors, cancellationToken);
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }

        // The look-ups, the reference draw and the save below run on one connection: taken from the pool
        // once, not once per statement, each of which costs the pool's reset of the session on PostgreSQL.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var urgency = submission.Urgency ?? CaseUrgency.Normal;
        var duplicates = await DuplicatesAsync(caller, category!, submission.Lat!.Value, submission.Lon!.Value, now, null, cancellationToken);
        var dispatchers = await audience.DispatchersAsync(grid!, cancellationToken);
        var intake = new CaseIntake(urgency, title, description, submission.Lat, submission.Lon, submission.Address, grid!, channel,
            // A hotline operator stands in for the caller on the phone: they follow the case and record the call-back verdict (回访).
            caller.UserId, protector.ProtectName(submission.ReporterName), protector.ProtectPhone(submission.ReporterPhone), anonymous, idempotencyKey,
            checkedAttributes, submission.PhotoIds,
            submission.OccurredAt);

        var registerDeadline = deadlines.For(category!, CaseStep.Register, urgency, now);
        var saving = CaseAccess.ActingOn(caller, grid!);
        var counterKey = CaseReference.CounterKey(grid!, now);
        // PostgreSQL: from this instance's block of numbers (CaseReferenceBlocks), mostly without a round trip.
        // SQLite writes one transaction at a time whatever we do and runs as one instance, so there the number
        // is drawn inside the save's transaction: gapless, and a draw of its own would only add a commit.
        await using var transaction = db.Database.IsSqlite() ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var sequence = transaction is null
            ? await references.DrawAsync(db, counterKey, cancellationToken)
            : await CaseReferenceCounter.ReserveAsync(db, counterKey, 1, cancellationToken);
        var @case = Case.Submit(intake, category!, CaseReference.Format(grid!, now, sequence), CaseActor.From(caller), now, registerDeadline);
        db.Add(@case);
        if (idempotencyKey is not null)
        {
            idempotency.Remember(caller, IdempotencyScope, idempotencyKey, fingerprint);
        }
        if (submission.PhotoIds is { Count: > 0 } photoIds)
        {
            try
            {
                await photos.AttachAsync(photoIds, grid!, CaseAttachmentAccess.OwnerKey(@case.Id), cancellationToken);
            }
            catch (RuleViolationException e)
            {
                // A retry with the same key may already have attached these photos to its case.
                await RollBackAsync(transaction, cancellationToken);
                if (idempotencyKey is not null && await ReplayAsync(caller, idempotencyKey, fingerprint, cancellationToken) is { } raced)
                {
                    return raced;
                }
                throw FieldValidationException.Field("photoIds", e.Message);
            }
        }
        audience.NotifySubmitted(@case, category!, dispatchers.Where(d => d != caller.UserId));
        var savepoints = db.Database.AutoSavepointsEnabled;
        try
        {
            db.Caller = saving;
            // A failed save rolls intake's whole transaction back, so the save needs no savepoint of its own.
            db.Database.AutoSavepointsEnabled = false;
            // One SaveChanges writes the case, its first timeline line, the photos' attachment, the audit entry
            // and the notifications in one transaction (SQLite: the one that drew the number).
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (DbUpdateException e) when (idempotencyKey is not null && e.IsUniqueViolation())
        {
            // The key was used before: a retry of a report that was saved, or a retry that raced this one and
            // won. Answer with that case. Looking the key up first would cost every report a query, to spare
            // only retries (rare) a drawn reference number and a rolled-back insert.
            await RollBackAsync(transaction, cancellationToken);
            return await ReplayAsync(caller, idempotencyKey, fingerprint, cancellationToken)
                ?? throw new InvalidOperationException("The idempotency key collided with a case that cannot be found.");
        }
        finally
        {
            db.Caller = caller;
            db.Database.AutoSavepointsEnabled = savepoints;
        }
        await db.Database.CloseConnectionAsync();
        GongzhiMetrics.CaseTakenIn(channel.ToString());
        await audience.PublishAsync(@case, CaseActions.Submit, now, cancellationToken);
        return new IntakeResult(new CaseSubmitted(@case.Id, @case.Reference, @case.State, @case.JurisdictionCode, duplicates), true);
    }

    private async Task RollBackAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
    }

    /// <summary>Categories ranked by keyword hits in a description.</summary>
    public async Task<IReadOnlyList<CategorySuggestion>> SuggestCategoriesAsync(string? description, CancellationToken cancellationToken)
    {
        var catalogue = await categories.CurrentAsync(cancellationToken);
        return catalogue.Suggester.Suggest(description);
    }

    /// <summary>
    /// Open cases of the category near the point, reported within the category's window, nearest first; what the
    /// caller may not open comes without its words (<see cref="DuplicateCandidate"/>).
    /// </summary>
    public async Task<IReadOnlyList<DuplicateCandidate>> DuplicatesAsync(Caller caller, CaseCategory category, double lat, double lon, DateTimeOffset now,
        Guid? except, CancellationToken cancellationToken)
    {
        if (category.DuplicateRadiusMeters <= 0 || category.DuplicateWindowHours <= 0)
        {
            return [];
        }
        var radius = category.DuplicateRadiusMeters;
        var dLat = radius / 111_320.0;
        var dLon = radius / (111_320.0 * Math.Max(0.01, Math.Cos(lat * Math.PI / 180)));
        var since = now.AddHours(-category.DuplicateWindowHours);
        var near = new List<NearCase>();
        await foreach (var c in NearQuery(db, category.Code, since, lat, lon, dLat, dLon, dLat / dLon * (dLat / dLon), except)
            .WithCancellation(cancellationToken))
        {
            near.Add(c);
        }
        return near
            .Select(c => (Case: c, Distance: (int)Math.Round(DistanceMeters(lat, lon, c.Latitude!.Value, c.Longitude!.Value))))
            .Where(c => c.Distance <= radius)
            .Select(c => MayOpen(caller, c.Case)
                ? new DuplicateCandidate(c.Case.Id, c.Case.Reference, c.Case.Title, c.Distance, category.Code, c.Case.State, c.Case.Latitude!.Value,
                    c.Case.Longitude!.Value)
                : new DuplicateCandidate(null, null, null, c.Distance, category.Code, c.Case.State, Math.Round(c.Case.Latitude!.Value, 3),
                    Math.Round(c.Case.Longitude!.Value, 3)))
            .OrderBy(c => c.DistanceMeters)
            .ToList();
    }

    /// <summary>
    /// Whether the caller may read another report's words: its reporter, and staff whose work covers the place (not a
    /// resident, not a department, which sees only the cases it was given).
    /// </summary>
    private static bool MayOpen(Caller caller, NearCase c) =>
        (caller.UserId is not null && c.ReporterUserId == caller.UserId) || caller.Administers(c.JurisdictionCode)
        || (!caller.IsInRole(Roles.Resident) && !caller.IsInRole(Roles.DepartmentStaff) && caller.Roles.Count > 0 && caller.Covers(c.JurisdictionCode));

    private sealed record NearCase(Guid Id, string Reference, string Title, CaseState State, string JurisdictionCode, string? ReporterUserId,
        double? Latitude, double? Longitude);

    // Open cases of a category inside a box around a point, nearest first by the flat-earth distance in degrees
    // (the same order as metres at these distances), so the database hands over the ten nearest of a crowded
    // spot, not every open case around it. Compiled once: every report runs it.
    private static readonly Func<GongzhiDbContext, string, DateTimeOffset, double, double, double, double, double, Guid?, IAsyncEnumerable<NearCase>>
        NearQuery = EF.CompileAsyncQuery((GongzhiDbContext db, string code, DateTimeOffset since, double lat, double lon, double dLat, double dLon,
            double lonScale, Guid? except) =>
            // Near cases are sought city-wide: a reporter has no scope, and a duplicate across a boundary is still one.
            db.Set<Case>().IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.CategoryCode == code && CaseStates.Open.Contains(c.State) && c.CreatedAt >= since
                    && c.Latitude >= lat - dLat && c.Latitude <= lat + dLat && c.Longitude >= lon - dLon && c.Longitude <= lon + dLon
                    && c.Id != except)
                .OrderBy(c => ((c.Latitude - lat) * (c.Latitude - lat)) + ((c.Longitude - lon) * (c.Longitude - lon) * lonScale))
                .Select(c => new NearCase(c.Id, c.Reference, c.Title, c.State, c.JurisdictionCode, c.ReporterUserId, c.Latitude, c.Longitude))
                .Take(MaxDuplicates));

    internal static double DistanceMeters(double lat1, double lon1, double lat2, double lon2)
    {
        const double EarthRadius = 6_371_000;
        var p1 = lat1 * Math.PI / 180;
        var p2 = lat2 * Math.PI / 180;
        var dp = p2 - p1;
        var dl = (lon2 - lon1) * Math.PI / 180;
        var a = (Math.Sin(dp / 2) * Math.Sin(dp / 2)) + (Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2));
        return 2 * EarthRadius * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private async Task<IntakeResult?> ReplayAsync(Caller caller, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var me = caller.UserId;
        // The first case of a retried key is the reporter's own, wherever it lies and whatever their scope.
        var existing = await db.Set<Case>().IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(c => c.ReporterUserId == me && c.IdempotencyKey == key, cancellationToken);
        if (existing is null)
        {
            return null;
        }
        await idempotency.EnsureSameRequestAsync(caller, IdempotencyScope, key, fingerprint, cancellationToken);
        var category = await db.Set<CaseCategory>().AsNoTracking().FirstAsync(c => c.Code == existing.CategoryCode, cancellationToken);
        var duplicates = existing.Latitude is { } lat && existing.Longitude is { } lon
            ? await DuplicatesAsync(caller, category, lat, lon, existing.CreatedAt, existing.Id, cancellationToken)
            : [];
        return new IntakeResult(new CaseSubmitted(existing.Id, existing.Reference, existing.State, existing.JurisdictionCode, duplicates), false);
    }

    private async Task<CaseCategory?> ValidCategoryAsync(string? code, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        code = code?.Trim();
        // The in-memory catalogue (reloaded every 30 s, and at once after an edit on this node) spares every report a query.
        var category = string.IsNullOrEmpty(code)
            ? null
            : (await categories.CurrentAsync(cancellationToken)).ActiveMinor(code);
        if (category is null)
        {
            errors["categoryCode"] = [CasesText.Format("Intake.ActiveMinorCategory", code)];
            return null;
        }
        return category;
    }

    /// <summary>Residents report on the web; grid workers patrol; staff may take a hotline call for someone else.</summary>
    private static CaseChannel ValidChannel(Caller caller, CaseSubmission submission, Dictionary<string, string[]> errors)
    {
        var isGridWorker = caller.IsInRole(Roles.GridWorker);
        var isStaff = !caller.IsInRole(Roles.Resident) && caller.Roles.Count > 0;
        var channel = submission.Channel ?? (isGridWorker ? CaseChannel.Patrol : CaseChannel.Web);
        var allowed = channel switch
        {
            CaseChannel.Web => true,
            CaseChannel.Patrol => isGridWorker || caller.IsInRole(Roles.CommunityStaff),
            CaseChannel.Hotline => isStaff,
            // Only the Open311 endpoint files reports for a client application, acting as the system under its key's name.
            CaseChannel.Open311 => caller.IsSystem,
            CaseChannel.Import => Import.CaseImports.MayImport(caller),
            _ => false,
        };
        if (!allowed)
        {
            errors["channel"] = [CasesText.Format("Intake.YouSubmitThroughChannel", channel)];
        }
        else if (channel == CaseChannel.Hotline && submission.Anonymous != true && string.IsNullOrWhiteSpace(submission.ReporterPhone))
        {
            errors["reporterPhone"] = [CasesText.Get("Intake.HotlineEntryNeedsCaller")];
        }
        return channel;
    }

    internal static Dictionary<string, string> ToStrings(Dictionary<string, JsonElement>? attributes) =>
        (attributes ?? []).ToDictionary(a => a.Key, a => a.Value.ValueKind switch
        {
            JsonValueKind.String => a.Value.GetString() ?? "",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => a.Value.GetRawText(),
        });

    [GeneratedRegex(@"^[0-9+\- ]{3,32}$")]
    private static partial Regex PhonePattern();
}
