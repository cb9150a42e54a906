using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Gongzhi.Modules.Jurisdictions;

/// <summary>Reads and writes GeoJSON (RFC 7946: WGS 84 longitude/latitude) with the one geometry factory the module uses.</summary>
internal static class GeoJson
{
    public const string ContentType = "application/geo+json";

    /// <summary>Computation runs in floating precision; results are rounded to <see cref="StoragePrecision"/> once, at the end.</summary>
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>Boundaries are stored to 6 decimals (about 0.1 m), plenty for a grid and small to store.</summary>
    public static readonly PrecisionModel StoragePrecision = new(1_000_000);

    public static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new GeoJsonConverterFactory(Factory) },
    };

    public static string Write(Geometry geometry) => JsonSerializer.Serialize(geometry, Options);

    public static Geometry ReadGeometry(string json) =>
        JsonSerializer.Deserialize<Geometry>(json, Options) ?? throw new JsonException("The GeoJSON geometry is null.");

    public static FeatureCollection ReadFeatureCollection(string json) =>
        JsonSerializer.Deserialize<FeatureCollection>(json, Options) ?? throw new JsonException("The GeoJSON document is null.");
}
