using System.Text;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Exports;
using Gongzhi.Platform.Idempotency;
using Gongzhi.Platform.Jobs;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Registry.Imports;

/// <summary>
/// Storing uploads of persons as jobs and reading their progress and report. The rows are checked and stored by
/// <see cref="PersonImportRunner"/> in the background.
/// </summary>
public sealed class PersonImportService(GongzhiDbContext db, JobSignal<PersonImportRunner> signal, IdempotentRequests idempotency, TimeProvider clock)
{
    /// <summary>What an Idempotency-Key of an import creates (<see cref="IdempotentRequests"/>).</summary>
    public const string IdempotencyScope = "registry-imports";

    /// <summary>
    /// Stores an upload as a job after checking the file as a whole (size, encoding, header, quoting, row limit). With an
    /// idempotency key, a retried upload of the same file answers the job the first made (Created false); another file
    /// under the same key is a 422.
    /// </summary>
    /// <exception cref="ImportFileException">The file is refused as a whole.</exception>
    public async Task<(PersonImportStatus Status, bool Created)> CreateAsync(Caller caller, string? fileName, byte[] content, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        if (!RegistryPermissions.MayImport(caller) || caller.UserId is null)
        {
            throw new ActionForbiddenException(RegistryText.Get("Import.Forbidden"));
        }
        var key = IdempotentRequests.Normalize(idempotencyKey);
        if (key is { Length: > IdempotentRequests.MaxKeyLength })
        {
            throw FieldValidationException.Field("Idempotency-Key", RegistryText.Format("Field.TooLong", IdempotentRequests.MaxKeyLength));
        }
        var fingerprint = key is null ? "" : idempotency.FingerprintOfContent(content);
        if (key is not null && await ReplayAsync(caller, key, fingerprint, cancellationToken) is { } earlier)
        {
            return (earlier, false);
        }
        var (text, encoding) = PersonCsv.Decode(content);
        var total = PersonCsv.CountRows(text);
        var name = Path.GetFileName(fileName ?? "");
        var job = PersonImportJob.Create(caller, string.IsNullOrWhiteSpace(name) ? "persons.csv" : name[..Math.Min(name.Length, 200)], encoding, text,
            total, key, clock.GetUtcNow());
        db.Caller = caller;
        db.Add(job);
        if (key is not null)
        {
            idempotency.Remember(caller, IdempotencyScope, key, fingerprint);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (key is not null && e.IsUniqueViolation())
        {
            // The same upload retried at the same moment: the other request made the job.
            db.ChangeTracker.Clear();
            return ((await ReplayAsync(caller, key, fingerprint, cancellationToken))!, false);
        }
        signal.Wake();
        return (PersonImportStatus.Of(job), true);
    }

    /// <summary>The job if the caller may follow it (its importer, importers and administrators covering it), else null.</summary>
    public Task<PersonImportStatus?> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken) => VisibleAsync(caller, id, cancellationToken);

    /// <summary>The latest jobs the caller may follow, newest first.</summary>
    public async Task<List<PersonImportStatus>> RecentAsync(Caller caller, int take, CancellationToken cancellationToken)
    {
        if (!MayFollow(caller))
        {
            return [];
        }
        db.Caller = caller;
        return await db.Set<PersonImportJob>().AsNoTracking().OrderByDescending(j => j.CreatedAt).Take(take)
            .Select(PersonImportStatus.Projection).ToListAsync(cancellationToken);
    }

    /// <summary>The refused rows of a job, in row order; <paramref name="take"/> bounds the list on a page.</summary>
    public async Task<List<PersonImportErrorResponse>?> ErrorsAsync(Caller caller, Guid id, int? take, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(caller, id, cancellationToken) is null)
        {
            return null;
        }
        var query = db.Set<PersonImportError>().AsNoTracking().Where(e => e.JobId == id).OrderBy(e => e.RowNumber).ThenBy(e => e.Id)
            .Select(e => new PersonImportErrorResponse(e.RowNumber, e.Field, e.Message));
        return await (take is { } n ? query.Take(n) : query).ToListAsync(cancellationToken);
    }

    /// <summary>The row-by-row report as CSV (row, field, message), UTF-8 with a BOM so that Excel reads the Chinese right.</summary>
    public async Task<byte[]?> ReportCsvAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        if (await ErrorsAsync(caller, id, null, cancellationToken) is not { } errors)
        {
            return null;
        }
        var csv = new StringBuilder("row,field,message\r\n");
        foreach (var e in errors)
        {
            csv.Append(e.Row).Append(',').Append(CsvText.Escape(e.Field)).Append(',').Append(CsvText.Escape(e.Message)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static bool MayFollow(Caller caller) => RegistryPermissions.MayImport(caller) || caller.IsAdmin;

    private async Task<PersonImportStatus?> VisibleAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        if (!MayFollow(caller))
        {
            return null;
        }
        // The scope filter leaves the jobs of the caller's area; the status is read without the stored file.
        db.Caller = caller;
        return await db.Set<PersonImportJob>().AsNoTracking().Where(j => j.Id == id).Select(PersonImportStatus.Projection)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<PersonImportStatus?> ReplayAsync(Caller caller, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var me = caller.UserId;
        db.Caller = caller;
        var job = await db.Set<PersonImportJob>().AsNoTracking().Where(j => j.CreatedByUserId == me && j.IdempotencyKey == key)
            .Select(PersonImportStatus.Projection).FirstOrDefaultAsync(cancellationToken);
        if (job is null)
        {
            return null;
        }
        await idempotency.EnsureSameRequestAsync(caller, IdempotencyScope, key, fingerprint, cancellationToken);
        return job;
    }
}
