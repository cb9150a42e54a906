using System.Security.Claims;
using System.Threading.RateLimiting;
using Gongzhi.Modules.Access;
using Gongzhi.Platform.Audit;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gongzhi.Platform.Files;

public sealed record StoredFileResponse(Guid Id, string ContentType, int Width, int Height, long Length);

internal static class FilesApi
{
    public const string UploadRateLimit = "files-upload";

    private const string FileField = "file";

    public static void MapFilesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/files").WithTags("Files");
        // No Accepts<IFormFile>: routing would then send any other content type to the catch-all 404, where a
        // client deserves to hear that it must send a multipart form.
        group.MapPost("/photos", UploadPhotoAsync)
            .RequireRateLimiting(UploadRateLimit)
            // The API authenticates with a bearer token, which another site cannot make a browser send, or with the
            // sign-in cookie, which is SameSite=Lax and so is not sent on a cross-site POST: a forged form cannot upload.
            .DisableAntiforgery();
        group.MapGet("/{id:guid}", GetPublicAsync);
        group.MapGet("/{id:guid}/original", GetOriginalAsync);
        // What the owning record publishes (the photo an Open311 request links to) is for everyone, signed in or not.
        group.MapGet("/{id:guid}/public", GetPublishedAsync).AllowAnonymous();
    }

    public static void AddUploadRateLimit(Microsoft.AspNetCore.RateLimiting.RateLimiterOptions limiter, int perMinute) =>
        limiter.AddPolicy(UploadRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>
    /// Uploads a photo (multipart field <c>file</c>). Its type is decided from its content; the answer gives the
    /// id to pass with the case. The form is read as a stream and the file refused as soon as it passes the size limit.
    /// </summary>
    internal static async Task<Results<Created<StoredFileResponse>, ValidationProblem>> UploadPhotoAsync(HttpContext http, PhotoLibrary library,
        IOptions<FilesOptions> options, CancellationToken cancellationToken)
    {
        // Room for the multipart framing around one photo; anything far bigger is cut off by the server with 413.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = options.Value.MaxPhotoBytes + (256 * 1024);
        }
        var boundary = MultipartBoundary(http.Request.ContentType);
        if (boundary is null)
        {
            return Invalid("Send the photo as multipart/form-data in the field \"file\".");
        }
        var reader = new MultipartReader(boundary, http.Request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !string.Equals(disposition.Name.Value, FileField, StringComparison.Ordinal))
                {
                    continue;
                }
                var file = await library.UploadAsync(section.Body, cancellationToken);
                return TypedResults.Created($"/api/v1/files/{file.Id}",
                    new StoredFileResponse(file.Id, file.ContentType, file.Width, file.Height, file.Length));
            }
        }
        catch (PhotoRejectedException e)
        {
            return Invalid(e.Message);
        }
        catch (InvalidDataException)
        {
            return Invalid("The multipart form is malformed.");
        }
        return Invalid("The form has no field \"file\".");
    }

    /// <summary>
    /// The photo as the public sees it: re-encoded JPEG, no metadata. Visible to its uploader and, once attached, to
    /// whoever the owning record's rule allows (for a case: whoever may see the case).
    /// </summary>
    internal static async Task<Results<FileStreamHttpResult, NotFound>> GetPublicAsync(Guid id, PhotoLibrary library, HttpContext http,
        CancellationToken cancellationToken) =>
        // Content-addressed, so the bytes behind an ETag never change; private because access depends on who asks.
        PublicVariant(await library.FindVisibleAsync(id, cancellationToken), library, http, "private, max-age=86400");

    /// <summary>
    /// A photo its record publishes to everyone, e.g. the first photo of a case listed by Open311: only the
    /// re-encoded JPEG without metadata, never the original. No sign-in needed.
    /// </summary>
    internal static async Task<Results<FileStreamHttpResult, NotFound>> GetPublishedAsync(Guid id, PhotoLibrary library, HttpContext http,
        CancellationToken cancellationToken) =>
        // The same bytes for everyone, so shared caches may keep them; an hour bounds how long one outlives a change of rule.
        PublicVariant(await library.FindPublishedAsync(id, cancellationToken), library, http, "public, max-age=3600");

    private static Results<FileStreamHttpResult, NotFound> PublicVariant(StoredFile? file, PhotoLibrary library, HttpContext http, string caching)
    {
        // Not visible and not there answer alike, so that ids cannot be probed.
        if (file is null || library.OpenPublicVariant(file) is not { } stream)
        {
            return TypedResults.NotFound();
        }
        http.Response.Headers.CacheControl = caching;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(stream, PhotoProcessor.Jpeg, $"{file.Id}.jpg", lastModified: file.CreatedAt,
            entityTag: new EntityTagHeaderValue($"\"{file.PublicVariantSha256}\""));
    }

    /// <summary>The photo as uploaded, with its metadata (it may hold the position). Case handlers covering it only; every fetch is audited.</summary>
    internal static async Task<Results<FileStreamHttpResult, NotFound>> GetOriginalAsync(Guid id, PhotoLibrary library, AuditLog audit,
        HttpContext http, CancellationToken cancellationToken)
    {
        var file = await library.FindOriginalAsync(id, cancellationToken);
        if (file is null || library.OpenOriginal(file) is not { } stream)
        {
            return TypedResults.NotFound();
        }
        await audit.WriteAsync(AuditActions.Revealed, nameof(StoredFile), file.Id.ToString(), file.JurisdictionCode,
            $"original photo of {file.OwnerKey}: metadata may include the position", cancellationToken);
        // Never cached: each look at the original must pass through here and be audited.
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var extension = file.ContentType switch
        {
            PhotoProcessor.Png => "png",
            PhotoProcessor.Webp => "webp",
            PhotoProcessor.Heic => "heic",
            _ => "jpg",
        };
        return TypedResults.File(stream, file.ContentType, $"{file.Id}-original.{extension}");
    }

    private static string? MultipartBoundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        return string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200 ? null : boundary;
    }

    private static ValidationProblem Invalid(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [FileField] = [message] });
}
