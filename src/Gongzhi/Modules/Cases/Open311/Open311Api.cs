using System.Globalization;
using System.Text.RegularExpressions;
using Gongzhi.Modules.Cases.Catalogue;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Open311;

/// <summary>
/// Open311 GeoReport v2 under <c>/open311/v2</c>: service discovery, the service list and definitions,
/// service requests and tokens, in XML or JSON by the path's suffix. Reading is public and shows nothing
/// personal; posting needs an API key issued by an administrator.
/// </summary>
internal static partial class Open311Api
{
    public const string Root = "/open311/v2";

    /// <summary>The one jurisdiction this deployment serves; a request naming another one is answered 404.</summary>
    private const string JurisdictionId = JurisdictionCode.City;

    private const int DefaultWindowDays = 90;
    private const int MaxRecords = 1000;

    /// <summary>Dates a client may ask about: wide enough for any real query, narrow enough that the default window cannot overflow.</summary>
    private static readonly DateTimeOffset EarliestDate = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset LatestDate = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Positions are published to three decimals, about 100 m: enough to find the place on a map, not the doorway
    /// of the person who reported it.
    /// </summary>
    private const int PositionDecimals = 3;

    public static void MapOpen311Api(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Root).WithTags("Open311").AllowAnonymous();
        group.MapGet("/discovery.{format}", Discovery);
        group.MapGet("/services.{format}", ServicesAsync);
        group.MapGet("/services/{serviceCode}.{format}", ServiceDefinitionAsync);
        group.MapGet("/requests.{format}", RequestsAsync);
        group.MapGet("/requests/{serviceRequestId}.{format}", RequestAsync);
        group.MapGet("/tokens/{token}.{format}", TokenAsync);
        // A form post from a client application authenticated by its api_key, not by a browser session.
        group.MapPost("/requests.{format}", Open311Posting.PostRequestAsync).DisableAntiforgery()
            .RequireRateLimiting(Intake.IntakeRateLimit.Policy);
    }

    internal static bool TryFormat(string format, out string normalized)
    {
        normalized = format.ToLowerInvariant();
        return normalized is "xml" or "json";
    }

    /// <summary>Empty optional parameters count as absent, as the specification asks.</summary>
    internal static string? Param(HttpRequest request, string name) =>
        request.Query[name].ToString() is { Length: > 0 } value ? value.Trim() : null;

    internal static IResult? CheckRequest(HttpRequest request, string format, out string normalized) =>
        !TryFormat(format, out normalized)
            ? Open311Document.Errors("json", StatusCodes.Status404NotFound, $"Unknown format '{format}': use .xml or .json.")
            : CheckJurisdiction(normalized, Param(request, "jurisdiction_id"));

    /// <summary>jurisdiction_id is optional; when given it must be the one this deployment serves.</summary>
    internal static IResult? CheckJurisdiction(string format, string? jurisdiction) =>
        string.IsNullOrWhiteSpace(jurisdiction) || jurisdiction == JurisdictionId
            ? null
            : Open311Document.Errors(format, StatusCodes.Status404NotFound, $"jurisdiction_id '{jurisdiction}' is not served here; use {JurisdictionId}.");

    internal static IResult Discovery(string format, HttpRequest request)
    {
        if (CheckRequest(request, format, out var f) is { } error)
        {
            return error;
        }
        var baseUrl = $"{PublicBase(request)}{Root}/";
        var body = Open311Object.Of(
            ("changeset", "2026-11-26T00:00:00+08:00"),
            ("contact", "共治 Gongzhi platform administrators"),
            ("key_service", "API keys are issued by the platform administrators (POST /api/v1/open311/keys)."),
            ("endpoints", new Open311List("endpoint",
            [
                Open311Object.Of(
                    ("specification", "http://wiki.open311.org/GeoReport_v2"),
                    ("url", baseUrl),
                    ("changeset", "2026-11-26T00:00:00+08:00"),
                    ("type", "production"),
                    ("formats", new Open311List("format", [new Open311Value("text/xml"), new Open311Value("application/json")]))),
            ])));
        return Open311Document.Write(f, "discovery", body);
    }

    internal static async Task<IResult> ServicesAsync(string format, HttpRequest request, CategoryCatalogue catalogue, CancellationToken cancellationToken)
    {
        if (CheckRequest(request, format, out var f) is { } error)
        {
            return error;
        }
        var categories = (await catalogue.CurrentAsync(cancellationToken)).Active;
        var groups = categories.Where(c => c.IsMajor).ToDictionary(c => c.Code, c => c.NameZh);
        var services = categories.Where(c => !c.IsMajor)
            .Select(c => (Open311Node)Open311Object.Of(
                ("service_code", c.Code),
                ("service_name", c.NameZh),
                ("description", $"{c.NameZh} / {c.NameEn}"),
                ("metadata", c.Attributes.Count > 0),
                // Requests get their id at once, so the type is realtime.
                ("type", "realtime"),
                ("keywords", string.Join(",", c.Keywords)),
                ("group", groups.GetValueOrDefault(c.ParentCode ?? "", ""))))
            .ToList();
        return Open311Document.Write(f, "services", new Open311List("service", services));
    }

    internal static async Task<IResult> ServiceDefinitionAsync(string serviceCode, string format, HttpRequest request, CategoryCatalogue catalogue,
        CancellationToken cancellationToken)
    {
        if (CheckRequest(request, format, out var f) is { } error)
        {
            return error;
        }
        var category = (await catalogue.CurrentAsync(cancellationToken)).ActiveMinor(serviceCode);
        if (category is null)
        {
            return Open311Document.Errors(f, StatusCodes.Status404NotFound, $"service_code '{serviceCode}' not found.");
        }
        var attributes = category.Attributes.Select((a, i) => (Open311Node)Open311Object.Of(
            ("variable", true),
            ("code", a.Name),
            ("datatype", a.Type switch
            {
                AttributeType.Number => "number",
                AttributeType.Choice or AttributeType.Boolean => "singlevaluelist",
                _ => "string",
            }),
            ("required", a.Required),
            ("datatype_description", a.Type == AttributeType.Number ? "数字 / a number" : ""),
            ("order", i + 1),
            ("description", $"{a.LabelZh} / {a.LabelEn}"),
            ("values", new Open311List("value", AttributeValues(a))))).ToList();
        return Open311Document.Write(f, "service_definition",
            Open311Object.Of(("service_code", category.Code), ("attributes", new Open311List("attribute", attributes))));
    }

    private static List<Open311Node> AttributeValues(CategoryAttribute attribute) => attribute.Type switch
    {
        AttributeType.Boolean => [Open311Object.Of(("key", "true"), ("name", "是 / yes")), Open311Object.Of(("key", "false"), ("name", "否 / no"))],
        AttributeType.Choice => (attribute.Choices ?? []).Select(c => (Open311Node)Open311Object.Of(("key", c), ("name", c))).ToList(),
        _ => [],
    };

    internal static async Task<IResult> RequestsAsync(string format, HttpRequest request, GongzhiDbContext db, IOrganisationDirectory organisations,
        CancellationToken cancellationToken)
    {
        if (CheckRequest(request, format, out var f) is { } error)
        {
            return error;
        }
        // Public reading: the scope filter would hide everything from an anonymous caller, so read as the
        // system and let PublicRequest project only what may be shown to anyone.
        db.Caller = Caller.System;
        var query = db.Set<Case>().AsNoTracking().Where(IsPublic);
        if (Param(request, "service_request_id") is { } ids)
        {
            // With ids, every other parameter is ignored (specification).
            var references = ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaxRecords).ToList();
            query = query.Where(c => references.Contains(c.Reference));
        }
        else
        {
            if (Param(request, "service_code") is { } codes)
            {
                var serviceCodes = codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                query = query.Where(c => serviceCodes.Contains(c.CategoryCode));
            }
            if (!TryDate(request, "start_date", out var start) || !TryDate(request, "end_date", out var end))
            {
                return Open311Document.Errors(f, StatusCodes.Status400BadRequest,
                    "start_date and end_date must be ISO 8601 date-times with an offset, e.g. 2026-11-01T00:00:00+08:00.");
            }
            if (start is { } s && (s < EarliestDate || s > LatestDate) || end is { } e && (e < EarliestDate || e > LatestDate))
            {
                return Open311Document.Errors(f, StatusCodes.Status400BadRequest, "start_date and end_date must lie between 2000-01-01 and 2100-01-01.");
            }
            // PostgreSQL stores instants: the parameters are sent in UTC whatever offset the client wrote.
            var to = (end ?? (start?.AddDays(DefaultWindowDays) ?? DateTimeOffset.UtcNow)).ToUniversalTime();
            var from = (start ?? to.AddDays(-DefaultWindowDays)).ToUniversalTime();
            if (from > to)
            {
                return Open311Document.Errors(f, StatusCodes.Status400BadRequest, "start_date is after end_date.");
            }
            query = query.Where(c => c.CreatedAt >= from && c.CreatedAt <= to);
            if (Param(request, "status") is { } statuses)
            {
                var wanted = statuses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(s => s.ToLowerInvariant()).ToHashSet();
                if (wanted.Any(s => s is not ("open" or "closed")))
                {
                    return Open311Document.Errors(f, StatusCodes.Status400BadRequest, "status must be open, closed or both.");
                }
                if (wanted.Count == 1)
                {
                    query = wanted.Contains("open") ? query.Where(OpenCase) : query.Where(ClosedCase);
                }
            }
        }
        var cases = await query.OrderByDescending(c => c.CreatedAt).Take(MaxRecords).ToListAsync(cancellationToken);
        return Open311Document.Write(f, "service_requests",
            new Open311List("request", await PublicRequestsAsync(db, organisations, request, cases, cancellationToken)));
    }

    internal static async Task<IResult> RequestAsync(string serviceRequestId, string format, HttpRequest request, GongzhiDbContext db,
        IOrganisationDirectory organisations, CancellationToken cancellationToken)
    {
        if (CheckRequest(request, format, out var f) is { } error)
        {
            return error;
        }
        db.Caller = Caller.System;
        var found = await db.Set<Case>().AsNoTracking().Where(IsPublic).FirstOrDefaultAsync(c => c.Reference == serviceRequestId, cancellationToken);
        if (found is null)
        {
            return Open311Document.Errors(f, StatusCodes.Status404NotFound, $"service_request_id '{serviceRequestId}' not found.");
        }
        return Open311Document.Write(f, "service_requests",
            new Open311List("request", await PublicRequestsAsync(db, organisations, request, [found], cancellationToken)));
    }

    /// <summary>A token is the request's internal id; it resolves at once because requests are created synchronously.</summary>
    internal static async Task<IResult> TokenAsync(string token, string format, HttpRequest request, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        if (CheckRequest(request, format, out var f) is { } error)
        {
            return error;
        }
        db.Caller = Caller.System;
        var reference = Guid.TryParse(token, out var id)
            ? await db.Set<Case>().AsNoTracking().Where(c => c.Id == id).Select(c => c.Reference).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (reference is null)
        {
            return Open311Document.Errors(f, StatusCodes.Status404NotFound, $"token '{token}' not found.");
        }
        return Open311Document.Write(f, "service_requests",
            new Open311List("request", [Open311Object.Of(("service_request_id", reference), ("token", token))]));
    }

    /// <summary>
    /// What the public list shows: cases a street office has registered (a report that was never taken in, or was
    /// refused, stays between the reporter and the staff), and not those whose reporter asked to stay anonymous,
    /// whose position and words would point at them.
    /// </summary>
    private static readonly System.Linq.Expressions.Expression<Func<Case, bool>> IsPublic = c => c.RegisteredAt != null && !c.Anonymous;

    private static readonly System.Linq.Expressions.Expression<Func<Case, bool>> OpenCase = c =>
        c.State == CaseState.Submitted || c.State == CaseState.Registered || c.State == CaseState.Dispatched
        || c.State == CaseState.Accepted || c.State == CaseState.Resolved || c.State == CaseState.Verified;

    private static readonly System.Linq.Expressions.Expression<Func<Case, bool>> ClosedCase = c =>
        c.State == CaseState.Closed || c.State == CaseState.Evaluated || c.State == CaseState.Rejected || c.State == CaseState.Merged;

    private static bool TryDate(HttpRequest request, string name, out DateTimeOffset? value)
    {
        value = null;
        if (Param(request, name) is not { } text)
        {
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            value = parsed;
            return true;
        }
        return false;
    }

    private static async Task<List<Open311Node>> PublicRequestsAsync(GongzhiDbContext db, IOrganisationDirectory organisations, HttpRequest request,
        IReadOnlyList<Case> cases, CancellationToken cancellationToken)
    {
        var categoryCodes = cases.Select(c => c.CategoryCode).Distinct().ToList();
        var names = await db.Set<CaseCategory>().AsNoTracking().Where(c => categoryCodes.Contains(c.Code))
            .ToDictionaryAsync(c => c.Code, c => c.NameZh, cancellationToken);
        // The public reads run as the system: the agencies' names whatever their scope.
        var agencies = await organisations.NamesAsync(cases.Select(c => c.LeadOrganisationId).OfType<Guid>(), cancellationToken);
        // media_url is a full URL (clients fetch it from elsewhere), to the anonymous files endpoint that serves only the public variant.
        var files = $"{PublicBase(request)}/api/v1/files/";
        return cases.Select(c => (Open311Node)PublicRequest(c, names.GetValueOrDefault(c.CategoryCode, c.CategoryCode),
            c.LeadOrganisationId is { } lead ? agencies.GetValueOrDefault(lead) : null,
            CaseAccess.PublishedPhoto(c) is { } photo ? $"{files}{photo}/public" : null)).ToList();
    }

    /// <summary>
    /// What anyone may see of a case: no reporter, no account, no photos' originals; free text is cleared
    /// of phone and ID numbers, and the position is rounded to about a hundred metres. <paramref name="mediaUrl"/> links
    /// the photo the case publishes (re-encoded, without metadata), or is null when it publishes none.
    /// </summary>
    internal static Open311Object PublicRequest(Case c, string serviceName, string? agency, string? mediaUrl) => Open311Object.Of(
        ("service_request_id", c.Reference),
        ("status", CaseStates.IsOpen(c.State) ? "open" : "closed"),
        ("status_notes", CaseStates.Zh(c.State)),
        ("service_name", serviceName),
        ("service_code", c.CategoryCode),
        ("description", Redact(c.Description)),
        ("agency_responsible", agency),
        ("service_notice", null),
        ("requested_datetime", Open311Document.Time(c.CreatedAt)),
        ("updated_datetime", Open311Document.Time(c.UpdatedAt)),
        ("expected_datetime", Open311Document.Time(c.ResolveDeadline ?? c.Deadline)),
        ("address", c.Address is null ? null : Redact(c.Address)),
        ("address_id", c.JurisdictionCode),
        ("zipcode", null),
        ("lat", c.Latitude is { } lat ? Math.Round(lat, PositionDecimals) : null),
        ("long", c.Longitude is { } lon ? Math.Round(lon, PositionDecimals) : null),
        ("media_url", mediaUrl));

    /// <summary>
    /// Reporters sometimes type their phone or ID number into the description, in any grouping ("138 1234 5678",
    /// "027-8888-8888", "4201 0319 9001 0112 3X"); the public never sees them. A run of digits joined by spaces,
    /// dashes, dots, slashes or brackets that holds seven digits or more is taken out, except a date.
    /// </summary>
    internal static string Redact(string text) => DigitRun().Replace(text, m =>
        m.Value.Count(char.IsDigit) >= 7 && !DateLike().IsMatch(m.Value) ? "[已隐去]" : m.Value);

    [GeneratedRegex(@"(?<!\d)\+?\d(?:[\s\-\u2010-\u2015\uFF0D.·/()（）]*\d)*(?:[\s\-\uFF0D]*[Xx])?(?!\d)")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"^\d{4}[\-./]\d{1,2}[\-./]\d{1,2}$")]
    private static partial Regex DateLike();

    /// <summary>
    /// The site's own address for the links in an answer: <c>Gongzhi:PublicUrl</c> when set, so that a forged Host
    /// header cannot put another site's links into answers other clients read; the request's host otherwise.
    /// </summary>
    internal static string PublicBase(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["Gongzhi:PublicUrl"] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
}
