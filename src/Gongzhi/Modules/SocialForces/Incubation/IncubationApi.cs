using Gongzhi.Modules.SocialForces.Purchase;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gongzhi.Modules.SocialForces.Incubation;

public sealed record OpenBaseRequest(string? Name, string? JurisdictionCode, string? Address, int? Places, Guid? OperatorOrganisationId);

public sealed record ApplyForIncubationRequest(Guid? OrganisationId, string? Need);

public sealed record AdmitRequest(string? MentorUserId, string? MentorName, long? Version);

public sealed record GraduateRequest(string? Note, long? Version);

public sealed record LeaveRequest(string? Reason, long? Version);

public sealed record SupportRequest(SupportKind? Kind, DateOnly? On, string? Description, decimal? Amount);

public sealed record AssessRequest(DateOnly? On, string? Assessor, int? Governance, int? Finance, int? Projects, int? People, int? PublicTrust,
    string? Note);

public sealed record BaseResponse(Guid Id, string Name, string JurisdictionCode, string Address, int Places, int Occupied, BaseOperator Operator,
    Guid? OperatorOrganisationId, string? OperatorName, int Applied, int Incubating, int Graduated, int Left)
{
    internal static BaseResponse From(BaseSummary s) => new(s.Base.Id, s.Base.Name, s.Base.JurisdictionCode, s.Base.Address, s.Base.Places,
        s.Base.Occupied, s.Base.Operator, s.Base.OperatorOrganisationId, s.Base.OperatorName, s.Applied, s.Incubating, s.Graduated, s.Left);

    internal static BaseResponse From(IncubationBase b, IReadOnlyCollection<IncubationRecord> records) => From(new BaseSummary(b,
        records.Count(r => r.Stage == IncubationStage.Applied), records.Count(r => r.Stage == IncubationStage.Incubating),
        records.Count(r => r.Stage == IncubationStage.Graduated), records.Count(r => r.Stage == IncubationStage.Left)));
}

public sealed record IncubationRecordResponse(Guid Id, Guid BaseId, string JurisdictionCode, Guid OrganisationId, string OrganisationName,
    IncubationStage Stage, string? Need, DateTimeOffset AppliedAt, DateTimeOffset? AdmittedAt, string? MentorUserId, string? MentorName,
    DateTimeOffset? ClosedAt, string? ClosingReason, long Version)
{
    internal static IncubationRecordResponse From(IncubationRecord r) => new(r.Id, r.BaseId, r.JurisdictionCode, r.OrganisationId, r.OrganisationName,
        r.Stage, r.Need, r.AppliedAt, r.AdmittedAt, r.MentorUserId, r.MentorName, r.ClosedAt, r.ClosingReason, r.Version);
}

public sealed record BaseViewResponse(BaseResponse Base, IReadOnlyList<IncubationRecordResponse> Records);

public sealed record SupportResponse(Guid Id, Guid RecordId, SupportKind Kind, DateOnly On, string Description, decimal? Amount, string RecordedBy,
    DateTimeOffset RecordedAt)
{
    internal static SupportResponse From(IncubationSupport s) => new(s.Id, s.RecordId, s.Kind, s.On, s.Description,
        s.Amount is { } fen ? Fen.Yuan(fen) : null, s.RecordedBy, s.RecordedAt);
}

public sealed record AssessmentResponse(Guid Id, Guid RecordId, DateOnly On, string Assessor, CapacityScores Scores, int Total, string? Note,
    DateTimeOffset RecordedAt)
{
    internal static AssessmentResponse From(CapacityAssessment a) => new(a.Id, a.RecordId, a.On, a.Assessor, a.Scores, a.Total, a.Note, a.RecordedAt);
}

/// <summary>First against latest assessment: totals and the change of each dimension.</summary>
public sealed record TrendResponse(DateOnly FirstOn, int FirstTotal, DateOnly LatestOn, int LatestTotal, int Change, CapacityScores Changes)
{
    internal static TrendResponse? From(CapacityTrend? t) => t is null ? null : new(t.FirstOn, t.First.Total, t.LatestOn, t.Latest.Total, t.Change,
        new CapacityScores(t.ChangeOf("governance"), t.ChangeOf("finance"), t.ChangeOf("projects"), t.ChangeOf("people"), t.ChangeOf("publicTrust")));
}

public sealed record RecordViewResponse(IncubationRecordResponse Record, string BaseName, IReadOnlyList<SupportResponse> Support, decimal Funds,
    IReadOnlyList<AssessmentResponse> Assessments, TrendResponse? Trend, int GraduationThreshold)
{
    internal static RecordViewResponse From(RecordView v) => new(IncubationRecordResponse.From(v.Record), v.Base.Name,
        [.. v.Support.Select(SupportResponse.From)], Fen.Yuan(v.Funds), [.. v.Assessments.Select(AssessmentResponse.From)], TrendResponse.From(v.Trend),
        v.Threshold);
}

