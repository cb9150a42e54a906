using System.Buffers.Binary;

namespace Gongzhi.Platform.Files;

/// <summary>
/// Reads the GPS position from a JPEG's EXIF block (APP1, TIFF layout, GPS IFD tags 1–4). Every offset
/// comes from the uploader, so each one is bounds-checked and anything odd simply yields no position.
/// </summary>
public static class ExifGps
{
    private const ushort GpsIfdPointer = 0x8825;
    private const ushort LatitudeRef = 1;
    private const ushort Latitude = 2;
    private const ushort LongitudeRef = 3;
    private const ushort Longitude = 4;

    public static GeoPosition? TryRead(ReadOnlySpan<byte> jpeg)
    {
        var tiff = FindExif(jpeg);
        if (tiff.Length < 8)
        {
            return null;
        }
        bool little;
        if (tiff[0] == 'I' && tiff[1] == 'I')
        {
            little = true;
        }
        else if (tiff[0] == 'M' && tiff[1] == 'M')
        {
            little = false;
        }
        else
        {
            return null;
        }
        var ifd0 = U32(tiff, 4, little);
        var gpsOffset = FindEntryValue(tiff, ifd0, GpsIfdPointer, little);
        if (gpsOffset is not { } gps)
        {
            return null;
        }
        var latRef = FindEntryValue(tiff, gps, LatitudeRef, little, rawValue: true);
        var lonRef = FindEntryValue(tiff, gps, LongitudeRef, little, rawValue: true);
        var lat = ReadDegrees(tiff, FindEntryValue(tiff, gps, Latitude, little), little);
        var lon = ReadDegrees(tiff, FindEntryValue(tiff, gps, Longitude, little), little);
        if (lat is not { } latitude || lon is not { } longitude || latRef is null || lonRef is null)
        {
            return null;
        }
        // A short ASCII value sits in the first byte of the value field whatever the byte order (read raw, big-endian).
        if ((char)(latRef.Value >> 24) == 'S')
        {
            latitude = -latitude;
        }
        if ((char)(lonRef.Value >> 24) == 'W')
        {
            longitude = -longitude;
        }
        return latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180 && (latitude != 0 || longitude != 0)
            ? new GeoPosition(latitude, longitude)
            : null;
    }

    /// <summary>The TIFF block of the first <c>Exif</c> APP1 segment, or empty.</summary>
    private static ReadOnlySpan<byte> FindExif(ReadOnlySpan<byte> jpeg)
    {
        var at = 2;
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF)
        {
            var marker = jpeg[at + 1];
            if (marker is 0xDA or 0xD9)
            {
                break;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(at + 2)..]);
            if (length < 2 || at + 2 + length > jpeg.Length)
            {
                break;
            }
            var segment = jpeg.Slice(at + 4, length - 2);
            if (marker == 0xE1 && segment.StartsWith("Exif\0\0"u8))
            {
                return segment[6..];
            }
            at += 2 + length;
        }
        return [];
    }

    /// <summary>The 4-byte value field of <paramref name="tag"/> in the IFD at <paramref name="ifd"/>.</summary>
    private static uint? FindEntryValue(ReadOnlySpan<byte> tiff, uint ifd, ushort tag, bool little, bool rawValue = false)
    {
        if (ifd > tiff.Length - 2)
        {
            return null;
        }
        var count = U16(tiff, (int)ifd, little);
        for (var i = 0; i < count; i++)
        {
            var entry = (int)ifd + 2 + (i * 12);
            if (entry + 12 > tiff.Length)
            {
                return null;
            }
            if (U16(tiff, entry, little) == tag)
            {
                return rawValue ? BinaryPrimitives.ReadUInt32BigEndian(tiff[(entry + 8)..]) : U32(tiff, entry + 8, little);
            }
        }
        return null;
    }

    /// <summary>Three RATIONALs (degrees, minutes, seconds) at <paramref name="offset"/>.</summary>
    private static double? ReadDegrees(ReadOnlySpan<byte> tiff, uint? offset, bool little)
    {
        if (offset is not { } at || at > tiff.Length - 24)
        {
            return null;
        }
        var value = 0.0;
        var unit = 1.0;
        for (var i = 0; i < 3; i++)
        {
            var numerator = U32(tiff, (int)at + (i * 8), little);
            var denominator = U32(tiff, (int)at + (i * 8) + 4, little);
            if (denominator == 0)
            {
                return null;
            }
            value += (double)numerator / denominator / unit;
            unit *= 60;
        }
        return value;
    }

    private static ushort U16(ReadOnlySpan<byte> data, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt16BigEndian(data[at..]);

    private static uint U32(ReadOnlySpan<byte> data, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt32BigEndian(data[at..]);
}
