using Gongzhi.Platform.Files;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gongzhi.Modules.Registry.Imports;

/// <summary>Imports of persons under <c>/api/v1/registry/imports</c>: upload, progress, the refused rows and their CSV report.</summary>
internal static class ImportApi
{
    private const string FileField = "file";

    public static void MapPersonImportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/registry/imports").WithTags("Registry")
            .RequireAuthorization(p => p.RequireRole([.. RegistryPermissions.Importers, Roles.Admin]));
        // Bearer tokens cannot be forged by another site and the cookie is SameSite=Lax (not sent on a cross-site POST), as for case imports.
        group.MapPost("/", CreateAsync).DisableAntiforgery().RequireAuthorization(p => p.RequireRole(RegistryPermissions.Importers));
        group.MapGet("/", RecentAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapGet("/{id:guid}/errors", ErrorsAsync);
        group.MapGet("/{id:guid}/report.csv", ReportAsync);
        app.MapGet("/registry/import/template.csv", () => TypedResults.File(PersonCsv.Template(), "text/csv; charset=utf-8", "persons-import-template.csv"))
            .RequireAuthorization(p => p.RequireRole(RegistryPermissions.Importers)).ExcludeFromDescription();
    }

    /// <summary>
    /// Uploads a CSV of persons (multipart field <c>file</c>) to be checked and stored in the background: 202 with the job; a retry
    /// with the same <c>Idempotency-Key</c> and file answers 200 with the same job. A file refused as a whole is a 400 naming <c>file</c>.
    /// </summary>
    internal static async Task<Results<Accepted<PersonImportStatus>, Ok<PersonImportStatus>, ValidationProblem>> CreateAsync(HttpContext http,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, PersonImportService imports, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        try
        {
            if (await MultipartFile.ReadAsync(http, FileField, PersonCsv.MaxBytes, cancellationToken) is not { } file)
            {
                return Invalid(RegistryText.Get("Import.NoFile"));
            }
            var (status, created) = await imports.CreateAsync(callers.Current, file.FileName, file.Content, idempotencyKey, cancellationToken);
            return created ? TypedResults.Accepted($"/api/v1/registry/imports/{status.Id}", status) : TypedResults.Ok(status);
        }
        catch (ImportFileException e)
        {
            return Invalid(e.Message);
        }
        catch (UploadRefusedException e)
        {
            return Invalid(e.Refusal switch
            {
                UploadRefusal.TooLarge => RegistryText.Format("Import.TooLarge", PersonCsv.MaxBytes / 1024 / 1024),
                _ => RegistryText.Get("Import.NotMultipart"),
            });
        }
    }

    internal static async Task<Ok<List<PersonImportStatus>>> RecentAsync(PersonImportService imports, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await imports.RecentAsync(callers.Current, 20, cancellationToken));

    /// <summary>Progress: rows done of the total, accepted, refused, and the state.</summary>
    internal static async Task<Results<Ok<PersonImportStatus>, NotFound>> GetAsync(Guid id, PersonImportService imports, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        await imports.FindAsync(callers.Current, id, cancellationToken) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound();

    /// <summary>The refused rows so far: row number (the header is row 1), column, message.</summary>
    internal static async Task<Results<Ok<List<PersonImportErrorResponse>>, NotFound>> ErrorsAsync(Guid id, PersonImportService imports,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        await imports.ErrorsAsync(callers.Current, id, 1000, cancellationToken) is { } errors ? TypedResults.Ok(errors) : TypedResults.NotFound();

    /// <summary>Every refused row as CSV (row, field, message).</summary>
    internal static async Task<Results<FileContentHttpResult, NotFound>> ReportAsync(Guid id, PersonImportService imports, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        await imports.ReportCsvAsync(callers.Current, id, cancellationToken) is { } csv
            ? TypedResults.File(csv, "text/csv; charset=utf-8", $"persons-import-{id:N}-report.csv")
            : TypedResults.NotFound();

    private static ValidationProblem Invalid(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [FileField] = [message] });
}
