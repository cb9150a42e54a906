using Gongzhi.Modules.Access;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Platform.Files;

/// <summary>
/// Uploaded photos: storing them, deciding who may see them, and handing them to the record that
/// takes them in. Other modules use <see cref="AttachAsync"/>; the rest serves the files API.
/// </summary>
public sealed class PhotoLibrary(GongzhiDbContext db, FileStore store, PhotoProcessor processor, TimeProvider clock)
{
    /// <summary>Roles that handle cases and so may see, inside their scope, the photos attached to them.</summary>
    public static readonly IReadOnlySet<string> HandlingRoles = new HashSet<string>
    {
        Roles.GridWorker, Roles.CommunityStaff, Roles.StreetStaff, Roles.StreetDispatcher, Roles.DepartmentStaff,
        Roles.CommandCenter, Roles.Leader, Roles.Admin,
    };

    /// <summary>
    /// Checks and stores a photo. Both variants are durable on disk before the row is committed, so
    /// a file id that was handed out always has its bytes.
    /// </summary>
    public async Task<StoredFile> UploadAsync(Stream content, CancellationToken cancellationToken)
    {
        var photo = await processor.ReadAsync(content, cancellationToken);
        var original = await store.PutAsync(photo.Original, cancellationToken);
        var publicVariant = await store.PutAsync(photo.PublicVariant, cancellationToken);
        var file = StoredFile.ForPhoto(photo, original, publicVariant, db.Caller.UserId, clock.GetUtcNow());
        db.Add(file);
        await db.SaveChangesAsync(cancellationToken);
        return file;
    }

    /// <summary>
    /// Gives uploaded photos to a record in <paramref name="jurisdictionCode"/>, e.g. a case at intake
    /// (<paramref name="ownerKey"/> <c>Case:{id}</c>). Changes are only tracked: they are committed by the
    /// caller's own <c>SaveChangesAsync</c>, in the same transaction as the record, so a case is never
    /// stored without its photos nor photos attached to a case that was rolled back.
    /// </summary>
    /// <remarks>
    /// Callers may attach only photos they uploaded themselves (the system may attach any). Attaching
    /// again to the same owner is a no-op, so a retried intake succeeds.
    /// </remarks>
    /// <exception cref="RuleViolationException">A photo does not exist, is someone else's, or already belongs to another record.</exception>
    public async Task AttachAsync(IReadOnlyCollection<Guid> fileIds, string jurisdictionCode, string ownerKey, CancellationToken cancellationToken)
    {
        if (fileIds.Count == 0)
        {
            return;
        }
        var ids = fileIds.Distinct().ToList();
        var files = await db.Set<StoredFile>().Where(f => ids.Contains(f.Id)).ToListAsync(cancellationToken);
        var caller = db.Caller;
        foreach (var id in ids)
        {
            var file = files.FirstOrDefault(f => f.Id == id);
            // Someone else's upload is reported as missing: its existence is not the caller's business.
            if (file is null || (!caller.IsSystem && file.CreatedByUserId != caller.UserId && file.OwnerKey != ownerKey))
            {
                throw new RuleViolationException($"Photo {id} does not exist or was not uploaded by you.");
            }
            file.AttachTo(jurisdictionCode, ownerKey, clock.GetUtcNow());
        }
    }

    /// <summary>The file if the caller may see its public variant: the uploader, or case handlers covering it once attached.</summary>
    public async Task<StoredFile?> FindVisibleAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        var caller = db.Caller;
        if (file is null)
        {
            return null;
        }
        return (caller.UserId is not null && file.CreatedByUserId == caller.UserId) || HandlesInScope(caller, file) ? file : null;
    }

    /// <summary>The file if the caller may see the original (with its metadata): case handlers covering the attached file.</summary>
    public async Task<StoredFile?> FindOriginalAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        return file is not null && HandlesInScope(db.Caller, file) ? file : null;
    }

    public Stream? OpenPublicVariant(StoredFile file) => store.OpenRead(file.PublicVariantSha256);

    public Stream? OpenOriginal(StoredFile file) => store.OpenRead(file.Sha256);

    private static bool HandlesInScope(Caller caller, StoredFile file) =>
        file.JurisdictionCode is { } code && caller.Covers(code) && (caller.IsSystem || caller.Roles.Overlaps(HandlingRoles));
}
