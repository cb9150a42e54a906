using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Gongzhi.Platform.Files;

/// <summary>A photo that passed the checks: its original bytes and the metadata-free public variant.</summary>
public sealed record ProcessedPhoto(byte[] Original, string ContentType, int Width, int Height, byte[] PublicVariant, GeoPosition? Position);

public sealed record GeoPosition(double Latitude, double Longitude);

/// <summary>Why an upload is not accepted, in words the uploader can act on.</summary>
public sealed class PhotoRejectedException(string message) : Exception(message);

/// <summary>
/// Decides what an upload is from its bytes, never from its name or declared type, refuses what is
/// not a readable photo of a sane size, and re-encodes it: the public variant is a fresh JPEG drawn
/// from the pixels, so no EXIF, GPS, XMP or comment of the original can survive into it.
/// </summary>
public sealed class PhotoProcessor(IOptions<FilesOptions> options) : IDisposable
{
    /// <summary>
    /// Decoding takes a core and up to a hundred megabytes: uploads beyond the gate wait their turn instead of
    /// taking every core and the memory of the process while ordinary requests starve.
    /// </summary>
    private readonly SemaphoreSlim decodes = new(options.Value.ConcurrentDecodes > 0 ? options.Value.ConcurrentDecodes : Environment.ProcessorCount);

    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Webp = "image/webp";
    public const string Heic = "image/heic";

    // Every refusal ends with what is accepted, so that the person knows what to send instead.
    private static string Accepted => PlatformText.Get("Photo.Accepted");

    private FilesOptions Options => options.Value;

    public void Dispose() => decodes.Dispose();

