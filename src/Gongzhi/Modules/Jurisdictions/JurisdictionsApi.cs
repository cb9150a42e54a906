using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Jurisdictions;

public sealed record JurisdictionResponse(string Code, string Name, JurisdictionLevel Level, string? ParentCode, bool BoundaryDerived, int ChildCount);

public sealed record LocateResponse(JurisdictionResponse Grid, IReadOnlyList<JurisdictionResponse> Ancestors);

public sealed record JurisdictionSearchResult(string Code, string Name, JurisdictionLevel Level, string Path);

internal static class JurisdictionsApi
{
    private const int DefaultSearchSize = 20;
    private const int MaxSearchSize = 100;

    public static void MapJurisdictionsApi(this IEndpointRouteBuilder app)
    {
        // Reference data: every signed-in user may read the whole tree, whatever their scope.
        var group = app.MapGroup("/api/v1/jurisdictions").WithTags("Jurisdictions").RequireAuthorization();
        group.MapGet("/locate", LocateAsync);
        group.MapGet("/search", SearchAsync);
        group.MapGet("/{code}", GetAsync);
        group.MapGet("/{code}/children", ChildrenAsync);
        group.MapGet("/{code}/ancestors", AncestorsAsync);
        group.MapGet("/{code}/boundary", BoundaryAsync)
            .Produces(StatusCodes.Status200OK, contentType: GeoJson.ContentType);
        group.MapGet("/{code}/boundaries/children", ChildBoundariesAsync)
            .Produces(StatusCodes.Status200OK, contentType: GeoJson.ContentType);
    }