/// <summary>Incubation of social organisations (孵化基地) under <c>/api/v1/social/incubation</c>.</summary>
public static class IncubationApi
{
    internal static void MapIncubationApi(this RouteGroupBuilder social)
    {
        var group = social.MapGroup("/incubation");
        group.MapGet("/bases", ListBasesAsync);
        group.MapPost("/bases", OpenBaseAsync);
        group.MapGet("/bases/{id:guid}", GetBaseAsync);
        group.MapPost("/bases/{id:guid}/records", ApplyAsync);
        group.MapGet("/records/{id:guid}", GetRecordAsync);
        group.MapPost("/records/{id:guid}/admit", AdmitAsync);
        group.MapPost("/records/{id:guid}/graduate", GraduateAsync);
        group.MapPost("/records/{id:guid}/leave", LeaveAsync);
        group.MapPost("/records/{id:guid}/support", SupportAsync);
        group.MapPost("/records/{id:guid}/assessments", AssessAsync);
    }

    internal static async Task<Ok<List<BaseResponse>>> ListBasesAsync(string? scope, ICallerAccessor callers, IncubationService service,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await service.ListBasesAsync(callers.Current, scope, cancellationToken)).Select(BaseResponse.From).ToList());

    internal static async Task<Created<BaseResponse>> OpenBaseAsync(OpenBaseRequest request, ICallerAccessor callers, IncubationService service,
        CancellationToken cancellationToken)
    {
        var opened = await service.OpenBaseAsync(callers.Current, request.Name, request.JurisdictionCode, request.Address, request.Places,
            request.OperatorOrganisationId, cancellationToken);
        return TypedResults.Created($"/api/v1/social/incubation/bases/{opened.Id}", BaseResponse.From(opened, []));
    }

    internal static async Task<Ok<BaseViewResponse>> GetBaseAsync(Guid id, ICallerAccessor callers, IncubationService service,
        CancellationToken cancellationToken)
    {
        var (incubator, records) = await service.ViewBaseAsync(callers.Current, id, cancellationToken);
        return TypedResults.Ok(new BaseViewResponse(BaseResponse.From(incubator, records), [.. records.Select(IncubationRecordResponse.From)]));
    }

    internal static async Task<Results<Created<IncubationRecordResponse>, Ok<IncubationRecordResponse>>> ApplyAsync(Guid id,
        ApplyForIncubationRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ICallerAccessor callers,
        IncubationService service, CancellationToken cancellationToken)
    {
        var (record, created) = await service.ApplyAsync(callers.Current, id, request.OrganisationId, request.Need, idempotencyKey, cancellationToken);
        var response = IncubationRecordResponse.From(record);
        return created ? TypedResults.Created($"/api/v1/social/incubation/records/{record.Id}", response) : TypedResults.Ok(response);
    }

    internal static async Task<Ok<RecordViewResponse>> GetRecordAsync(Guid id, ICallerAccessor callers, IncubationService service,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(RecordViewResponse.From(await service.ViewRecordAsync(callers.Current, id, cancellationToken)));

    internal static async Task<Ok<IncubationRecordResponse>> AdmitAsync(Guid id, AdmitRequest request, ICallerAccessor callers,
        IncubationService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(IncubationRecordResponse.From(
            await service.AdmitAsync(callers.Current, id, request.MentorUserId, request.MentorName, request.Version, cancellationToken)));

    internal static async Task<Ok<IncubationRecordResponse>> GraduateAsync(Guid id, GraduateRequest? request, ICallerAccessor callers,
        IncubationService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(IncubationRecordResponse.From(
            await service.GraduateAsync(callers.Current, id, request?.Note, request?.Version, cancellationToken)));

    internal static async Task<Ok<IncubationRecordResponse>> LeaveAsync(Guid id, LeaveRequest request, ICallerAccessor callers,
        IncubationService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(IncubationRecordResponse.From(await service.LeaveAsync(callers.Current, id, request.Reason, request.Version, cancellationToken)));

    internal static async Task<Results<Created<SupportResponse>, Ok<SupportResponse>>> SupportAsync(Guid id, SupportRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ICallerAccessor callers, IncubationService service,
        CancellationToken cancellationToken)
    {
        var (support, created) = await service.GiveSupportAsync(callers.Current, id, request.Kind, request.On, request.Description, request.Amount,
            idempotencyKey, cancellationToken);
        var response = SupportResponse.From(support);
        return created ? TypedResults.Created($"/api/v1/social/incubation/records/{id}", response) : TypedResults.Ok(response);
    }

    internal static async Task<Results<Created<AssessmentResponse>, Ok<AssessmentResponse>>> AssessAsync(Guid id, AssessRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ICallerAccessor callers, IncubationService service,
        CancellationToken cancellationToken)
    {
        var (assessment, created) = await service.AssessAsync(callers.Current, id, request.On, request.Assessor,
            new CapacityScores.Input(request.Governance, request.Finance, request.Projects, request.People, request.PublicTrust), request.Note,
            idempotencyKey, cancellationToken);
        var response = AssessmentResponse.From(assessment);
        return created ? TypedResults.Created($"/api/v1/social/incubation/records/{id}", response) : TypedResults.Ok(response);
    }
}
