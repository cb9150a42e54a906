using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Modules.Registry.Visits;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Registry.Retention;

/// <summary>What one retention scan did.</summary>
public sealed record RetentionScan(int Archived, int Erased);

/// <summary>
/// Keeps personal data no longer than needed (PIPL art. 19, 47): a person recorded as moved away is archived after
/// <see cref="RegistryOptions.ArchiveAfterDays"/> (out of every list, still there for the record) and erased after a further
/// <see cref="RegistryOptions.EraseAfterDays"/>: name, ID number, phone, care tags and household go, the history's masked
/// values and the visits' notes with them. Each step is one save per person as the system, so the audit log shows it, and
/// a person whose save lost a race with another node is simply taken up on the next scan.
/// </summary>
public sealed class PersonRetention(IServiceScopeFactory scopes, IOptions<RegistryOptions> options, TimeProvider clock, ILogger<PersonRetention> log)
    : BackgroundService
{
    public const int Batch = 500;

    /// <summary>The audit log's actions for the two steps.</summary>
    public const string Archived = "archived";
    public const string Erased = "erased";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(TimeSpan.FromSeconds(options.Value.RetentionScanSeconds), clock, log, "The registry's retention scan", RunOnceAsync,
            stoppingToken, waitFirst: true);

    /// <summary>One scan at <paramref name="now"/>: archives what is due, then erases what is due.</summary>
    public async Task<RetentionScan> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var archiveAfter = TimeSpan.FromDays(options.Value.ArchiveAfterDays);
        var eraseAfter = TimeSpan.FromDays(options.Value.EraseAfterDays);
        var archiveBefore = now - archiveAfter;
        var eraseBefore = now - eraseAfter;
        var archived = await EachAsync(p => p.MovedAwayAt != null && p.ArchivedAt == null && p.MovedAwayAt <= archiveBefore,
            (db, person, ct) =>
            {
                if (!person.IsDueForArchive(now, archiveAfter))
                {
                    return Task.FromResult(false);
                }
                person.Archive(now);
                db.AuditEntries.Add(AuditEntry.Create(now, db.Caller, Archived, nameof(Person), person.AuditKey, person.JurisdictionCode, null));
                return Task.FromResult(true);
            }, cancellationToken);
        var erased = await EachAsync(p => p.ArchivedAt != null && p.ErasedAt == null && p.ArchivedAt <= eraseBefore,
            async (db, person, ct) =>
            {
                if (!person.IsDueForErasure(now, eraseAfter))
                {
                    return false;
                }
                person.Erase(now);
                db.AuditEntries.Add(AuditEntry.Create(now, db.Caller, Erased, nameof(Person), person.AuditKey, person.JurisdictionCode, null));
                // The history holds masked values and the visits free text about the person: they go in the same transaction.
                foreach (var change in await db.Set<PersonChange>().Where(c => c.PersonId == person.Id).ToListAsync(ct))
                {
                    change.Erase();
                }
                foreach (var visit in await db.Set<Visit>().Where(v => v.PersonId == person.Id).ToListAsync(ct))
                {
                    visit.EraseNotes();
                }
                return true;
            }, cancellationToken);
        if (archived + erased > 0)
        {
            log.LogInformation("Registry retention: {Archived} archived, {Erased} erased", archived, erased);
        }
        return new RetentionScan(archived, erased);
    }

    private async Task<int> EachAsync(System.Linq.Expressions.Expression<Func<Person, bool>> due,
        Func<GongzhiDbContext, Person, CancellationToken, Task<bool>> step, CancellationToken cancellationToken)
    {
        List<Guid> ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            ids = await SystemDb(scope).Set<Person>().AsNoTracking().Where(due).OrderBy(p => p.Id).Select(p => p.Id).Take(Batch)
                .ToListAsync(cancellationToken);
        }
        var done = 0;
        foreach (var id in ids)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = SystemDb(scope);
            var person = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (person is null || !await step(db, person, cancellationToken))
            {
                continue;
            }
            try
            {
                // The person's version is the claim: a second node that got here first makes this save touch no row.
                await db.SaveChangesAsync(cancellationToken);
                done++;
            }
            catch (DbUpdateConcurrencyException)
            {
            }
        }
        return done;
    }

    private static GongzhiDbContext SystemDb(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        return db;
    }
}
