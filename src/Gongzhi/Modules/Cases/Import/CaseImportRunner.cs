using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Jobs;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Import;

/// <summary>
/// Submits a job's rows one by one through <see cref="CaseIntakeService"/>, as the importer, so that an
/// imported case is validated, located, routed, audited and announced exactly like a reported one. Each
/// row's outcome and the job's counters are saved together; each row's case carries the row's idempotency
/// key, so a job resumed after a crash files no row twice and keeps every row accepted before.
/// </summary>
public sealed class CaseImportRunner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CaseImportRunner> log)
    : IStoredJobs
{
    Task IStoredJobs.RunClaimedAsync(Guid id, CancellationToken cancellationToken) => RunAsync(id, null, cancellationToken);

    /// <summary>How long a node holds a job without showing progress before another node may take it over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Where the intake's field names differ from the file's columns.</summary>
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["categoryCode"] = CaseCsv.Category,
        ["location"] = $"{CaseCsv.Lat}/{CaseCsv.Lon}",
        ["reporterName"] = CaseCsv.ReporterName,
        ["reporterPhone"] = CaseCsv.ReporterPhone,
        ["occurredAt"] = CaseCsv.OccurredAt,
    };

    /// <summary>Takes the job if nobody holds it; false when another node does or it is finished.</summary>
    public async Task<bool> TryClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = Db(scope);
        var now = clock.GetUtcNow();
        var until = now + Lease;
        return await db.Set<CaseImportJob>()
            .Where(j => j.Id == id && j.State != CaseImportState.Completed && (j.LeaseUntil == null || j.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, until), cancellationToken) == 1;
    }

    /// <summary>Unfinished jobs nobody holds, oldest first.</summary>
    public async Task<List<Guid>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow();
        return await Db(scope).Set<CaseImportJob>().AsNoTracking()
            .Where(j => j.State != CaseImportState.Completed && (j.LeaseUntil == null || j.LeaseUntil < now))
            .OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(10).ToListAsync(cancellationToken);
    }

    /// <summary>Runs a claimed job to its end (or until cancelled, resumable), reporting progress after each row.</summary>
    public async Task<CaseImportStatus> RunAsync(Guid id, IProgress<(CaseImportStatus Status, IReadOnlyList<CaseImportError> RowErrors)>? progress,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = Db(scope);
        var job = await db.Set<CaseImportJob>().FirstAsync(j => j.Id == id, cancellationToken);
        if (job.State == CaseImportState.Completed)
        {
            return CaseImportStatus.Of(job);
        }
        if (job.State == CaseImportState.Queued)
        {
            job.State = CaseImportState.Running;
            job.StartedAt = clock.GetUtcNow();
        }
        var importer = await CallerOfAsync(db, job.CreatedByUserId, cancellationToken);
        var header = CaseCsv.ReadHeader(job.Content);
        // Loaded once per run: an address-only row is placed as the report form places one, without a query per row.
        var addresses = header.Contains(CaseCsv.Address)
            ? await AddressLocator.LoadAsync(scope.ServiceProvider.GetRequiredService<IJurisdictionDirectory>(), cancellationToken)
            : null;
        foreach (var row in CaseCsv.DataRows(job.Content).Skip(job.Processed))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // A clean stop hands the job back at once; after a crash the lease has to run out first.
                job.LeaseUntil = null;
                await db.SaveChangesAsync(CancellationToken.None);
                cancellationToken.ThrowIfCancellationRequested();
            }
            var errors = importer is null
                ? [CaseImportError.Create(job, row.Number, "account", CasesText.Get("Import.ImportingAccountLongerExists"))]
                : await SubmitAsync(importer, job, header, row, addresses, cancellationToken);
            job.Processed++;
            if (errors.Count == 0)
            {
                job.Accepted++;
            }
            else
            {
                job.Failed++;
                db.AddRange(errors);
            }
            job.LeaseUntil = clock.GetUtcNow() + Lease;
            // The counters and the row's errors in one save: a crash before it replays the row, whose case (if any) the key finds again.
            await db.SaveChangesAsync(CancellationToken.None);
            progress?.Report((CaseImportStatus.Of(job), errors));
        }
        job.State = CaseImportState.Completed;
        job.FinishedAt = clock.GetUtcNow();
        job.LeaseUntil = null;
        await db.SaveChangesAsync(CancellationToken.None);
        log.LogInformation("Case import {Job} finished: {Accepted} accepted, {Failed} failed of {Total}", job.Id, job.Accepted, job.Failed, job.Total);
        return CaseImportStatus.Of(job);
    }

    /// <summary>The importer as they would be signed in, so that the rows are filed with their roles and scope.</summary>
    public static async Task<Caller?> CallerOfAsync(GongzhiDbContext db, string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name)
            .ToListAsync(cancellationToken);
        return new Caller(user.Id, user.UserName, user.ScopeCode, roles.OfType<string>().ToHashSet(), user.OrganisationId?.ToString(), null, false);
    }

    private async Task<List<CaseImportError>> SubmitAsync(Caller importer, CaseImportJob job, IReadOnlyList<string> header, CsvRow row,
        AddressIndex? addresses, CancellationToken cancellationToken)
    {
        if (row.Problem is not null)
        {
            return [CaseImportError.Create(job, row.Number, "row", row.Problem)];
        }
        var fieldErrors = new Dictionary<string, string[]>();
        var submission = CaseCsv.ToSubmission(header, row, fieldErrors);
        if (fieldErrors.Count == 0 && submission is { Lat: null, Lon: null, Address: { } address } && addresses is not null)
        {
            if (addresses.Locate(address) is { } found)
            {
                submission = submission with { Lat = found.Lat, Lon = found.Lon };
            }
            else
            {
                fieldErrors[CaseCsv.Address] =
                    [CasesText.Get("Import.AddressNamesCommunityStreet")];
            }
        }
        if (fieldErrors.Count == 0)
        {
            // A scope per row: a refused row leaves nothing tracked that could ride on the next one's save.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
            db.Caller = importer;
            try
            {
                await scope.ServiceProvider.GetRequiredService<CaseIntakeService>().SubmitAsync(importer, submission, job.RowKey(row.Number),
                    cancellationToken);
                return [];
            }
            catch (FieldValidationException e)
            {
                foreach (var (field, messages) in e.Errors)
                {
                    fieldErrors[field] = messages;
                }
            }
            catch (RuleViolationException e)
            {
                fieldErrors["row"] = [e.Message];
            }
        }
        return fieldErrors.SelectMany(f => f.Value.Select(m => CaseImportError.Create(job, row.Number, ColumnOf(f.Key), m))).ToList();
    }

    private static string ColumnOf(string field) =>
        Columns.TryGetValue(field, out var column) ? column
        : field.StartsWith("attributes.", StringComparison.Ordinal) ? CaseCsv.AttributePrefix + field["attributes.".Length..]
        : field;

    private static GongzhiDbContext Db(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        return db;
    }
}

/// <summary>Case imports in the background; rows are located to grids, so none runs before the boundaries are ready.</summary>
public sealed class CaseImportWorker(CaseImportRunner runner, JobSignal<CaseImportRunner> signal, Jurisdictions.BoundaryPreparation boundaries,
    IConfiguration configuration, ILogger<CaseImportWorker> log)
    : JobWorker<CaseImportRunner>(runner, signal, log)
{
    protected override TimeSpan Poll => TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Cases:ImportPollSeconds", 15)));

    protected override Task ReadyAsync(CancellationToken cancellationToken) => boundaries.Ready.WaitAsync(cancellationToken);
}
