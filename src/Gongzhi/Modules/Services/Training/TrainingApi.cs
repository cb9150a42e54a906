using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

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
        training.MapPost("/sessions/{id:guid}/enrolments", EnrolAsync);
        training.MapPost("/enrolments/{id:guid}/attendance", AttendanceAsync);
        training.MapPost("/enrolments/{id:guid}/assessment", AssessmentAsync);
        training.MapGet("/mine", MineAsync);
        training.MapGet("/certificates", CertificatesAsync);
        training.MapPost("/certificates", RecordCertificateAsync);
        training.MapGet("/compliance", ComplianceAsync);
    }

    internal static async Task<Ok<IReadOnlyList<CourseResponse>>> CoursesAsync(TrainingQueries queries, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.CoursesAsync(callers.Current, cancellationToken));

    internal static async Task<Created<CourseResponse>> DefineAsync(CourseRequest request, CourseService service, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var course = await service.DefineAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"{Root}/courses/{course.Id}", CourseResponse.From(course));
    }

    internal static async Task<Ok<CourseResponse>> ChangeAsync(Guid id, CourseRequest request, CourseService service, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(CourseResponse.From(await service.ChangeAsync(callers.Current, id, request, cancellationToken)));

    internal static async Task<Ok<IReadOnlyList<SessionResponse>>> SessionsAsync(bool? past, TrainingQueries queries, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.SessionsAsync(callers.Current, past ?? false, cancellationToken));

    internal static async Task<Created<SessionResponse>> ScheduleAsync(SessionRequest request, SessionService service, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var (session, course) = await service.ScheduleAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"{Root}/sessions/{session.Id}", SessionResponse.From(session, course, true));
    }

    internal static async Task<Ok<SessionDetail>> SessionAsync(Guid id, TrainingQueries queries, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.SessionAsync(callers.Current, id, cancellationToken));

    /// <summary>201 with the place; 200 with the one the person already holds in that session.</summary>
    internal static async Task<Results<Created<EnrolmentResponse>, Ok<EnrolmentResponse>>> EnrolAsync(Guid id, EnrolRequest? request, EnrolmentService service,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var (enrolment, created) = await service.EnrolAsync(callers.Current, id, request ?? new EnrolRequest(null), cancellationToken);
        var response = EnrolmentResponse.From(enrolment, null);
        return created ? TypedResults.Created($"{Root}/sessions/{id}", response) : TypedResults.Ok(response);
    }

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

    internal static async Task<Created<CertificateResponse>> RecordCertificateAsync(CertificateRequest request, CertificateService service,
        TrainingQueries queries, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var certificate = await service.RecordAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"{Root}/certificates", CertificateResponse.From(certificate, null, queries.Today));
    }

    internal static async Task<Ok<ComplianceReport>> ComplianceAsync(string? scope, TrainingCompliance compliance, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await compliance.ReportAsync(callers.Current, scope, cancellationToken));
}
