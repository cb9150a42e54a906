namespace Gongzhi.Platform.Files;

/// <summary>The <c>Files</c> configuration section.</summary>
public sealed class FilesOptions
{
    /// <summary>Where stored files live; empty means <c>{ContentRoot}/data/files</c>. Backups include this folder.</summary>
    public string? Directory { get; set; }

    /// <summary>Largest photo accepted, in bytes. Phones write 3–8 MB; more is almost always not a photo.</summary>
    public long MaxPhotoBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest photo accepted, in pixels, checked from the header before anything is decoded.</summary>
    public long MaxPhotoPixels { get; set; } = 40_000_000;

    /// <summary>Long side of the public variant.</summary>
    public int PublicMaxSide { get; set; } = 2048;

    public int PublicJpegQuality { get; set; } = 85;

    /// <summary>Uploads one account may make per minute.</summary>
    public int UploadsPerMinute { get; set; } = 30;

    /// <summary>
    /// Hours an upload may wait for a record to take it in. A person photographs, then fills the form, perhaps over a
    /// day; after that the photo was abandoned, and it is a resident's picture the platform has no reason to keep.
    /// </summary>
    public int UnattachedHours { get; set; } = 48;

    /// <summary>Minutes between sweeps of abandoned uploads; zero or less turns them off (tests sweep themselves).</summary>
    public int SweepMinutes { get; set; } = 60;
}
