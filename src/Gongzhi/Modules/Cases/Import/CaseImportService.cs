using System.Linq.Expressions;
using System.Text;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Idempotency;
using Gongzhi.Platform.Jobs;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Import;

public sealed record CaseImportStatus(Guid Id, string FileName, CaseImportState State, int Total, int Processed, int Accepted, int Failed,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt)
{
    /// <summary>The status read in the query, so that the stored file (up to 5 MB) is not loaded for it.</summary>
    internal static readonly Expression<Func<CaseImportJob, CaseImportStatus>> Projection =
        j => new CaseImportStatus(j.Id, j.FileName, j.State, j.Total, j.Processed, j.Accepted, j.Failed, j.CreatedBy, j.CreatedAt, j.FinishedAt);

    private static readonly Func<CaseImportJob, CaseImportStatus> Compiled = Projection.Compile();

    public static CaseImportStatus Of(CaseImportJob j) => Compiled(j);
}

/// <summary>Creating import jobs and reading their progress and errors; the rows are submitted by <see cref="CaseImportRunner"/>.</summary>
public sealed class CaseImportService(GongzhiDbContext db, JobSignal<CaseImportRunner> signal, IdempotentRequests idempotency, TimeProvider clock)
{
    /// <summary>What an Idempotency-Key of an import creates (<see cref="IdempotentRequests"/>).</summary>
    public const string IdempotencyScope = "case-imports";

    /// <summary>
    /// Stores an upload as a job after checking the file as a whole (encoding, quoting, header, row limit).
    /// With an idempotency key, a retried upload answers the job the first one made (Created false).
    /// </summary>
    /// <exception cref="CsvFileException">The file is refused as a whole.</exception>
    public async Task<(CaseImportStatus Status, bool Created)> CreateAsync(Caller caller, string? fileName, byte[] content, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        if (!CaseImports.MayImport(caller) || caller.UserId is null)
        {
            throw new CaseAccessException(StatusCodes.Status403Forbidden,
                CasesText.Get("Import.DispatchersCommandCentreAdministrators"));
        }
        idempotencyKey = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim();
        if (idempotencyKey is { Length: > CaseIntakeService.MaxIdempotencyKeyLength })
        {
            throw new CsvFileException(CasesText.Format("Import.MostCharacters", CaseIntakeService.MaxIdempotencyKeyLength));
        }
        var fingerprint = idempotencyKey is null ? "" : idempotency.FingerprintOfContent(content);
        if (idempotencyKey is not null && await ReplayAsync(caller, idempotencyKey, fingerprint, cancellationToken) is { } earlier)
        {
            return (earlier, false);
        }
        var text = CaseCsv.Decode(content);
        var total = CaseCsv.CountRows(text);
        var name = Path.GetFileName(fileName ?? "");
        var job = CaseImportJob.Create(caller, string.IsNullOrWhiteSpace(name) ? "import.csv" : name[..Math.Min(name.Length, 200)], text, total,
            idempotencyKey, clock.GetUtcNow());
        db.Add(job);
        if (idempotencyKey is not null)
        {
            idempotency.Remember(caller, IdempotencyScope, idempotencyKey, fingerprint);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (idempotencyKey is not null && e.IsUniqueViolation())
        {
            // The same upload retried at the same moment: the other request made the job.
            db.ChangeTracker.Clear();
            return ((await ReplayAsync(caller, idempotencyKey, fingerprint, cancellationToken))!, false);
        }
        signal.Wake();
        return (CaseImportStatus.Of(job), true);
    }

    /// <summary>The job if the caller may follow it: its importer, administrators, and importers whose scope covers the importer's.</summary>
    public async Task<CaseImportStatus?> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        await VisibleAsync(caller, id, cancellationToken);

    /// <summary>The caller's own latest jobs, newest first.</summary>
    public async Task<List<CaseImportStatus>> RecentAsync(Caller caller, int take, CancellationToken cancellationToken)
    {
        var me = caller.UserId;
        if (me is null)
        {
            return [];
        }
        // One's own jobs, wherever one's scope has moved since.
        return await db.Set<CaseImportJob>().IgnoreQueryFilters().AsNoTracking().Where(j => j.CreatedByUserId == me)
            .OrderByDescending(j => j.CreatedAt).Take(take)
            .Select(CaseImportStatus.Projection).ToListAsync(cancellationToken);
    }

    /// <summary>The first refused rows of a job the caller may follow, for the job page (the full list is the CSV report).</summary>
    public async Task<List<(int Row, string Field, string Message)>> FirstErrorsAsync(Caller caller, Guid id, int take, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(caller, id, cancellationToken) is null)
        {
            return [];
        }
        // The job was found visible above; its rows follow it.
        var errors = await db.Set<CaseImportError>().IgnoreQueryFilters().AsNoTracking().Where(e => e.JobId == id)
            .OrderBy(e => e.RowNumber).ThenBy(e => e.Id).Take(take).Select(e => new { e.RowNumber, e.Field, e.Message }).ToListAsync(cancellationToken);
        return errors.Select(e => (e.RowNumber, e.Field, e.Message)).ToList();
    }

    /// <summary>The per-row error report as CSV (UTF-8 with a BOM so that Excel reads the Chinese right).</summary>
    public async Task<byte[]?> ErrorsCsvAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(caller, id, cancellationToken) is null)
        {
            return null;
        }
        // The job was found visible above; its rows follow it.
        var errors = await db.Set<CaseImportError>().IgnoreQueryFilters().AsNoTracking().Where(e => e.JobId == id)
            .OrderBy(e => e.RowNumber).ThenBy(e => e.Id).Select(e => new { e.RowNumber, e.Field, e.Message }).ToListAsync(cancellationToken);
        var csv = new StringBuilder("row,field,message\r\n");
        foreach (var e in errors)
        {
            csv.Append(e.RowNumber).Append(',').Append(Quote(e.Field)).Append(',').Append(Quote(e.Message)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    internal static string Quote(string value) => Gongzhi.Platform.Exports.CsvText.Quote(value);

    private async Task<CaseImportStatus?> VisibleAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        // Without the stored file: the job page asks for the status every few seconds while the job runs.
        var jobs = db.Set<CaseImportJob>().IgnoreQueryFilters().AsNoTracking().Where(j => j.Id == id);
        var owner = await jobs.Select(j => new { j.CreatedByUserId, j.JurisdictionCode }).FirstOrDefaultAsync(cancellationToken);
        return owner is not null && (caller.Administers(owner.JurisdictionCode) || owner.CreatedByUserId == caller.UserId || (CaseImports.MayImport(caller) && caller.Covers(owner.JurisdictionCode)))
            ? await jobs.Select(CaseImportStatus.Projection).FirstOrDefaultAsync(cancellationToken)
            : null;
    }

    private async Task<CaseImportStatus?> ReplayAsync(Caller caller, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var me = caller.UserId;
        // A retry is one's own, wherever one's scope has moved since.
        var job = await db.Set<CaseImportJob>().IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(j => j.CreatedByUserId == me && j.IdempotencyKey == key, cancellationToken);
        if (job is null)
        {
            return null;
        }
        await idempotency.EnsureSameRequestAsync(caller, IdempotencyScope, key, fingerprint, cancellationToken);
        return CaseImportStatus.Of(job);
    }
}
