using System.Globalization;
using System.Text.Json;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Open311;

/// <summary>
/// POST /requests: a form-encoded report from a client application holding an API key. It enters
/// through the same intake as every other channel (channel Open311); the location is lat/long, or
/// address_id (a jurisdiction code, placed at its centre), or an address_string that names a
/// jurisdiction of the city.
/// </summary>
internal static class Open311Posting
{
    /// <summary>
    /// A report is a few short fields: the form is read within these bounds, so that an unauthenticated client
    /// cannot make the server buffer and parse megabytes (or thousands of fields) before its key is even looked at.
    /// </summary>
    internal const int MaxFormBytes = 64 * 1024;

    private static readonly FormOptions Bounds = new()
    {
        ValueCountLimit = 64,
        KeyLengthLimit = 256,
        ValueLengthLimit = 16 * 1024,
        BufferBodyLengthLimit = MaxFormBytes,
        MultipartBodyLengthLimit = MaxFormBytes,
        MultipartHeadersLengthLimit = 16 * 1024,
    };

    internal static async Task<IResult> PostRequestAsync(string format, HttpRequest request, GongzhiDbContext db, CaseIntakeService intake,
        IJurisdictionDirectory tree, CancellationToken cancellationToken)
    {
        if (!Open311Api.TryFormat(format, out var f))
        {
            return Open311Document.Errors("json", StatusCodes.Status404NotFound, $"Unknown format '{format}': use .xml or .json.");
        }
        if (!request.HasFormContentType)
        {
            return Open311Document.Errors(f, StatusCodes.Status400BadRequest, "Send the request as application/x-www-form-urlencoded.");
        }
        if (request.ContentLength > MaxFormBytes)
        {
            return Open311Document.Errors(f, StatusCodes.Status413PayloadTooLarge, $"A service request form is at most {MaxFormBytes / 1024} KB.");
        }
        // A key sent in the query or the X-Api-Key header is checked before the body is read at all.
        Open311ApiKey? key = null;
        if ((Text(request.Query["api_key"].ToString()) ?? Text(request.Headers["X-Api-Key"].ToString())) is { } early)
        {
            key = await Open311KeysApi.FindValidAsync(db, early, cancellationToken);
            if (key is null)
            {
                return Open311Document.Errors(f, StatusCodes.Status403Forbidden, "A valid api_key is required to post a service request.");
            }
        }
        IFormCollection form;
        try
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, Bounds));
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Open311Document.Errors(f, StatusCodes.Status400BadRequest,
                $"The form could not be read: at most {Bounds.ValueCountLimit} fields, {Bounds.ValueLengthLimit / 1024} KB a value, {MaxFormBytes / 1024} KB in all.");
        }
        string? Field(string name) => Text(form[name].ToString());

        key ??= await Open311KeysApi.FindValidAsync(db, Field("api_key"), cancellationToken);
        if (key is null)
        {
            return Open311Document.Errors(f, StatusCodes.Status403Forbidden, "A valid api_key is required to post a service request.");
        }
        if (Open311Api.CheckJurisdiction(f, Field("jurisdiction_id")) is { } wrongJurisdiction)
        {
            return wrongJurisdiction;
        }
        if (Field("service_code") is not { } serviceCode)
        {
            return Open311Document.Errors(f, StatusCodes.Status400BadRequest, "service_code is required.");
        }
        var (lat, lon, locationError) = await LocationAsync(tree, Field("lat"), Field("long"), Field("address_id"), Field("address_string"), cancellationToken);
        if (locationError is not null)
        {
            return Open311Document.Errors(f, StatusCodes.Status400BadRequest, locationError);
        }

        // Keys are cleaned like values, so two that differ only by a control character name one attribute (the last wins).
        var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var k in form.Keys.Where(k => k.StartsWith("attribute[", StringComparison.Ordinal) && k.EndsWith(']')))
        {
            if (Text(k["attribute[".Length..^1]) is { } attribute)
            {
                attributes[attribute] = JsonSerializer.SerializeToElement(Text(form[k].ToString()) ?? "");
            }
        }
        var description = Field("description") ?? "";
        var name = string.Join("", new[] { Field("last_name"), Field("first_name") }.Where(n => n is not null));
        var submission = new CaseSubmission(
            serviceCode,
            CaseUrgency.Normal,
            Title(description, serviceCode),
            description,
            lat,
            lon,
            Field("address_string"),
            attributes,
            Anonymous: name.Length == 0 && Field("phone") is null ? null : false,
            ReporterName: name.Length == 0 ? null : name,
            ReporterPhone: Field("phone"),
            Channel: CaseChannel.Open311);
        // The client application acts for its user; the key, not an account, is who reported.
        var caller = Caller.System with { UserName = $"open311:{key.Prefix}", RemoteIp = request.HttpContext.Connection.RemoteIpAddress?.ToString() };
        try
        {
            var result = await intake.SubmitAsync(caller, submission, idempotencyKey: null, cancellationToken);
            return Open311Document.Write(f, "service_requests", new Open311List("request",
            [
                Open311Object.Of(
                    ("service_request_id", result.Case.Reference),
                    ("token", result.Case.Id.ToString()),
                    // account_id is left out: the poster has no account here, and the schema allows no null for it.
                    ("service_notice", CasesText.Get("Open311.ReceivedWillRegisteredWithin"))),
            ]), StatusCodes.Status201Created);
        }
        catch (FieldValidationException e)
        {
            return Open311Document.Errors(f, StatusCodes.Status400BadRequest,
                e.Errors.Select(error => $"{Open311Field(error.Key)}: {string.Join(" ", error.Value)}").ToArray());
        }
    }

    /// <summary>
    /// A field as intake may take it: trimmed, without control characters other than line breaks and tabs (a NUL
    /// cannot be stored by PostgreSQL nor written in XML); empty counts as absent, as the specification asks.
    /// </summary>
    private static string? Text(string? value) =>
        string.IsNullOrEmpty(value) ? null : Open311Document.Printable(value).Trim() is { Length: > 0 } text ? text : null;

    /// <summary>The name a client sent for a field that intake reports under its own name.</summary>
    private static string Open311Field(string field) => field switch
    {
        "categoryCode" => "service_code",
        "location" => "lat/long",
        "reporterPhone" => "phone",
        "reporterName" => "first_name/last_name",
        _ when field.StartsWith("attributes.", StringComparison.Ordinal) => $"attribute[{field["attributes.".Length..]}]",
        _ => field,
    };

    private static string Title(string description, string serviceCode) =>
        description.Length == 0 ? $"Open311 {serviceCode}" : description.Length <= 30 ? description : description[..30] + "…";

    private static async Task<(double? Lat, double? Lon, string? Error)> LocationAsync(IJurisdictionDirectory tree, string? lat, string? lon, string? addressId,
        string? addressString, CancellationToken cancellationToken)
    {
        if (lat is not null || lon is not null)
        {
            return double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
                && double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
                ? (latitude, longitude, null)
                : (null, null, "lat and long must both be decimal degrees (WGS84).");
        }
        if (addressId is not null)
        {
            var node = await tree.FindAsync(addressId, cancellationToken);
            return node is { CentroidLat: { } a, CentroidLon: { } o } ? (a, o, null) : (null, null, $"address_id '{addressId}' is not a jurisdiction of this city.");
        }
        if (addressString is not null)
        {
            return await AddressLocator.LocateAsync(tree, addressString, cancellationToken) is { } found
                ? (found.Lat, found.Lon, null)
                : (null, null, "address_string names no community or street of this city; send lat and long, or address_id.");
        }
        return (null, null, "A location is required: lat and long, address_string or address_id.");
    }
}