    internal static async Task<Results<Ok<JurisdictionResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string code, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        if (Malformed(code) is { } invalid)
        {
            return invalid;
        }
        var node = await Nodes(db).Where(j => j.Code == code).AsRows().FirstOrDefaultAsync(cancellationToken);
        if (node is null)
        {
            return NotFound(code);
        }
        return TypedResults.Ok((await WithChildCountsAsync(db, [node], cancellationToken))[0]);
    }

    internal static async Task<Results<Ok<List<JurisdictionResponse>>, ValidationProblem, ProblemHttpResult>> ChildrenAsync(
        string code, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        if (Malformed(code) is { } invalid)
        {
            return invalid;
        }
        if (!await ExistsAsync(db, code, cancellationToken))
        {
            return NotFound(code);
        }
        var children = await Nodes(db).Where(j => j.ParentCode == code).OrderBy(j => j.Code).AsRows().ToListAsync(cancellationToken);
        return TypedResults.Ok(await WithChildCountsAsync(db, children, cancellationToken));
    }

    /// <summary>From the city down to the node's parent.</summary>
    internal static async Task<Results<Ok<List<JurisdictionResponse>>, ValidationProblem, ProblemHttpResult>> AncestorsAsync(
        string code, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        if (Malformed(code) is { } invalid)
        {
            return invalid;
        }
        if (!await ExistsAsync(db, code, cancellationToken))
        {
            return NotFound(code);
        }
        return TypedResults.Ok(await AncestorResponsesAsync(db, code, cancellationToken));
    }

    internal static async Task<Results<Ok<LocateResponse>, ValidationProblem, ProblemHttpResult>> LocateAsync(
        string? lat, string? lon, JurisdictionIndex index, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var latitude = ParseCoordinate(lat, nameof(lat), 90, errors);
        var longitude = ParseCoordinate(lon, nameof(lon), 180, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var gridCode = await index.LocateAsync(latitude, longitude, cancellationToken);
        var grid = gridCode is null ? null : await Nodes(db).Where(j => j.Code == gridCode).AsRows().FirstOrDefaultAsync(cancellationToken);
        if (grid is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: JurisdictionsText.Format("Locate.NoGrid", latitude.ToString(CultureInfo.InvariantCulture), longitude.ToString(CultureInfo.InvariantCulture)));
        }
        var gridResponse = (await WithChildCountsAsync(db, [grid], cancellationToken))[0];
        return TypedResults.Ok(new LocateResponse(gridResponse, await AncestorResponsesAsync(db, grid.Code, cancellationToken)));
    }

    /// <summary>Finds nodes whose Chinese name contains <paramref name="q"/>, higher levels first.</summary>
    internal static async Task<Results<Ok<List<JurisdictionSearchResult>>, ValidationProblem>> SearchAsync(
        string? q, int? take, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var text = q?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [JurisdictionsText.Get("Search.Empty")] });
        }
        var size = Math.Clamp(take ?? DefaultSearchSize, 1, MaxSearchSize);
        var found = await Nodes(db).Where(j => j.Name.Contains(text))
            .OrderBy(j => j.Code.Length).ThenBy(j => j.Code)
            .Take(size)
            .AsRows()
            .ToListAsync(cancellationToken);
        var pathCodes = found.SelectMany(j => AncestorCodes(j.Code)).Where(c => c != JurisdictionCode.City).Distinct().ToList();
        var names = await db.Set<Jurisdiction>().AsNoTracking().Where(j => pathCodes.Contains(j.Code))
            .ToDictionaryAsync(j => j.Code, j => j.Name, cancellationToken);
        return TypedResults.Ok(found.Select(j => new JurisdictionSearchResult(j.Code, j.Name, j.Level,
            string.Join(" / ", AncestorCodes(j.Code).Where(names.ContainsKey).Select(c => names[c]).Append(j.Name)))).ToList());
    }

    internal static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> BoundaryAsync(
        string code, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        if (Malformed(code) is { } invalid)
        {
            return invalid;
        }
        var node = await db.Set<Jurisdiction>().AsNoTracking().FirstOrDefaultAsync(j => j.Code == code, cancellationToken);
        if (node is null)
        {
            return NotFound(code);
        }
        if (node.Boundary is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: JurisdictionsText.Format("Boundary.None", code, node.Name));
        }
        return TypedResults.Text(WriteGeoJson(writer => WriteFeature(writer, node)), GeoJson.ContentType, Encoding.UTF8);
    }

    /// <summary>The children's boundaries in one FeatureCollection, which is what the map draws when it opens a node.</summary>
    internal static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> ChildBoundariesAsync(
        string code, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        if (Malformed(code) is { } invalid)
        {
            return invalid;
        }
        if (!await ExistsAsync(db, code, cancellationToken))
        {
            return NotFound(code);
        }
        var children = await db.Set<Jurisdiction>().AsNoTracking().Where(j => j.ParentCode == code).OrderBy(j => j.Code).ToListAsync(cancellationToken);
        return TypedResults.Text(WriteGeoJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FeatureCollection");
            writer.WriteStartArray("features");
            foreach (var child in children)
            {
                WriteFeature(writer, child);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }), GeoJson.ContentType, Encoding.UTF8);
    }

    internal sealed record Row(string Code, string Name, JurisdictionLevel Level, string? ParentCode, bool BoundaryDerived);

    internal static IQueryable<Jurisdiction> Nodes(GongzhiDbContext db) => db.Set<Jurisdiction>().AsNoTracking();

    // Boundaries can be tens of kilobytes; everything but the boundary endpoints reads the small columns only.
    internal static IQueryable<Row> AsRows(this IQueryable<Jurisdiction> nodes) =>
        nodes.Select(j => new Row(j.Code, j.Name, j.Level, j.ParentCode, j.BoundaryDerived));

    private static Task<bool> ExistsAsync(GongzhiDbContext db, string code, CancellationToken cancellationToken) =>
        db.Set<Jurisdiction>().AnyAsync(j => j.Code == code, cancellationToken);

    internal static async Task<List<JurisdictionResponse>> WithChildCountsAsync(GongzhiDbContext db, List<Row> rows, CancellationToken cancellationToken)
    {
        var codes = rows.Select(r => r.Code).ToList();
        var counts = await db.Set<Jurisdiction>().AsNoTracking()
            .Where(j => j.ParentCode != null && codes.Contains(j.ParentCode))
            .GroupBy(j => j.ParentCode!)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Code, g => g.Count, cancellationToken);
        return rows.Select(r => new JurisdictionResponse(r.Code, r.Name, r.Level, r.ParentCode, r.BoundaryDerived, counts.GetValueOrDefault(r.Code)))
            .ToList();
    }

    internal static async Task<List<JurisdictionResponse>> AncestorResponsesAsync(GongzhiDbContext db, string code, CancellationToken cancellationToken)
    {
        var codes = AncestorCodes(code);
        var rows = await Nodes(db).Where(j => codes.Contains(j.Code)).AsRows().ToListAsync(cancellationToken);
        return await WithChildCountsAsync(db, rows.OrderBy(r => r.Code.Length).ThenBy(r => r.Code).ToList(), cancellationToken);
    }

    /// <summary>The codes above <paramref name="code"/>, city first; a code is its path, so no lookups are needed.</summary>
    internal static List<string> AncestorCodes(string code)
    {
        var codes = new List<string>();
        for (var parent = JurisdictionCode.ParentOf(code); parent is not null; parent = JurisdictionCode.ParentOf(parent))
        {
            codes.Insert(0, parent);
        }
        return codes;
    }

    private static double ParseCoordinate(string? value, string field, double limit, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [JurisdictionsText.Get("Coordinate.Required")];
            return 0;
        }
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            errors[field] = [JurisdictionsText.Format("Coordinate.NotANumber", value)];
            return 0;
        }
        if (Math.Abs(number) > limit)
        {
            errors[field] = [JurisdictionsText.Format("Coordinate.Range", limit)];
        }
        return number;
    }

    private static ValidationProblem? Malformed(string code) => JurisdictionCode.IsWellFormed(code)
        ? null
        : TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["code"] = [Gongzhi.Platform.PlatformText.Get("Validation.JurisdictionCodeForm")],
        });

    private static ProblemHttpResult NotFound(string code) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: JurisdictionsText.Format("Node.Unknown", code));

    // Chinese names stay readable in the output; characters that matter to HTML are still escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static string WriteGeoJson(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteFeature(Utf8JsonWriter writer, Jurisdiction node)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteString("id", node.Code);
        writer.WriteStartObject("properties");
        writer.WriteString("code", node.Code);
        writer.WriteString("name", node.Name);
        writer.WriteString("level", JsonNamingPolicy.CamelCase.ConvertName(node.Level.ToString()));
        writer.WriteBoolean("derived", node.BoundaryDerived);
        writer.WriteEndObject();
        writer.WritePropertyName("geometry");
        // Stored boundaries are GeoJSON already; copying them through saves parsing thousands of polygons per request.
        if (node.Boundary is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(node.Boundary, skipInputValidation: true);
        }
        writer.WriteEndObject();
    }
}
