using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Platform.Files;

public enum StoredFileKind
{
    Photo = 0,
}

/// <summary>
/// An uploaded file. The bytes live in the <see cref="FileStore"/> under their SHA-256; this row says
/// who uploaded them, what they are, and, once a record took them in, where they belong.
/// </summary>
/// <remarks>
/// Not <see cref="IJurisdictional"/>: a file has no jurisdiction until it is attached, and until then
/// only its uploader may see it, so the files API checks visibility itself instead of the scope filter.
/// </remarks>
public sealed class StoredFile : IAudited
{
    private StoredFile()
    {
    }

    public Guid Id { get; private set; }

    public StoredFileKind Kind { get; private set; }

    /// <summary>The original as uploaded, metadata included: staff may need the position it carries.</summary>
    public string Sha256 { get; private set; } = "";

    /// <summary>The type found in the content, never the one the client declared.</summary>
    public string ContentType { get; private set; } = "";

    public long Length { get; private set; }

    /// <summary>Size as displayed, orientation applied.</summary>
    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>The re-encoded JPEG without any metadata: what everyone but staff covering the file sees.</summary>
    public string PublicVariantSha256 { get; private set; } = "";

    public long PublicVariantLength { get; private set; }

    /// <summary>Position from the photo's EXIF GPS tags, when it had them; a hint for staff, never public.</summary>
    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string? CreatedByUserId { get; private set; }

    /// <summary>Set when a record (a case) takes the file in; staff covering it may then see it.</summary>
    public string? JurisdictionCode { get; private set; }

    /// <summary>The record that took the file in, e.g. <c>Case:{id}</c>.</summary>
    public string? OwnerKey { get; private set; }

    public DateTimeOffset? AttachedAt { get; private set; }

    public string AuditKey => Id.ToString();

    public bool IsAttached => OwnerKey is not null;

    public static StoredFile ForPhoto(ProcessedPhoto photo, string originalSha256, string publicSha256, string? userId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Kind = StoredFileKind.Photo,
        Sha256 = originalSha256,
        ContentType = photo.ContentType,
        Length = photo.Original.Length,
        Width = photo.Width,
        Height = photo.Height,
        PublicVariantSha256 = publicSha256,
        PublicVariantLength = photo.PublicVariant.Length,
        Latitude = photo.Position?.Latitude,
        Longitude = photo.Position?.Longitude,
        CreatedAt = now,
        CreatedByUserId = userId,
    };

    /// <summary>
    /// Gives the file to a record. Attaching again to the same record is a no-op (retried intake);
    /// a file already taken by another record cannot move, or one upload could leak into two cases.
    /// </summary>
    public void AttachTo(string jurisdictionCode, string ownerKey, DateTimeOffset now)
    {
        if (OwnerKey == ownerKey && JurisdictionCode == jurisdictionCode)
        {
            return;
        }
        if (OwnerKey is not null)
        {
            throw new Problems.RuleViolationException(PlatformText.Format("File.AttachedElsewhere", Id));
        }
        JurisdictionCode = jurisdictionCode;
        OwnerKey = ownerKey;
        AttachedAt = now;
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.ToTable("stored_files");
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.PublicVariantSha256).HasMaxLength(64);
        builder.Property(f => f.ContentType).HasMaxLength(64);
        builder.Property(f => f.CreatedByUserId).HasMaxLength(64);
        builder.Property(f => f.JurisdictionCode).HasMaxLength(15);
        // A token, so that a record taking the file in and the sweep of abandoned uploads cannot both win (AbandonedUploads),
        // nor two records take one file in at once.
        builder.Property(f => f.OwnerKey).HasMaxLength(128).IsConcurrencyToken();
        builder.HasIndex(f => new { f.CreatedByUserId, f.CreatedAt });
        builder.HasIndex(f => f.OwnerKey);
        // Identical uploads share their bytes: a file is removed from the disk only when no row names it.
        builder.HasIndex(f => f.Sha256);
        builder.HasIndex(f => f.PublicVariantSha256);
    }
}
