using Gongzhi.Modules.Registry.Addresses;
using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Jobs;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Registry.Imports;

/// <summary>
/// Checks a job's rows and stores the good ones as the importer, batch by batch. Each person is made by
/// <see cref="PersonService.Register"/> (the same checks, encryption, hashing and masking as a single registration) and
/// allowed by the same rules; a batch's persons, its refused rows and the job's counters are one save, so a job resumed
/// after a crash starts at the first row not yet committed and stores no row twice.
/// </summary>
public sealed class PersonImportRunner(IServiceScopeFactory scopes, IOptions<RegistryOptions> options, TimeProvider clock, ILogger<PersonImportRunner> log)
    : IStoredJobs
{
    Task IStoredJobs.RunClaimedAsync(Guid id, CancellationToken cancellationToken) => RunAsync(id, null, cancellationToken);

    /// <summary>How long a node holds a job without showing progress before another node may take it over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>The service's field names as the file's columns, for the report.</summary>
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["name"] = PersonCsv.Name,
        ["idNumber"] = PersonCsv.IdNumber,
        ["phone"] = PersonCsv.Phone,
        ["jurisdictionCode"] = PersonCsv.Jurisdiction,
        ["addressId"] = PersonCsv.Address,
        ["careTags"] = PersonCsv.CareTags,
        ["household"] = PersonCsv.Household,
        ["relation"] = PersonCsv.Relation,
    };

    /// <summary>Takes the job if nobody holds it; false when another node does or it is finished.</summary>
    public async Task<bool> TryClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow();
        var until = now + Lease;
        return await SystemDb(scope).Set<PersonImportJob>()
            .Where(j => j.Id == id && j.State != PersonImportState.Completed && (j.LeaseUntil == null || j.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, until), cancellationToken) == 1;
    }

    /// <summary>Unfinished jobs nobody holds, oldest first.</summary>
    public async Task<List<Guid>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow();
        return await SystemDb(scope).Set<PersonImportJob>().AsNoTracking()
            .Where(j => j.State != PersonImportState.Completed && (j.LeaseUntil == null || j.LeaseUntil < now))
            .OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(10).ToListAsync(cancellationToken);
    }

    /// <summary>Runs a claimed job to its end (or until cancelled, resumable), reporting after each committed batch.</summary>
    public async Task<PersonImportStatus> RunAsync(Guid id, IProgress<PersonImportStatus>? progress, CancellationToken cancellationToken)
    {
        string content;
        string userId;
        int processed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = SystemDb(scope);
            var job = await db.Set<PersonImportJob>().FirstAsync(j => j.Id == id, cancellationToken);
            if (job.State == PersonImportState.Completed)
            {
                return PersonImportStatus.Of(job);
            }
            job.Start(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            (content, userId, processed) = (job.Content, job.CreatedByUserId, job.Processed);
        }
        var importer = await CallerOfAsync(userId, cancellationToken);
        var header = PersonCsv.ReadHeader(content);
        var batchSize = Math.Max(1, options.Value.ImportBatchSize);
        // Rows of this run that were stored, by the keyed hash of their ID number: a second row with the same number is refused.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new LabelIndex();
        PersonImportStatus status = null!;
        foreach (var batch in PersonCsv.Records(content).Skip(1 + processed).Chunk(batchSize))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync(id);
                cancellationToken.ThrowIfCancellationRequested();
            }
            status = await RunBatchAsync(id, importer, header, batch, seen, labels, cancellationToken);
            progress?.Report(status);
        }
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = SystemDb(scope);
            var job = await db.Set<PersonImportJob>().FirstAsync(j => j.Id == id, cancellationToken);
            job.Complete(clock.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
            status = PersonImportStatus.Of(job);
        }
        log.LogInformation("Person import {Job} finished: {Accepted} accepted, {Failed} refused of {Total}", id, status.Accepted, status.Failed,
            status.Total);
        return status;
    }

    private async Task<PersonImportStatus> RunBatchAsync(Guid id, Caller? importer, IReadOnlyList<string> header, CsvRecord[] batch,
        Dictionary<string, int> seen, LabelIndex labels, CancellationToken cancellationToken)
    {
        // A scope per batch: nothing tracked by one batch rides on the next one's save.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = importer ?? Caller.System;
        var job = await db.Set<PersonImportJob>().FirstAsync(j => j.Id == id, cancellationToken);
        var errors = new List<PersonImportError>();
        var candidates = new List<(CsvRecord Row, Person Person, PersonChange Created)>();
        if (importer is null)
        {
            errors.AddRange(batch.Select(r => PersonImportError.Of(job, r.Number, "row", RegistryText.Get("Import.ImporterGone"))));
        }
        else
        {
            var persons = scope.ServiceProvider.GetRequiredService<PersonService>();
            var places = await AddressesAsync(db, header, batch, labels, cancellationToken);
            foreach (var row in batch)
            {
                var refused = Check(importer, persons, header, row, places, out var made);
                if (refused.Count > 0)
                {
                    errors.AddRange(refused.SelectMany(f => f.Value.Select(m => PersonImportError.Of(job, row.Number, f.Key, m))));
                }
                else
                {
                    candidates.Add((row, made!.Value.Person, made.Value.Created));
                }
            }
            var hashes = candidates.Select(c => c.Person.IdNumberHash).Distinct().ToList();
            // Through the importer's scope: a number registered in the area is a duplicate; elsewhere is the two-homes worklist's.
            var registered = (await db.Set<Person>().AsNoTracking().Where(p => hashes.Contains(p.IdNumberHash)).Select(p => p.IdNumberHash)
                .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            foreach (var (row, person, created) in candidates)
            {
                if (seen.TryGetValue(person.IdNumberHash, out var first))
                {
                    errors.Add(PersonImportError.Of(job, row.Number, PersonCsv.IdNumber, RegistryText.Format("Import.TwiceInFile", first)));
                }
                else if (registered.Contains(person.IdNumberHash))
                {
                    errors.Add(PersonImportError.Of(job, row.Number, PersonCsv.IdNumber, RegistryText.Get("Import.AlreadyRegistered")));
                }
                else
                {
                    seen[person.IdNumberHash] = row.Number;
                    db.Add(person);
                    db.Add(created);
                }
            }
        }
        var accepted = batch.Length - errors.Select(e => e.RowNumber).Distinct().Count();
        db.AddRange(errors);
        job.BatchDone(batch.Length, accepted, clock.GetUtcNow(), Lease);
        // The persons, the refused rows and the counters in one transaction: a crash before it replays the whole batch.
        await db.SaveChangesAsync(CancellationToken.None);
        return PersonImportStatus.Of(job);
    }

    /// <summary>One row's checks: shape, lengths, status, address; then the registration's own. Returns the refused fields by column.</summary>
    private static Dictionary<string, string[]> Check(Caller importer, PersonService persons, IReadOnlyList<string> header, CsvRecord row,
        Dictionary<string, AddressPlace?> places, out (Person Person, PersonChange Created)? made)
    {
        made = null;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (row.Fields.Count != header.Count)
        {
            errors["row"] = [RegistryText.Format("Import.FieldCount", row.Fields.Count, header.Count)];
            return errors;
        }
        string? Cell(string column)
        {
            var i = IndexOf(header, column);
            var value = i >= 0 ? row.Fields[i].Trim() : null;
            if (value is { Length: > PersonCsv.MaxFieldLength })
            {
                errors[column] = [RegistryText.Format("Field.TooLong", PersonCsv.MaxFieldLength)];
                return null;
            }
            return string.IsNullOrEmpty(value) ? null : value;
        }
        var status = PersonCsv.StatusOf(Cell(PersonCsv.Status), out var unknownStatus);
        if (unknownStatus)
        {
            errors[PersonCsv.Status] = [RegistryText.Get("Import.StatusUnknown")];
        }
        AddressPlace? place = null;
        var addressCell = Cell(PersonCsv.Address);
        if (addressCell is not null)
        {
            place = places.GetValueOrDefault(addressCell);
            if (place is null)
            {
                errors[PersonCsv.Address] = [places.ContainsKey(addressCell) ? RegistryText.Get("Import.AddressAmbiguous") : RegistryText.Get("Import.AddressNotFound")];
            }
        }
        var request = new CreatePersonRequest(Cell(PersonCsv.Name), Cell(PersonCsv.IdNumber), Cell(PersonCsv.Phone), place?.Id,
            Cell(PersonCsv.Jurisdiction), PersonCsv.SplitTags(Cell(PersonCsv.CareTags)), status, Cell(PersonCsv.Household), Cell(PersonCsv.Relation));
        try
        {
            var (person, created) = persons.Register(importer, request, place);
            if (errors.Count == 0 && !RegistryPermissions.PersonRules.Instance.Allows(importer, RegistryPermissions.Import, person))
            {
                errors[PersonCsv.Jurisdiction] = [RegistryText.Get("Import.OutsideArea")];
            }
            if (errors.Count == 0)
            {
                made = (person, created);
            }
        }
        catch (FieldValidationException e)
        {
            foreach (var (field, messages) in e.Errors)
            {
                var column = Columns.GetValueOrDefault(field, field);
                // The address column's own message (not found, ambiguous) says more than the registration's.
                errors.TryAdd(column, messages);
            }
        }
        if (errors.ContainsKey(PersonCsv.Address) && Cell(PersonCsv.Jurisdiction) is null)
        {
            // Without a grid of its own the row was to be placed by its address: the missing grid is the address's fault, said once.
            errors.Remove(PersonCsv.Jurisdiction);
        }
        return errors;
    }

    /// <summary>
    /// The batch's address cells resolved through the importer's scope: a standard address code, or the full written address
    /// (null when two addresses share it). A cell with no entry was not found.
    /// </summary>
    private static async Task<Dictionary<string, AddressPlace?>> AddressesAsync(GongzhiDbContext db, IReadOnlyList<string> header, CsvRecord[] batch,
        LabelIndex labels, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, AddressPlace?>(StringComparer.Ordinal);
        var column = IndexOf(header, PersonCsv.Address);
        if (column < 0)
        {
            return found;
        }
        var cells = batch.Where(r => r.Fields.Count == header.Count).Select(r => r.Fields[column].Trim()).Where(c => c.Length > 0).Distinct().ToList();
        var codes = cells.Where(LooksLikeCode).ToList();
        if (codes.Count > 0)
        {
            foreach (var a in await db.Set<StandardAddress>().AsNoTracking().Where(a => codes.Contains(a.Code))
                .Select(a => new { a.Code, a.Id, a.JurisdictionCode }).ToListAsync(cancellationToken))
            {
                found[a.Code] = new AddressPlace(a.Id, a.JurisdictionCode);
            }
        }
        var written = cells.Where(c => !LooksLikeCode(c)).ToList();
        if (written.Count > 0)
        {
            await labels.LoadAsync(db, cancellationToken);
            foreach (var cell in written)
            {
                if (labels.TryFind(cell, out var place))
                {
                    found[cell] = place;
                }
            }
        }
        return found;
    }

    private static bool LooksLikeCode(string cell) => cell.Length == 22 && cell[15] == '-' && cell.AsSpan(0, 15).IndexOfAnyExceptInRange('0', '9') < 0;

    private static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] == column)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The importer as they would be signed in, so that the rows are stored with their roles and scope; null when the account is gone.</summary>
    internal async Task<Caller?> CallerOfAsync(string userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = SystemDb(scope);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name)
            .ToListAsync(cancellationToken);
        return new Caller(user.Id, user.UserName, user.ScopeCode, roles.OfType<string>().ToHashSet(), user.OrganisationId?.ToString(), null, false);
    }

    private async Task ReleaseAsync(Guid id)
    {
        // A clean stop hands the job back at once; after a crash the lease has to run out first.
        await using var scope = scopes.CreateAsyncScope();
        await SystemDb(scope).Set<PersonImportJob>().Where(j => j.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    private static GongzhiDbContext SystemDb(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        return db;
    }

    /// <summary>Written addresses of the importer's area, loaded once per run and only when a row names an address in words.</summary>
    private sealed class LabelIndex
    {
        private Dictionary<string, AddressPlace?>? byLabel;

        public async Task LoadAsync(GongzhiDbContext db, CancellationToken cancellationToken)
        {
            if (byLabel is not null)
            {
                return;
            }
            var all = await db.Set<StandardAddress>().AsNoTracking()
                .Select(a => new { a.Id, a.JurisdictionCode, a.Road, a.Number, a.Compound, a.Building, a.Unit, a.Room })
                .ToListAsync(cancellationToken);
            byLabel = new Dictionary<string, AddressPlace?>(StringComparer.Ordinal);
            foreach (var a in all)
            {
                var label = StandardAddress.Compose(a.Road, a.Number, a.Compound, a.Building, a.Unit, a.Room);
                // Two addresses written alike cannot be told apart: the row is asked for the code instead.
                byLabel[label] = byLabel.ContainsKey(label) ? null : new AddressPlace(a.Id, a.JurisdictionCode);
            }
        }

        public bool TryFind(string label, out AddressPlace? place) => byLabel!.TryGetValue(label.Replace(" ", "", StringComparison.Ordinal), out place);
    }
}

/// <summary>Person imports in the background.</summary>
public sealed class PersonImportWorker(PersonImportRunner runner, JobSignal<PersonImportRunner> signal, IOptions<RegistryOptions> options,
    ILogger<PersonImportWorker> log) : JobWorker<PersonImportRunner>(runner, signal, log)
{
    protected override TimeSpan Poll => TimeSpan.FromSeconds(Math.Max(1, options.Value.ImportPollSeconds));
}
