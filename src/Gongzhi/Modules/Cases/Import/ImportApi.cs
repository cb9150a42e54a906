using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gongzhi.Modules.Cases.Import;

internal static class ImportApi
{
    private const string FileField = "file";

    public static void MapCaseImportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases/imports").WithTags("Case import").RequireAuthorization();
        // Bearer tokens cannot be forged by another site and the cookie is SameSite=Lax (not sent on a cross-site POST), as for photo uploads.
        group.MapPost("/", CreateAsync).DisableAntiforgery();
        group.MapGet("/{id:guid}", GetAsync);
        group.MapGet("/{id:guid}/errors.csv", ErrorsAsync);
        // Beside the import page: the file to fill in, made from the columns the parser reads so the two cannot drift apart.
        app.MapGet("/cases/import/template.csv", () => TypedResults.File(CaseCsv.Template(), "text/csv; charset=utf-8", "cases-import-template.csv"))
            .RequireAuthorization().ExcludeFromDescription();
    }

    /// <summary>
    /// Uploads a CSV file (multipart field <c>file</c>) of cases to file through intake in the background.
    /// 202 with the job; a retry with the same <c>Idempotency-Key</c> answers 200 with the same job.
    /// A file refused as a whole (not UTF-8, unbalanced quotes, unknown or missing columns, too many rows) is a 400.
    /// </summary>
    internal static async Task<Results<Accepted<CaseImportStatus>, Ok<CaseImportStatus>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CaseImportService imports, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        if (!CaseImports.MayImport(callers.Current))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: CasesText.Get("Import.DispatchersCommandCentreAdministrators"));
        }
        try
        {
            if (await MultipartFile.ReadAsync(http, FileField, CaseCsv.MaxBytes, cancellationToken) is not { } file)
            {
                return Invalid(CasesText.Get("Import.FormFieldFile"));
            }
            var (status, created) = await imports.CreateAsync(callers.Current, file.FileName, file.Content, idempotencyKey, cancellationToken);
            return created ? TypedResults.Accepted($"/api/v1/cases/imports/{status.Id}", status) : TypedResults.Ok(status);
        }
        catch (CsvFileException e)
        {
            return Invalid(e.Message);
        }
        catch (UploadRefusedException e)
        {
            return Invalid(e.Refusal switch
            {
                UploadRefusal.NotMultipart => CasesText.Get("Import.SendCSVMultipartForm"),
                UploadRefusal.TooLarge => CasesText.Format("Import.FileLargerMB", CaseCsv.MaxBytes / 1024 / 1024),
                _ => CasesText.Get("Import.MultipartFormMalformed"),
            });
        }
        catch (CaseAccessException e)
        {
            return TypedResults.Problem(statusCode: e.Status, title: "Forbidden", detail: e.Message);
        }
    }

    /// <summary>Progress: total, processed, accepted, failed and the state.</summary>
    internal static async Task<Results<Ok<CaseImportStatus>, NotFound>> GetAsync(Guid id, CaseImportService imports, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        await imports.FindAsync(callers.Current, id, cancellationToken) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound();

    /// <summary>The refused rows: row number (the header is row 1), field, message.</summary>
    internal static async Task<Results<FileContentHttpResult, NotFound>> ErrorsAsync(Guid id, CaseImportService imports, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        await imports.ErrorsCsvAsync(callers.Current, id, cancellationToken) is { } csv
            ? TypedResults.File(csv, "text/csv; charset=utf-8", $"import-{id:N}-errors.csv")
            : TypedResults.NotFound();

    private static ValidationProblem Invalid(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [FileField] = [message] });
}
