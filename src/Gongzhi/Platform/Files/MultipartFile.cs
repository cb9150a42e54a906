using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Gongzhi.Platform.Files;

/// <summary>Why an uploaded form was refused as a whole; each caller words it in its own messages.</summary>
public enum UploadRefusal
{
    NotMultipart,
    TooLarge,
    Malformed,
}

public sealed class UploadRefusedException(UploadRefusal refusal) : Exception(refusal.ToString())
{
    public UploadRefusal Refusal { get; } = refusal;
}

/// <summary>One file field of a multipart/form-data request, read whole (a CSV to import), with its size bounded.</summary>
public sealed record MultipartFile(string? FileName, byte[] Content)
{
    /// <summary>
    /// The field <paramref name="field"/>, or null when the form has none. Throws <see cref="UploadRefusedException"/> when the
    /// request is not a multipart form, is malformed, or the file is over <paramref name="maxBytes"/> (read no further than that).
    /// </summary>
    public static async Task<MultipartFile?> ReadAsync(HttpContext http, string field, long maxBytes, CancellationToken cancellationToken)
    {
        // The form's other parts and its boundaries come on top of the file.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = maxBytes + (256 * 1024);
        }
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(media.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            throw new UploadRefusedException(UploadRefusal.NotMultipart);
        }
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && string.Equals(disposition.Name.Value, field, StringComparison.Ordinal))
                {
                    return new MultipartFile(disposition.FileName.Value, await ReadLimitedAsync(section.Body, maxBytes, cancellationToken));
                }
            }
        }
        catch (InvalidDataException)
        {
            throw new UploadRefusedException(UploadRefusal.Malformed);
        }
        return null;
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new UploadRefusedException(UploadRefusal.TooLarge);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
