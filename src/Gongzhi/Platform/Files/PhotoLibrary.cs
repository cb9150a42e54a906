using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Platform.Files;

/// <summary>
/// Uploaded photos: storing them, deciding who may see them, and handing them to the record that
/// takes them in. Other modules use <see cref="AttachAsync"/>; the rest serves the files API.
/// </summary>
public sealed class PhotoLibrary(GongzhiDbContext db, FileStore store, PhotoProcessor processor, TimeProvider clock,
    IEnumerable<IAttachmentAccess> rules)
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
                throw new RuleViolationException(PlatformText.Format("Photo.NotFound", id));
            }
            file.AttachTo(jurisdictionCode, ownerKey, clock.GetUtcNow());
        }
    }

    /// <summary>
    /// The file if the caller may see its public variant: its uploader; once attached, whoever the owning module's
    /// <see cref="IAttachmentAccess"/> allows, or, for owners without one, case handlers covering it.
    /// </summary>
    public async Task<StoredFile?> FindVisibleAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await FindAsync(id, cancellationToken);
        var caller = db.Caller;
        if (file is null)
        {
            return null;
        }
        if (caller.UserId is not null && file.CreatedByUserId == caller.UserId)
        {
            return file;
        }
        return (await OwnerAllowsAsync(caller, file, cancellationToken) ?? HandlesInScope(caller, file)) ? file : null;
    }

    /// <summary>
    /// The file if the caller may see the original (with its metadata): case handlers covering the attached file
    /// who may also see the record it belongs to, when its owner has a rule.
    /// </summary>
    public async Task<StoredFile?> FindOriginalAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await FindAsync(id, cancellationToken);
        var caller = db.Caller;
        return file is not null && HandlesInScope(caller, file) && await OwnerAllowsAsync(caller, file, cancellationToken) != false ? file : null;
    }

    /// <summary>The file if its owner publishes it to everyone; only its public variant may then be served.</summary>
    public async Task<StoredFile?> FindPublishedAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await FindAsync(id, cancellationToken);
        return file is not null && RuleFor(file) is ({ } rule, var recordId) && await rule.IsPublishedAsync(recordId, file.Id, cancellationToken)
            ? file
            : null;
    }

    public Stream? OpenPublicVariant(StoredFile file) => store.OpenRead(file.PublicVariantSha256);

    public Stream? OpenOriginal(StoredFile file) => store.OpenRead(file.Sha256);

    private Task<StoredFile?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);

    /// <summary>The owning module's answer, or null when the file is unattached or its owner has no rule.</summary>
    private async Task<bool?> OwnerAllowsAsync(Caller caller, StoredFile file, CancellationToken cancellationToken) =>
        RuleFor(file) is ({ } rule, var recordId) ? await rule.MaySeeAsync(caller, recordId, file.Id, cancellationToken) : null;

    private (IAttachmentAccess? Rule, string RecordId) RuleFor(StoredFile file)
    {
        if (file.OwnerKey?.Split(':', 2) is not [var owner, var recordId])
        {
            return (null, "");
        }
        return (rules.FirstOrDefault(r => string.Equals(r.Owner, owner, StringComparison.Ordinal)), recordId);
    }

    private static bool HandlesInScope(Caller caller, StoredFile file) =>
        file.JurisdictionCode is { } code && caller.Covers(code) && (caller.IsSystem || caller.Roles.Overlaps(HandlingRoles));
}
