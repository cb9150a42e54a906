using Gongzhi.Modules.Services.Catalogue;

namespace Gongzhi.Modules.Services.Applications;

public sealed record ApplicantInput(string? Name, string? IdNumber, string? Phone);

/// <param name="Channel">online (the resident), window (a clerk for a walk-in) or proxy (代办 by a worker); defaults by role.</param>
public sealed record ApplicationRequest(string? ItemCode, string? JurisdictionCode, ApplicantInput? Applicant, ApplicationChannel? Channel,
    IReadOnlyList<Guid>? PhotoIds = null);

/// <summary>The body of every action; each action reads the fields it needs.</summary>
public sealed record ApplicationActionRequest(string? Note = null, string? Reason = null, IReadOnlyList<string>? Missing = null,
    IReadOnlyList<Guid>? PhotoIds = null, long? Version = null);

public sealed record EvaluationRequest(int? Level, string? Comment);

public sealed record FollowUpRequest(string? Answer);

public sealed record RevealRequest(string? Purpose);

public sealed record ApplicantResponse(string Name, string IdNumber, string Phone);

public sealed record ApplicationResponse(
    Guid Id,
    string Reference,
    ApplicationState State,
    string ItemCode,
    string ItemName,
    ServiceLevel Level,
    bool Immediate,
    int PromisedDays,
    string JurisdictionCode,
    ApplicationChannel Channel,
    ApplicantResponse Applicant,
    bool Mine,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? AcceptedAt,
    DateOnly? DueDate,
    bool Overdue,
    int StoppedWorkingDays,
    IReadOnlyList<string> Missing,
    string? Reason,
    IReadOnlyList<Guid> PhotoIds,
    IReadOnlyList<ApplicationStep> Timeline,
    int? Rating,
    string? RatingComment,
    DateOnly? FollowUpDue,
    string? FollowUpAnswer,
    long Version)
{
    /// <summary>The applicant's data masked: lists and answers never carry the full values.</summary>
    internal static ApplicationResponse From(ServiceApplication a, bool mine, DateOnly today) => new(a.Id, a.Reference, a.State, a.ItemCode,
        a.ItemName, a.Level, a.Immediate, a.PromisedDays, a.JurisdictionCode, a.Channel,
        new ApplicantResponse(a.ApplicantNameMasked, a.ApplicantIdNumberMasked, a.ApplicantPhoneMasked), mine, a.SubmittedAt, a.AcceptedAt,
        a.DueDate, a.IsOverdue(today), a.StoppedWorkingDays, a.Missing, a.Reason, a.PhotoIds, a.Steps, a.Rating, a.RatingComment,
        a.FollowUpDue, a.FollowUpAnswer, a.Version);
}

/// <param name="Total">How many match, counted up to <see cref="ApplicationQueries.TotalCap"/>.</param>
/// <param name="TotalIsLowerBound">More than <see cref="ApplicationQueries.TotalCap"/> match: the total says "at least".</param>
public sealed record ApplicationPage(IReadOnlyList<ApplicationResponse> Items, int Total, bool TotalIsLowerBound = false);
