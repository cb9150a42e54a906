using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Api;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Idempotency;
using Gongzhi.Platform.Observability;
using Gongzhi.Platform.Operations;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.AspNetCore.HttpOverrides;
using Scalar.AspNetCore;

namespace Gongzhi.Platform;

/// <summary>Cross-cutting services every module relies on: storage, time, problems, OpenAPI, health.</summary>
public static class PlatformSetup
{
    public static void AddPlatform(this WebApplicationBuilder builder)
    {
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        // Every line written inside a request carries its trace (TraceId, SpanId in the line's scopes), so a log line
        // and the trace of the same request are found from one another.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId
            | ActivityTrackingOptions.ParentId);
        if (builder.Configuration["Logging:Format"] == "json")
        {
            // One JSON object a line for a log collector, with the scopes (the trace id among them) and UTC times.
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        builder.AddTelemetry();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ICallerAccessor, HttpCallerAccessor>();
        builder.AddGongzhiDatabase();
        builder.AddStartup();
        builder.AddBackup();
        builder.AddFiles();
        builder.Services.AddScoped<RecordActions>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<RevealLog>();
        builder.Services.AddSingleton<PersonalDataProtector>();
        builder.Services.AddScoped<IdempotentRequests>();

        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier);
            // The title in the caller's language too, as the detail already is: one language per answer.
            if (c.ProblemDetails.Status is { } status && PlatformText.Find($"Problem.{status}") is { } title)
            {
                c.ProblemDetails.Title = title;
            }
        });
        builder.Services.AddExceptionHandler<GongzhiExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new DefinedEnumConverter()));
        // A body the API cannot read (bad JSON, an undefined enumeration value) reaches the problem handler, which names
        // the field, instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi();
        builder.Services.Configure(TrustedProxies.Read(builder.Configuration));
    }

    public static void UsePlatform(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMetricsScrape();
        // The language (culture cookie, else Accept-Language, else Chinese; options from the web UI) is set before anything
        // can answer, so that problem details, error pages and refusals of sign-in and rate limits speak it too.
        app.UseRequestLocalization();
        app.UseExceptionHandler();
        // Error statuses of the API become problem details (404 for unknown routes too); web pages get a page.
        app.UseWhen(IsMachineFacing, api => api.UseStatusCodePages());
        app.UseWhen(context => !IsMachineFacing(context), web => web.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseSecurityHeaders();
        // Browsers that reached the site over TLS keep to it (the header is sent on HTTPS answers only, and never for
        // localhost); Development is left out so that a developer's browser does not remember it for their machine.
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
    }

    public static void MapPlatform(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/reference", o => o.WithTitle("Gongzhi API")).AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapFiles();
        // Unknown API routes answer 404 problem details instead of falling through to the web UI.
        app.Map("/api/{**rest}", static () => TypedResultsProblem.NotFound()).ExcludeFromDescription().AllowAnonymous();
    }

    /// <summary>Requests from programs rather than people: they get status codes and problem details, never pages or redirects.</summary>
    public static bool IsMachineFacing(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/open311")
        || context.Request.Path.StartsWithSegments("/hubs") || context.Request.Path.StartsWithSegments("/healthz");

    private static void UseSecurityHeaders(this WebApplication app)
    {
        var policy = ContentSecurityPolicy(app.Configuration["Map:TileUrl"]);
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            // The API reference page ships its own inline bootstrap script; everything else loads scripts from this site only.
            if (!context.Request.Path.StartsWithSegments("/reference"))
            {
                headers.ContentSecurityPolicy = policy;
            }
            await next(context);
        });
    }

    /// <summary>
    /// Scripts only from this site; inline styles stay allowed because the map library positions its
    /// layers with them. A configured tile server is the one other origin images may come from.
    /// </summary>
    internal static string ContentSecurityPolicy(string? tileUrl)
    {
        var tiles = Uri.TryCreate(tileUrl?.Replace("{s}", "a", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? " " + uri.GetLeftPart(UriPartial.Authority).Replace("//a.", "//*.", StringComparison.Ordinal)
            : "";
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:" + tiles
            + "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }
}

internal static class TypedResultsProblem
{
    public static IResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
        detail: PlatformText.Get("Api.NoSuchRoute"));
}
