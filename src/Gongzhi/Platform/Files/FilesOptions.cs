namespace Gongzhi.Platform.Files;

/// <summary>The <c>Files</c> configuration section.</summary>
public sealed class FilesOptions
{
    /// <summary>Where stored files live; empty means <c>{ContentRoot}/data/files</c>. Backups include this folder.</summary>
    public string? Directory { get; set; }

    /// <summary>Largest photo accepted, in bytes. Phones write 3–8 MB; more is almost always not a photo.</summary>
    public long MaxPhotoBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Largest photo accepted, in pixels, checked from the header before anything is decoded. A phone's photo has
    /// 12 megapixels by default and 48–50 in its high-resolution mode, which people do use: those must still go
    /// through. JPEG decodes scaled down (a 50-megapixel photo costs about 25 MB); a lossless picture at the limit
    /// costs 200 MB, which the pixels-per-byte check and the bound on concurrent decodes keep rare.
    /// </summary>
    public long MaxPhotoPixels { get; set; } = 50_000_000;

    /// <summary>
    /// Most pixels a photo of more than <see cref="RatioCheckedAbovePixels"/> may declare per byte of file. A camera's
    /// photo carries tens of bytes per hundred pixels; a file of 1.5 KB that declares 40 megapixels is made to make the
    /// server decode, not to show a street.
    /// </summary>
    public long MaxPixelsPerByte { get; set; } = 1000;

    /// <summary>Below this many pixels the ratio is not checked: small flat pictures compress extremely well and cost little.</summary>
    public long RatioCheckedAbovePixels { get; set; } = 2_000_000;

    /// <summary>Photos decoded at once in this process; the others wait. Zero or less means one per processor.</summary>
    public int ConcurrentDecodes { get; set; }

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
