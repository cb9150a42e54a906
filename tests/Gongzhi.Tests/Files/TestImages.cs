using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Gongzhi.Tests.Files;

/// <summary>Images made in code: encoded by SkiaSharp, with metadata and damage spliced in by hand.</summary>
internal static class TestImages
{
    public static byte[] Jpeg(int width = 64, int height = 48) => Encode(width, height, SKEncodedImageFormat.Jpeg);

    public static byte[] Png(int width = 64, int height = 48) => Encode(width, height, SKEncodedImageFormat.Png);

    public static byte[] Webp(int width = 64, int height = 48) => Encode(width, height, SKEncodedImageFormat.Webp);

    /// <summary>A JPEG with an EXIF block right after SOI: GPS 30°35'24"N 114°16'12"E (汉口), and the given orientation.</summary>
    public static byte[] JpegWithGps(int width = 64, int height = 48, ushort orientation = 1)
    {
        var jpeg = Jpeg(width, height);
        var app1 = ExifSegment(orientation);
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    /// <summary>A PNG whose header declares 30000×30000 pixels (900 megapixels) in a few dozen bytes.</summary>
    public static byte[] PngBomb()
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, 30000);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), 30000);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        // A zlib stream of a single empty stored block: enough for a decoder to start on.
        byte[] idat = [0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x01];
        return [0x89, .. "PNG"u8, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", idat), .. Chunk("IEND", [])];
    }

    /// <summary>
    /// A lossless WebP (VP8L) whose header declares <paramref name="width"/>×<paramref name="height"/> pixels in a file
    /// of <paramref name="fileBytes"/> bytes: the shape of the 1.5 KB upload that decoded to 40 megapixels.
    /// </summary>
    public static byte[] WebpBomb(int width, int height, int fileBytes = 1500)
    {
        var payload = new byte[fileBytes - 20];
        payload[0] = 0x2F; // VP8L signature
        // 14 bits width - 1, 14 bits height - 1, 1 bit alpha, 3 bits version (0).
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(1), (uint)(width - 1) | ((uint)(height - 1) << 14));
        var chunk = Chunk4("VP8L", payload);
        var riff = new byte[12];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteUInt32LittleEndian(riff.AsSpan(4), (uint)(4 + chunk.Length));
        "WEBP"u8.CopyTo(riff.AsSpan(8));
        return [.. riff, .. chunk];

        static byte[] Chunk4(string type, byte[] data)
        {
            var header = new byte[8];
            Encoding.ASCII.GetBytes(type).CopyTo(header, 0);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)data.Length);
            return [.. header, .. data];
        }
    }

    public static bool ContainsAscii(byte[] data, string text) => data.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;

    /// <summary>Whether a JPEG has an APP1 (EXIF or XMP) segment before its image data.</summary>
    public static bool HasApp1(byte[] jpeg)
    {
        var at = 2;
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF && jpeg[at + 1] is not (0xDA or 0xD9))
        {
            if (jpeg[at + 1] == 0xE1)
            {
                return true;
            }
            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
        }
        return false;
    }

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.OrangeRed };
            // A mark in the top-left corner tells which way up the picture is.
            canvas.DrawRect(0, 0, width / 4f, height / 4f, paint);
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>APP1 "Exif\0\0" + little-endian TIFF: IFD0 (Orientation, GPS pointer), GPS IFD (refs, lat, lon).</summary>
    private static byte[] ExifSegment(ushort orientation)
    {
        var tiff = new List<byte>();
        void U16(ushort v) => tiff.AddRange(BitConverter.GetBytes(v));
        void U32(uint v) => tiff.AddRange(BitConverter.GetBytes(v));
        void Entry(ushort tag, ushort type, uint count, uint value)
        {
            U16(tag);
            U16(type);
            U32(count);
            U32(value);
        }
        // Header (8) + IFD0 with 2 entries (2 + 24 + 4 = 30) = GPS IFD at 38; 4 entries (2 + 48 + 4 = 54) = rationals at 92.
        tiff.AddRange("II"u8.ToArray());
        U16(42);
        U32(8);
        U16(2);
        Entry(0x0112, 3, 1, orientation);
        Entry(0x8825, 4, 1, 38);
        U32(0);
        U16(4);
        Entry(1, 2, 2, 'N');
        Entry(2, 5, 3, 92);
        Entry(3, 2, 2, 'E');
        Entry(4, 5, 3, 116);
        U32(0);
        foreach (var (n, d) in new (uint, uint)[] { (30, 1), (35, 1), (24, 1), (114, 1), (16, 1), (1200, 100) })
        {
            U32(n);
            U32(d);
        }
        byte[] body = [.. "Exif\0\0"u8, .. tiff];
        var length = (ushort)(body.Length + 2);
        return [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. body];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. typeBytes, .. data]));
        return [.. length, .. typeBytes, .. data, .. crc];
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
