using System.Globalization;
using System.Text.Json;
using Gongzhi.Modules.Access;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Valid;

namespace Gongzhi.Modules.Jurisdictions;

/// <summary>What happened to one feature of an import file; <see cref="Number"/> counts from 1 as people do.</summary>
internal sealed record BoundaryFeatureOutcome(int Number, string? Code, string? Name, string? Rejection)
{
    public bool Accepted => Rejection is null;

    public override string ToString() =>
        $"feature {Number}{(Code is null ? "" : $" ({Code}{(Name is null ? "" : " " + Name)})")}: {Rejection ?? "ok"}";
}

internal sealed record BoundaryValidation(
    IReadOnlyList<BoundaryFeatureOutcome> Outcomes,
    IReadOnlyDictionary<string, Geometry> Accepted,
    string? FileError)
{
    public int Rejected => Outcomes.Count(o => !o.Accepted) + (FileError is null ? 0 : 1);
}

/// <summary>
/// Checks a GeoJSON FeatureCollection of boundaries for one level against the known jurisdictions,
/// feature by feature, so that one bad feature costs only itself and is reported with a reason.
/// </summary>
internal sealed class BoundaryValidator(JurisdictionLevel level, IReadOnlyDictionary<string, Jurisdiction> known)
{
    /// <summary>Surveyed boundaries rarely match a parent's to the metre; a child may stick out by this share of its area.</summary>
    public const double RequiredShareInsideParent = 0.99;

    private readonly Dictionary<string, Geometry?> parentBoundaries = [];

    public static bool IsImportable(JurisdictionLevel level) => level is JurisdictionLevel.Street or JurisdictionLevel.Community or JurisdictionLevel.Grid;

    public BoundaryValidation Validate(string json, Action<BoundaryFeatureOutcome, int>? progress = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return Failed($"The file is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || type.GetString() != "FeatureCollection")
            {
                return Failed("The file is not a GeoJSON FeatureCollection (its top-level \"type\" must be \"FeatureCollection\").");
            }
            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                return Failed("The FeatureCollection has no \"features\" array.");
            }
            var total = features.GetArrayLength();
            var outcomes = new List<BoundaryFeatureOutcome>(total);
            var accepted = new Dictionary<string, Geometry>();
            var firstSeen = new Dictionary<string, int>();
            var number = 0;
            foreach (var feature in features.EnumerateArray())
            {
                number++;
                var (code, geometry, rejection) = Check(feature, number, firstSeen);
                var outcome = new BoundaryFeatureOutcome(number, code, code is null ? null : known.GetValueOrDefault(code)?.Name, rejection);
                if (outcome.Accepted)
                {
                    accepted[code!] = geometry!;
                }
                outcomes.Add(outcome);
                progress?.Invoke(outcome, total);
            }
            return new BoundaryValidation(outcomes, accepted, null);
        }
    }

    private static BoundaryValidation Failed(string error) => new([], new Dictionary<string, Geometry>(), error);

    private (string? Code, Geometry? Geometry, string? Rejection) Check(JsonElement feature, int number, Dictionary<string, int> firstSeen)
    {
        if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || type.GetString() != "Feature")
        {
            return (null, null, "not a GeoJSON Feature (\"type\" must be \"Feature\").");
        }
        if (!feature.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || !properties.TryGetProperty("code", out var codeElement))
        {
            return (null, null, "has no properties.code naming the jurisdiction.");
        }
        var code = codeElement.ValueKind switch
        {
            JsonValueKind.String => codeElement.GetString()!.Trim(),
            JsonValueKind.Number => codeElement.GetRawText(),
            _ => null,
        };
        if (code is null || !JurisdictionCode.IsWellFormed(code))
        {
            return (code, null, $"'{code ?? codeElement.GetRawText()}' is not a jurisdiction code (6, 9, 12 or 15 digits).");
        }
        var codeLevel = JurisdictionCode.LevelOf(code);
        if (codeLevel != level)
        {
            return (code, null, $"{code} is a {Describe(codeLevel)} code, but this import is for {Describe(level)} boundaries.");
        }
        if (!known.TryGetValue(code, out var node))
        {
            return (code, null, $"there is no {Describe(level)} {code}.");
        }
        if (!firstSeen.TryAdd(code, number))
        {
            return (code, null, $"{code} already appears in feature {firstSeen[code]}.");
        }
        if (!feature.TryGetProperty("geometry", out var geometryElement) || geometryElement.ValueKind != JsonValueKind.Object)
        {
            return (code, null, "has no geometry.");
        }
        Geometry? geometry;
        try
        {
            geometry = geometryElement.Deserialize<Geometry>(GeoJson.Options);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return (code, null, $"the geometry is not valid GeoJSON: {e.Message}");
        }
        if (geometry is not (Polygon or MultiPolygon))
        {
            return (code, null, $"the geometry is a {geometry?.GeometryType ?? "null"}; a boundary must be a Polygon or MultiPolygon.");
        }
        if (geometry.IsEmpty)
        {
            return (code, null, "the polygon is empty.");
        }
        var error = new IsValidOp(geometry).ValidationError;
        if (error is not null)
        {
            var at = error.Coordinate is { } c
                ? $" at ({c.Y.ToString("0.######", CultureInfo.InvariantCulture)}, {c.X.ToString("0.######", CultureInfo.InvariantCulture)})"
                : "";
            return (code, null, $"the geometry is invalid: {error.Message}{at}.");
        }
        if (ParentBoundary(node.ParentCode) is { } parent)
        {
            var inside = OverlayNGRobust.Overlay(geometry, parent, SpatialFunction.Intersection).Area / geometry.Area;
            if (inside < RequiredShareInsideParent)
            {
                var parentName = known.GetValueOrDefault(node.ParentCode!)?.Name;
                return (code, null, $"only {Percent(inside, "0.0")} of it lies inside its parent {node.ParentCode}"
                    + $"{(parentName is null ? "" : " " + parentName)}; at least {Percent(RequiredShareInsideParent, "0")} must.");
            }
        }
        return (code, BoundaryDerivation.Round(geometry), null);
    }

    private Geometry? ParentBoundary(string? parentCode)
    {
        if (parentCode is null)
        {
            return null;
        }
        if (!parentBoundaries.TryGetValue(parentCode, out var boundary))
        {
            var text = known.GetValueOrDefault(parentCode)?.Boundary;
            parentBoundaries[parentCode] = boundary = text is null ? null : GeoJson.ReadGeometry(text);
        }
        return boundary;
    }

    private static string Percent(double share, string format) => (share * 100).ToString(format, CultureInfo.InvariantCulture) + "%";

    public static string Describe(JurisdictionLevel level) => level.ToString().ToLowerInvariant();
}

