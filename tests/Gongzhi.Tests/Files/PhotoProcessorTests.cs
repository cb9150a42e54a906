using System.Diagnostics;
using System.Text;
using Gongzhi.Platform.Files;
using SkiaSharp;

namespace Gongzhi.Tests.Files;

public sealed class PhotoProcessorTests
{
    private static PhotoProcessor Processor(Action<FilesOptions>? configure = null)
    {
        var options = new FilesOptions();
        configure?.Invoke(options);
        return new PhotoProcessor(Microsoft.Extensions.Options.Options.Create(options));
    }

    [Fact]
    public void Process_JpegWithGps_PublicVariantHasNoMetadata_OriginalKeepsIt()
    {
        var upload = TestImages.JpegWithGps();
        Assert.True(TestImages.HasApp1(upload));

        var photo = Processor().Process(upload);

        Assert.Equal(PhotoProcessor.Jpeg, photo.ContentType);
        Assert.Equal(upload, photo.Original);
        Assert.False(TestImages.HasApp1(photo.PublicVariant));
        Assert.False(TestImages.ContainsAscii(photo.PublicVariant, "Exif"));
        Assert.False(TestImages.ContainsAscii(photo.PublicVariant, "http://ns.adobe.com/xap"));
    }

    [Fact]
    public void Process_JpegWithGps_ReadsThePosition()
    {
        var photo = Processor().Process(TestImages.JpegWithGps());

        Assert.NotNull(photo.Position);
        Assert.Equal(30.59, photo.Position!.Latitude, 4);
        Assert.Equal(114.27, photo.Position.Longitude, 4);
    }

    [Fact]
    public void Process_RotatedJpeg_AppliesOrientationToThePixels()
    {
        // Orientation 6: stored 64×48 landscape, shown rotated 90° clockwise as 48×64 portrait.
        var photo = Processor().Process(TestImages.JpegWithGps(64, 48, orientation: 6));

        Assert.Equal((48, 64), (photo.Width, photo.Height));
        using var decoded = SKBitmap.Decode(photo.PublicVariant);
        Assert.Equal((48, 64), (decoded.Width, decoded.Height));
        // The mark drawn top-left in the stored pixels is top-right once rotated clockwise.
        Assert.True(IsReddish(decoded.GetPixel(decoded.Width - 3, 3)), "the corner mark should be top-right");
        Assert.False(IsReddish(decoded.GetPixel(3, 3)));
    }

    [Fact]
    public void Process_PngAndWebp_AreAcceptedAndPublishedAsJpeg()
    {
        var png = Processor().Process(TestImages.Png());
        var webp = Processor().Process(TestImages.Webp());

        Assert.Equal(PhotoProcessor.Png, png.ContentType);
        Assert.Equal(PhotoProcessor.Webp, webp.ContentType);
        Assert.Equal(PhotoProcessor.Jpeg, PhotoProcessor.Sniff(png.PublicVariant));
        Assert.Equal(PhotoProcessor.Jpeg, PhotoProcessor.Sniff(webp.PublicVariant));
    }

    [Fact]
    public void Process_LargePhoto_PublicVariantIsAtMost2048OnTheLongSide()
    {
        var photo = Processor().Process(TestImages.Jpeg(3000, 1000));

        Assert.Equal((3000, 1000), (photo.Width, photo.Height));
        using var decoded = SKBitmap.Decode(photo.PublicVariant);
        Assert.Equal(2048, decoded.Width);
        Assert.InRange(decoded.Height, 682, 683);
    }

    [Fact]
    public void Process_Text_IsRejectedAsNotAPhoto()
    {
        var e = Assert.Throws<PhotoRejectedException>(() => Processor().Process(Encoding.UTF8.GetBytes("<script>alert(1)</script>")));
        AssertMessage("Photo.NotAPhoto", e.Message);
    }

    [Fact]
    public void Process_TruncatedJpeg_IsRejectedAsDamaged()
    {
        var jpeg = TestImages.Jpeg(200, 200);
        var e = Assert.Throws<PhotoRejectedException>(() => Processor().Process(jpeg[..(jpeg.Length / 2)]));
        AssertMessage("Photo.Damaged", e.Message);
    }

    [Fact]
    public void Process_DecompressionBomb_IsRejectedFromTheHeaderQuickly()
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<PhotoRejectedException>(() => Processor().Process(TestImages.PngBomb()));
        Assert.Contains("30000×30000", e.Message, StringComparison.Ordinal);
        Assert.True(clock.ElapsedMilliseconds < 2000, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData(8000, 5000)]
    [InlineData(16384, 16384)]
    [InlineData(6000, 4001)]
    public void Process_TinyWebpDeclaringAHugeImage_IsRefusedFromTheHeader_BeforeAnyDecode(int width, int height)
    {
        var bomb = TestImages.WebpBomb(width, height);
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<PhotoRejectedException>(() => Processor().Process(bomb));

        Assert.Contains($"{width}×{height}", e.Message, StringComparison.Ordinal);
        Assert.True(clock.ElapsedMilliseconds < 500, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Process_SmallFileDeclaringManyPixelsUnderTheLimit_IsRefusedByItsPixelsPerByte()
    {
        // 12 megapixels, a phone's photo, in 1.5 KB: no photo compresses 8000 pixels into a byte.
        var e = Assert.Throws<PhotoRejectedException>(() => Processor().Process(TestImages.WebpBomb(4000, 3000)));

        AssertMessage("Photo.Inflated", e.Message);
    }

    [Fact]
    public void Process_ARealPhotoOfManyPixels_IsStillAccepted()
    {
        var photo = Processor().Process(TestImages.Jpeg(4000, 3000));

        Assert.Equal((4000, 3000), (photo.Width, photo.Height));
    }

    [Fact]
    public async Task ReadAsync_OverTheSizeLimit_StopsReadingAndRejects()
    {
        var processor = Processor(o => o.MaxPhotoBytes = 1000);
        using var input = new CountingStream(new MemoryStream(new byte[1_000_000]));

        var e = await Assert.ThrowsAsync<PhotoRejectedException>(() => processor.ReadAsync(input, TestContext.Current.CancellationToken));

        AssertMessage("Photo.TooLarge", e.Message);
        Assert.True(input.BytesRead < 1_000_000, "the rest of the upload should not be read");
    }

    [Fact]
    public void Process_Heic_IsRejectedWithAClearMessageWhenItCannotBeDecoded()
    {
        byte[] heic = [0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8, .. new byte[64]];
        var e = Assert.Throws<PhotoRejectedException>(() => Processor().Process(heic));
        Assert.Contains("HEIC", e.Message, StringComparison.Ordinal);
        AssertMessage("Photo.Heic", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, PhotoProcessor.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, PhotoProcessor.Png)]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, null)]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46 }, null)]
    public void Sniff_DecidesByMagicBytes(byte[] head, string? expected) => Assert.Equal(expected, PhotoProcessor.Sniff(head));

    private static bool IsReddish(SKColor c) => c.Red > 180 && c.Blue < 120;

    /// <summary>The message is the one named, in whatever language the test runs: its text with the values filled in.</summary>
    private static void AssertMessage(string key, string message)
    {
        var pattern = "^" + System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Escape(Gongzhi.Platform.PlatformText.Get(key)),
            @"\\\{\d+}", ".+");
        Assert.Matches(pattern, message);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
