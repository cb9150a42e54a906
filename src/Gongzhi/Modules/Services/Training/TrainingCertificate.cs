using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.Services.Training;

public enum CertificateSource
{
    /// <summary>Issued by the pass of a session of a course that grants it.</summary>
    Session,

    /// <summary>Recorded by an administrator from the paper (a qualification taken elsewhere, e.g. 社会工作者职业资格).</summary>
    Recorded,
}

/// <summary>
/// A certificate a staff member holds (证书): its kind (社会工作者职业资格（初级）…), number, when it was issued and until when it
/// holds. It lies in the holder's jurisdiction. A certificate still valid on a day completes, that day, the courses that grant
/// its kind.
/// </summary>
public sealed class TrainingCertificate : IJurisdictional, IVersioned, IAudited
{
    public const int MaxKindLength = 60;
    public const int MaxNumberLength = 40;

    /// <summary>How long before its end a certificate is shown as expiring.</summary>
    public const int ExpiringWithinDays = 60;

    private TrainingCertificate()
    {
    }

    public Guid Id { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public string HolderUserId { get; private set; } = "";

    public string Kind { get; private set; } = "";

    public string Number { get; private set; } = "";

    public DateOnly IssuedOn { get; private set; }

    /// <summary>The last day it holds; null when it does not expire.</summary>
    public DateOnly? ExpiresOn { get; private set; }

    public CertificateSource Source { get; private set; }

    public Guid? EnrolmentId { get; private set; }

    public string RecordedByUserId { get; private set; } = "";

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    public static TrainingCertificate Record(string holderUserId, string holderScope, CertificateInput input, string recordedBy, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = input.Kind?.Trim() ?? "";
        if (kind.Length is 0 or > MaxKindLength)
        {
            errors["kind"] = [ServicesText.Format("Field.Required", MaxKindLength)];
        }
        var number = input.Number?.Trim() ?? "";
        if (number.Length is 0 or > MaxNumberLength)
        {
            errors["number"] = [ServicesText.Format("Field.Required", MaxNumberLength)];
        }
        if (input.IssuedOn is not { } issued || issued > today)
        {
            errors["issuedOn"] = [ServicesText.Get("Training.IssuedInFuture")];
        }
        if (input.ExpiresOn is { } expires && input.IssuedOn is { } from && expires <= from)
        {
            errors["expiresOn"] = [ServicesText.Get("Training.ExpiresBeforeIssued")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        return new TrainingCertificate
        {
            Id = Guid.NewGuid(),
            JurisdictionCode = holderScope,
            HolderUserId = holderUserId,
            Kind = kind,
            Number = number,
            IssuedOn = input.IssuedOn!.Value,
            ExpiresOn = input.ExpiresOn,
            Source = CertificateSource.Recorded,
            RecordedByUserId = recordedBy,
        };
    }

    /// <summary>The certificate a pass grants, numbered after the course and the enrolment.</summary>
    internal static TrainingCertificate Grant(TrainingCourse course, Enrolment enrolment, DateOnly issuedOn, string recordedBy) => new()
    {
        Id = Guid.NewGuid(),
        JurisdictionCode = enrolment.JurisdictionCode,
        HolderUserId = enrolment.StaffUserId,
        Kind = course.CertificateKind ?? throw new InvalidOperationException("The course grants no certificate."),
        Number = $"{course.Code}-{issuedOn:yyyyMMdd}-{enrolment.Id.ToString("N")[..6].ToUpperInvariant()}",
        IssuedOn = issuedOn,
        ExpiresOn = course.ValidityMonths is { } months ? issuedOn.AddMonths(months).AddDays(-1) : null,
        Source = CertificateSource.Session,
        EnrolmentId = enrolment.Id,
        RecordedByUserId = recordedBy,
    };

    public bool IsValidOn(DateOnly day) => IssuedOn <= day && (ExpiresOn is null || ExpiresOn >= day);

    public bool IsExpiringOn(DateOnly day) => IsValidOn(day) && ExpiresOn is { } end && end.DayNumber - day.DayNumber <= ExpiringWithinDays;
}