    /// <summary>
    /// Reads at most <see cref="FilesOptions.MaxPhotoBytes"/> from <paramref name="input"/> (one byte more
    /// tells that it is too big, without reading the rest) and processes it.
    /// </summary>
    public async Task<ProcessedPhoto> ReadAsync(Stream input, CancellationToken cancellationToken)
    {
        var limit = Options.MaxPhotoBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new PhotoRejectedException(PlatformText.Format("Photo.TooLarge", FormatBytes(limit)));
            }
            buffer.Write(chunk, 0, read);
        }
        await decodes.WaitAsync(cancellationToken);
        try
        {
            return Process(buffer.ToArray());
        }
        finally
        {
            decodes.Release();
        }
    }

    public ProcessedPhoto Process(byte[] content)
    {
        if (content.Length == 0)
        {
            throw new PhotoRejectedException(PlatformText.Get("Photo.Empty") + Accepted);
        }
        if (content.Length > Options.MaxPhotoBytes)
        {
            throw new PhotoRejectedException(PlatformText.Format("Photo.TooLarge", FormatBytes(Options.MaxPhotoBytes)));
        }
        var contentType = Sniff(content) ?? throw new PhotoRejectedException(PlatformText.Get("Photo.NotAPhoto") + Accepted);

        using var data = SKData.CreateCopy(content);
        // The codec takes ownership of the stream and releases it with itself.
        using var codec = SKCodec.Create(new SKMemoryStream(data), out var opened);
        if (codec is null)
        {
            throw new PhotoRejectedException(contentType == Heic
                ? PlatformText.Get("Photo.Heic") + Accepted
                : PlatformText.Format("Photo.Damaged", Describe(opened)) + Accepted);
        }
        var info = codec.Info;
        // The header alone gives the size: a small file that would inflate to gigabytes is refused before any pixel is decoded.
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new PhotoRejectedException(PlatformText.Get("Photo.NoPixels") + Accepted);
        }
        var pixelCount = (long)info.Width * info.Height;
        if (pixelCount > Options.MaxPhotoPixels)
        {
            throw new PhotoRejectedException(
                PlatformText.Format("Photo.TooManyPixels", info.Width, info.Height, Options.MaxPhotoPixels / 1_000_000));
        }
        if (pixelCount > Options.RatioCheckedAbovePixels && pixelCount > content.LongLength * Options.MaxPixelsPerByte)
        {
            throw new PhotoRejectedException(
                PlatformText.Format("Photo.Inflated", FormatBytes(content.Length), info.Width, info.Height) + Accepted);
        }

        var origin = codec.EncodedOrigin;
        var swapsSides = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (width, height) = swapsSides ? (info.Height, info.Width) : (info.Width, info.Height);

        using var pixels = Decode(codec);
        var publicVariant = EncodePublicVariant(pixels, origin, width, height);
        var position = contentType == Jpeg ? ExifGps.TryRead(content) : null;
        return new ProcessedPhoto(content, contentType, width, height, publicVariant, position);
    }

    /// <summary>The type the bytes say they are, or null for anything that is not an accepted photo format.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content is [0xFF, 0xD8, 0xFF, ..])
        {
            return Jpeg;
        }
        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }
        if (content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return Webp;
        }
        if (content.Length >= 12 && content[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = content[8..12];
            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8)
                || brand.SequenceEqual("msf1"u8) || brand.SequenceEqual("hevc"u8))
            {
                return Heic;
            }
        }
        return null;
    }

    /// <summary>
    /// Decodes at the smallest size the codec offers that is still at least the public size (JPEG can
    /// scale by 1/2, 1/4, 1/8 while decoding), which saves most of the memory for large photos.
    /// A truncated or corrupt stream is refused rather than published half grey.
    /// </summary>
    private SKBitmap Decode(SKCodec codec)
    {
        var info = codec.Info;
        var longSide = Math.Max(info.Width, info.Height);
        var size = new SKSizeI(info.Width, info.Height);
        if (longSide > Options.PublicMaxSide)
        {
            var scaled = codec.GetScaledDimensions((float)Options.PublicMaxSide / longSide);
            if (Math.Max(scaled.Width, scaled.Height) >= Options.PublicMaxSide)
            {
                size = scaled;
            }
        }
        var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(target);
        var result = codec.GetPixels(target, bitmap.GetPixels());
        if (result is not SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new PhotoRejectedException(PlatformText.Format("Photo.Damaged", Describe(result)) + Accepted);
        }
        return bitmap;
    }

    private byte[] EncodePublicVariant(SKBitmap decoded, SKEncodedOrigin origin, int width, int height)
    {
        var scale = Math.Min(1.0, (double)Options.PublicMaxSide / Math.Max(width, height));
        var outWidth = Math.Max(1, (int)Math.Round(width * scale));
        var outHeight = Math.Max(1, (int)Math.Round(height * scale));

        using var surface = new SKBitmap(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(surface))
        {
            // JPEG has no transparency: transparent areas of a PNG become white, not black.
            canvas.Clear(SKColors.White);
            // Orientation is applied to the pixels, because the public variant carries no EXIF to say it.
            var (w, h) = ((float)outWidth, (float)outHeight);
            canvas.SetMatrix(OrientationMatrix(origin, w, h));
            var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
            var destination = swaps ? new SKRect(0, 0, h, w) : new SKRect(0, 0, w, h);
            using var image = SKImage.FromBitmap(decoded);
            using var paint = new SKPaint();
            canvas.DrawImage(image, destination, new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
        }
        using var encoded = surface.Encode(SKEncodedImageFormat.Jpeg, Options.PublicJpegQuality)
            ?? throw new InvalidOperationException("The JPEG encoder produced nothing.");
        return encoded.ToArray();
    }

    /// <summary>Maps the stored pixel grid onto the upright output of size <paramref name="w"/>×<paramref name="h"/>.</summary>
    private static SKMatrix OrientationMatrix(SKEncodedOrigin origin, float w, float h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "the file is cut short",
        SKCodecResult.ErrorInInput => "the data is corrupt",
        SKCodecResult.InvalidInput => "the data is not a valid image",
        SKCodecResult.Unimplemented => "this variant of the format is not supported",
        _ => result.ToString(),
    };

    private static string FormatBytes(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";
}