/// <summary>What an import did: of <see cref="Total"/> features, <see cref="Imported"/> stored, and <see cref="Rederived"/> derived boundaries below them drawn anew.</summary>
internal sealed record BoundaryImportResult(int Total, int Imported, BoundaryValidation Validation, int Rederived = 0)
{
    public bool Complete => Validation.Rejected == 0;
}

/// <summary>
/// Imports surveyed boundaries: the valid features replace the stored boundary in one transaction, the rest are reported.
/// The derived boundaries below an imported one (a street's communities and their grids, where no survey replaced them)
/// were cut from the old boundary, so they are cut again from the new one, in the same transaction: otherwise they would
/// stick out of it, or leave part of it without a grid, and a report there would land in the wrong grid or in none.
/// Surveyed children keep their boundaries; the derived ones share what the surveyed ones leave.
/// </summary>
internal sealed class BoundaryImporter(GongzhiDbContext db, JurisdictionIndex index, TimeProvider clock)
{
    public async Task<BoundaryImportResult> ImportAsync(string json, JurisdictionLevel level, Action<BoundaryFeatureOutcome, int>? progress,
        CancellationToken cancellationToken)
    {
        if (!BoundaryValidator.IsImportable(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Only street, community and grid boundaries can be imported.");
        }
        var parentLevel = level - 1;
        var known = await db.Set<Jurisdiction>()
            .Where(j => j.Level == level || j.Level == parentLevel)
            .ToDictionaryAsync(j => j.Code, cancellationToken);
        var validation = new BoundaryValidator(level, known).Validate(json, progress);
        if (validation.Accepted.Count > 0)
        {
            var rederived = 0;
            foreach (var (code, boundary) in validation.Accepted)
            {
                var centroid = boundary.Centroid;
                known[code].ReplaceBoundary(GeoJson.Write(boundary), Math.Round(centroid.Y, 6), Math.Round(centroid.X, 6));
                if (level != JurisdictionLevel.Grid)
                {
                    var below = await db.Set<Jurisdiction>().Where(j => j.Code.StartsWith(code) && j.Code != code).ToListAsync(cancellationToken);
                    rederived += DeriveChildren(code, boundary, below.ToLookup(j => j.ParentCode ?? "", StringComparer.Ordinal));
                }
            }
            db.AuditEntries.Add(AuditEntry.Create(clock.GetUtcNow(), db.Caller, AuditActions.Imported, nameof(Jurisdiction), null, null,
                $"{validation.Accepted.Count} {BoundaryValidator.Describe(level)} boundaries imported, {validation.Rejected} rejected, "
                + $"{rederived} derived boundaries below them drawn anew"));
            // One SaveChanges is one transaction: the file's valid boundaries are stored together or not at all.
            await db.SaveChangesAsync(cancellationToken);
            // Every import level moves grids: the imported ones, or the derived ones below a street or community.
            await index.RebuildAsync(cancellationToken);
            return new BoundaryImportResult(validation.Outcomes.Count, validation.Accepted.Count, validation, rederived);
        }
        return new BoundaryImportResult(validation.Outcomes.Count, validation.Accepted.Count, validation);
    }

    /// <summary>
    /// Cuts <paramref name="parent"/>, less its surveyed children, among its derived children as the demo first did
    /// (<see cref="BoundaryDerivation.Partition"/>, seeded by the parent's code), then their derived children likewise.
    /// Returns how many boundaries it drew.
    /// </summary>
    private static int DeriveChildren(string parentCode, Geometry parent, ILookup<string, Jurisdiction> byParent)
    {
        var children = byParent[parentCode].OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var derived = children.Where(c => c.BoundaryDerived).ToList();
        var left = children.Where(c => !c.BoundaryDerived && c.Boundary is not null)
            .Aggregate(parent, (area, surveyed) => OverlayNGRobust.Overlay(area, GeoJson.ReadGeometry(surveyed.Boundary!), SpatialFunction.Difference));
        if (derived.Count == 0 || left.Area <= 0)
        {
            // Nothing to draw, or surveyed children cover the whole parent: the derived ones keep what they had.
            return 0;
        }
        var cells = BoundaryDerivation.Partition(BoundaryDerivation.Round(left), derived.Count, parentCode);
        var drawn = 0;
        for (var i = 0; i < derived.Count; i++)
        {
            var centroid = cells[i].Centroid;
            derived[i].RederiveBoundary(GeoJson.Write(cells[i]), Math.Round(centroid.Y, 6), Math.Round(centroid.X, 6));
            drawn += 1 + DeriveChildren(derived[i].Code, cells[i], byParent);
        }
        return drawn;
    }
}
