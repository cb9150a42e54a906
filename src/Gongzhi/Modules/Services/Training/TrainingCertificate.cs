using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

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
    public const int MaxReasonLength = 200;

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

    /// <summary>Set when an organiser withdraws the certificate (issued in error, found false): it no longer counts, the record stays.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedByUserId { get; private set; }

    public string? RevocationReason { get; private set; }

    /// <summary>The recorder's <c>Idempotency-Key</c> of the request that recorded it by hand.</summary>
    public string? IdempotencyKey { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    public static TrainingCertificate Record(string holderUserId, string holderScope, CertificateInput input, string recordedBy, DateOnly today,
        string? idempotencyKey = null)
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
            IdempotencyKey = idempotencyKey,
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

    /// <summary>A corrected number or end of validity; a revoked certificate stays as it was revoked.</summary>
    public void Correct(string? number, DateOnly? expiresOn)
    {
        EnsureNotRevoked();
        var errors = new Dictionary<string, string[]>();
        var trimmed = number?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxNumberLength)
        {
            errors["number"] = [ServicesText.Format("Field.Required", MaxNumberLength)];
        }
        if (expiresOn is { } expires && expires <= IssuedOn)
        {
            errors["expiresOn"] = [ServicesText.Get("Training.ExpiresBeforeIssued")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        Number = trimmed;
        ExpiresOn = expiresOn;
    }

    /// <summary>Withdraws the certificate, with the reason the holder and the auditors will read.</summary>
    public void Revoke(string? reason, string by, DateTimeOffset now)
    {
        EnsureNotRevoked();
        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxReasonLength)
        {
            throw FieldValidationException.Field("reason", ServicesText.Format("Field.Required", MaxReasonLength));
        }
        RevokedAt = now;
        RevokedByUserId = by;
        RevocationReason = trimmed;
    }

    private void EnsureNotRevoked()
    {
        if (IsRevoked)
        {
            throw new RuleViolationException(ServicesText.Get("Training.CertificateRevoked"));
        }
    }

    public bool IsValidOn(DateOnly day) => !IsRevoked && IssuedOn <= day && (ExpiresOn is null || ExpiresOn >= day);

    public bool IsExpiringOn(DateOnly day) => IsValidOn(day) && ExpiresOn is { } end && end.DayNumber - day.DayNumber <= ExpiringWithinDays;
}
