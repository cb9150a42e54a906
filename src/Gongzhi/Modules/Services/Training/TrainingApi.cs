using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gongzhi.Modules.Services.Training;

/// <summary>Staff training (信息化培训) under <c>/api/v1/services/training</c>: courses, sessions, enrolments, certificates and compliance.</summary>
public static class TrainingApi
{
    private const string Root = "/api/v1/services/training";

    internal static void MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var training = app.MapGroup(Root).WithTags("Services").RequireAuthorization();
        training.MapGet("/courses", CoursesAsync);
        training.MapPost("/courses", DefineAsync);
        training.MapPut("/courses/{id:guid}", ChangeAsync);
        training.MapGet("/sessions", SessionsAsync);
        training.MapPost("/sessions", ScheduleAsync);
        training.MapGet("/sessions/{id:guid}", SessionAsync);
        training.MapPut("/sessions/{id:guid}", ChangeSessionAsync);
        training.MapPost("/sessions/{id:guid}/cancel", CancelSessionAsync);
        training.MapPost("/sessions/{id:guid}/enrolments", EnrolAsync);
        training.MapPost("/enrolments/{id:guid}/withdraw", WithdrawAsync);
        training.MapPost("/enrolments/{id:guid}/attendance", AttendanceAsync);
        training.MapPost("/enrolments/{id:guid}/assessment", AssessmentAsync);
        training.MapGet("/mine", MineAsync);
        training.MapGet("/certificates", CertificatesAsync);
        training.MapPost("/certificates", RecordCertificateAsync);
        training.MapPut("/certificates/{id:guid}", CorrectCertificateAsync);
        training.MapPost("/certificates/{id:guid}/revoke", RevokeCertificateAsync);
        training.MapGet("/compliance", ComplianceAsync);
    }

    internal static async Task<Ok<IReadOnlyList<CourseResponse>>> CoursesAsync(TrainingQueries queries, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.CoursesAsync(callers.Current, cancellationToken));

    /// <summary>201 with the course; 200 with the one an earlier request with the same <c>Idempotency-Key</c> set.</summary>
    internal static async Task<Results<Created<CourseResponse>, Ok<CourseResponse>>> DefineAsync(CourseRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CourseService service, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var (course, created) = await service.DefineAsync(callers.Current, request, idempotencyKey, cancellationToken);
        var response = CourseResponse.From(course);
        return created ? TypedResults.Created($"{Root}/courses/{course.Id}", response) : TypedResults.Ok(response);
    }

    internal static async Task<Ok<CourseResponse>> ChangeAsync(Guid id, CourseRequest request, CourseService service, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(CourseResponse.From(await service.ChangeAsync(callers.Current, id, request, cancellationToken)));

    internal static async Task<Ok<IReadOnlyList<SessionResponse>>> SessionsAsync(bool? past, TrainingQueries queries, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.SessionsAsync(callers.Current, past ?? false, cancellationToken));

    /// <summary>201 with the session; 200 with the one an earlier request with the same <c>Idempotency-Key</c> scheduled.</summary>
    internal static async Task<Results<Created<SessionResponse>, Ok<SessionResponse>>> ScheduleAsync(SessionRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, SessionService service, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var (session, course, created) = await service.ScheduleAsync(callers.Current, request, idempotencyKey, cancellationToken);
        var response = SessionResponse.From(session, course, true);
        return created ? TypedResults.Created($"{Root}/sessions/{session.Id}", response) : TypedResults.Ok(response);
    }

    internal static async Task<Ok<SessionResponse>> ChangeSessionAsync(Guid id, SessionChangeRequest request, SessionService service, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var (session, course) = await service.ChangeAsync(callers.Current, id, request, cancellationToken);
        return TypedResults.Ok(SessionResponse.From(session, course, true));
    }

    internal static async Task<Ok<SessionResponse>> CancelSessionAsync(Guid id, VersionRequest? request, SessionService service, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var (session, course) = await service.CancelAsync(callers.Current, id, request ?? new VersionRequest(), cancellationToken);
        return TypedResults.Ok(SessionResponse.From(session, course, true));
    }

    internal static async Task<Ok<SessionDetail>> SessionAsync(Guid id, TrainingQueries queries, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.SessionAsync(callers.Current, id, cancellationToken));

    /// <summary>201 with the place; 200 with the one the person already holds in that session.</summary>
    internal static async Task<Results<Created<EnrolmentResponse>, Ok<EnrolmentResponse>>> EnrolAsync(Guid id, EnrolRequest? request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, EnrolmentService service, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var (enrolment, created) = await service.EnrolAsync(callers.Current, id, request ?? new EnrolRequest(null), idempotencyKey, cancellationToken);
        var response = EnrolmentResponse.From(enrolment, null);
        return created ? TypedResults.Created($"{Root}/sessions/{id}", response) : TypedResults.Ok(response);
    }

    internal static async Task<Ok<EnrolmentResponse>> WithdrawAsync(Guid id, VersionRequest? request, EnrolmentService service, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(EnrolmentResponse.From(await service.WithdrawAsync(callers.Current, id, request ?? new VersionRequest(), cancellationToken), null));

    internal static async Task<Ok<EnrolmentResponse>> AttendanceAsync(Guid id, AttendanceRequest request, EnrolmentService service, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(EnrolmentResponse.From(await service.RecordAttendanceAsync(callers.Current, id, request, cancellationToken), null));

    internal static async Task<Ok<EnrolmentResponse>> AssessmentAsync(Guid id, AssessmentRequest request, EnrolmentService service, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(EnrolmentResponse.From(await service.RecordAssessmentAsync(callers.Current, id, request, cancellationToken), null));

    internal static async Task<Ok<MyTraining>> MineAsync(TrainingQueries queries, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.MineAsync(callers.Current, cancellationToken));

    internal static async Task<Ok<IReadOnlyList<CertificateResponse>>> CertificatesAsync(string? scope, TrainingQueries queries, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.CertificatesAsync(callers.Current, scope, cancellationToken));

    /// <summary>201 with the certificate; 200 with the one an earlier request with the same <c>Idempotency-Key</c> recorded.</summary>
    internal static async Task<Results<Created<CertificateResponse>, Ok<CertificateResponse>>> RecordCertificateAsync(CertificateRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CertificateService service, TrainingQueries queries, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var (certificate, created) = await service.RecordAsync(callers.Current, request, idempotencyKey, cancellationToken);
        var response = CertificateResponse.From(certificate, null, queries.Today);
        return created ? TypedResults.Created($"{Root}/certificates", response) : TypedResults.Ok(response);
    }

    internal static async Task<Ok<CertificateResponse>> CorrectCertificateAsync(Guid id, CertificateChangeRequest request, CertificateService service,
        TrainingQueries queries, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(CertificateResponse.From(await service.CorrectAsync(callers.Current, id, request, cancellationToken), null, queries.Today));

    internal static async Task<Ok<CertificateResponse>> RevokeCertificateAsync(Guid id, RevokeRequest request, CertificateService service,
        TrainingQueries queries, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(CertificateResponse.From(await service.RevokeAsync(callers.Current, id, request, cancellationToken), null, queries.Today));

    internal static async Task<Ok<ComplianceReport>> ComplianceAsync(string? scope, TrainingCompliance compliance, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await compliance.ReportAsync(callers.Current, scope, cancellationToken));
}
