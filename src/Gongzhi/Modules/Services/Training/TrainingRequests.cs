namespace Gongzhi.Modules.Services.Training;

public sealed record CourseInput(string? Code, string? Name, CourseKind? Kind, int? Hours, IReadOnlyList<string>? RequiredFor, bool? HasAssessment,
    int? PassMark, string? CertificateKind, int? ValidityMonths);

/// <param name="JurisdictionCode">Who sets the course; the caller's own scope when absent.</param>
public sealed record CourseRequest(string? JurisdictionCode, string? Code, string? Name, CourseKind? Kind, int? Hours, IReadOnlyList<string>? RequiredFor,
    bool? HasAssessment, int? PassMark, string? CertificateKind, int? ValidityMonths, long? Version = null)
{
    internal CourseInput Input => new(Code, Name, Kind, Hours, RequiredFor, HasAssessment, PassMark, CertificateKind, ValidityMonths);
}

public sealed record SessionInput(DateTimeOffset? StartsAt, int? Minutes, string? Place, int? Capacity);

/// <param name="JurisdictionCode">The organising jurisdiction; the caller's own scope when absent.</param>
public sealed record SessionRequest(Guid? CourseId, string? JurisdictionCode, DateTimeOffset? StartsAt, int? Minutes, string? Place, int? Capacity)
{
    internal SessionInput Input => new(StartsAt, Minutes, Place, Capacity);
}

/// <summary>A session's new time, length, place and capacity, with the version the organiser read.</summary>
public sealed record SessionChangeRequest(DateTimeOffset? StartsAt, int? Minutes, string? Place, int? Capacity, long? Version = null)
{
    internal SessionInput Input => new(StartsAt, Minutes, Place, Capacity);
}

/// <summary>An action that needs nothing but the version the caller read (cancel a session, withdraw from one).</summary>
public sealed record VersionRequest(long? Version = null);

/// <summary>A certificate's corrected number and end of validity (none: it does not expire).</summary>
public sealed record CertificateChangeRequest(string? Number, DateOnly? ExpiresOn, long? Version = null);

public sealed record RevokeRequest(string? Reason, long? Version = null);

/// <param name="UserName">The staff member an organiser enrols; absent when the caller enrols themselves.</param>
public sealed record EnrolRequest(string? UserName);

public sealed record AttendanceRequest(bool? Attended, long? Version = null);

public sealed record AssessmentRequest(int? Score, long? Version = null);

public sealed record CertificateInput(string? Kind, string? Number, DateOnly? IssuedOn, DateOnly? ExpiresOn);

public sealed record CertificateRequest(string? UserName, string? Kind, string? Number, DateOnly? IssuedOn, DateOnly? ExpiresOn)
{
    internal CertificateInput Input => new(Kind, Number, IssuedOn, ExpiresOn);
}

public sealed record CourseResponse(Guid Id, string JurisdictionCode, string Code, string Name, CourseKind Kind, int Hours, IReadOnlyList<string> RequiredFor,
    bool HasAssessment, int? PassMark, string? CertificateKind, int? ValidityMonths, long Version)
{
    internal static CourseResponse From(TrainingCourse c) => new(c.Id, c.JurisdictionCode, c.Code, c.Name, c.Kind, c.Hours, c.RequiredFor, c.HasAssessment,
        c.PassMark, c.CertificateKind, c.ValidityMonths, c.Version);
}

public sealed record SessionResponse(Guid Id, string JurisdictionCode, Guid CourseId, string CourseCode, string CourseName, DateTimeOffset StartsAt,
    DateTimeOffset EndsAt, string Place, int Capacity, int Enrolled, int Free, bool MayOrganise, long Version, DateTimeOffset? CancelledAt = null)
{
    public bool Cancelled => CancelledAt is not null;

    internal static SessionResponse From(CourseSession s, TrainingCourse c, bool mayOrganise) => new(s.Id, s.JurisdictionCode, c.Id, c.Code, c.Name,
        s.StartsAt, s.EndsAt, s.Place, s.Capacity, s.Enrolled, s.Free, mayOrganise, s.Version, s.CancelledAt);
}

public sealed record EnrolmentResponse(Guid Id, Guid SessionId, Guid CourseId, string StaffUserId, string? StaffName, string JurisdictionCode,
    DateTimeOffset EnrolledAt, bool? Attended, int? Score, bool? Passed, long Version, DateTimeOffset? WithdrawnAt = null)
{
    public bool Withdrawn => WithdrawnAt is not null;

    internal static EnrolmentResponse From(Enrolment e, string? name) => new(e.Id, e.SessionId, e.CourseId, e.StaffUserId, name, e.JurisdictionCode,
        e.EnrolledAt, e.Attended, e.Score, e.Passed, e.Version, e.WithdrawnAt);
}

public sealed record SessionDetail(SessionResponse Session, CourseResponse Course, IReadOnlyList<EnrolmentResponse> Enrolments, EnrolmentResponse? Mine);

public sealed record CertificateResponse(Guid Id, string HolderUserId, string? HolderName, string JurisdictionCode, string Kind, string Number,
    DateOnly IssuedOn, DateOnly? ExpiresOn, CertificateSource Source, bool Valid, bool Expiring, long Version, DateTimeOffset? RevokedAt = null,
    string? RevocationReason = null)
{
    public bool Revoked => RevokedAt is not null;

    internal static CertificateResponse From(TrainingCertificate c, string? name, DateOnly today) => new(c.Id, c.HolderUserId, name, c.JurisdictionCode,
        c.Kind, c.Number, c.IssuedOn, c.ExpiresOn, c.Source, c.IsValidOn(today), c.IsExpiringOn(today), c.Version, c.RevokedAt, c.RevocationReason);
}

/// <summary>A required course and where the staff member stands with it.</summary>
public sealed record RequiredCourse(Guid CourseId, string Code, string Name, bool Completed, DateOnly? ExpiredOn);

/// <summary>A staff member's training: what their roles require of them, their enrolments and certificates.</summary>
public sealed record MyTraining(IReadOnlyList<RequiredCourse> Required, IReadOnlyList<MyEnrolment> Enrolments, IReadOnlyList<CertificateResponse> Certificates);

public sealed record MyEnrolment(EnrolmentResponse Enrolment, SessionResponse Session, bool Completes);

/// <summary>One area's share: staff whose roles require training, how many completed all of it.</summary>
public sealed record ComplianceRow(string Code, string Name, int Staff, int Complete, int Flagged)
{
    /// <summary>Complete over staff; null when the area has no staff training is required of.</summary>
    public double? Share => Staff == 0 ? null : (double)Complete / Staff;
}

/// <summary>A staff member without what their roles require: flagged for their administrator, nothing is blocked.</summary>
public sealed record FlaggedStaff(string UserId, string? UserName, string DisplayName, string ScopeCode, string ScopeName, IReadOnlyList<string> Roles,
    IReadOnlyList<string> Missing, IReadOnlyList<ExpiredCertificate> Expired);

public sealed record ExpiredCertificate(string Kind, string Number, DateOnly ExpiredOn);

public sealed record ComplianceReport(string Scope, string ScopeName, ComplianceRow Total, IReadOnlyList<ComplianceRow> Streets,
    IReadOnlyList<ComplianceRow> Communities, IReadOnlyList<FlaggedStaff> Flagged);
