using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Services.Training;

public enum CourseKind
{
    /// <summary>信息系统操作: the platforms staff work in (一网通办, the grid app, the 12345 work-order system).</summary>
    SystemOperation,

    /// <summary>政策业务: policy and procedure.</summary>
    PolicyBusiness,

    /// <summary>社会工作: social-work methods and continuing education.</summary>
    SocialWork,
}

/// <summary>
/// A training course (培训课程) set by a jurisdiction for the staff below it: the city's courses hold for everyone, a street's
/// for its own staff. <see cref="RequiredFor"/> names the staff roles that must complete it. A course that grants a
/// certificate is completed by holding that certificate while it is valid (the pass of a session issues one); any other
/// course by a passed enrolment, or an attended one when the course has no assessment.
/// </summary>
public sealed class TrainingCourse : IVisibleToDescendants, IVersioned, IAudited
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 100;
    public const int MaxHours = 200;
    public const int MaxValidityMonths = 120;

    /// <summary>The roles whose holders are staff that training can be required of.</summary>
    public static readonly IReadOnlyList<string> StaffRoles =
        [Roles.GridWorker, Roles.CommunityStaff, Roles.StreetStaff, Roles.StreetDispatcher, Roles.DepartmentStaff];

    private TrainingCourse()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Who set the course: its staff, and those below, are the ones it is required of.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public CourseKind Kind { get; private set; }

    public int Hours { get; private set; }

    public IReadOnlyList<string> RequiredFor { get; private set; } = [];

    public bool HasAssessment { get; private set; }

    /// <summary>The score (of 100) that passes, when the course ends with an assessment.</summary>
    public int? PassMark { get; private set; }

    /// <summary>The certificate a pass grants (e.g. 社会工作者继续教育合格证明), or null.</summary>
    public string? CertificateKind { get; private set; }

    /// <summary>How long the certificate holds; null when it does not expire.</summary>
    public int? ValidityMonths { get; private set; }

    /// <summary>Who set the course, and the <c>Idempotency-Key</c> of their request: a retry finds the course it made.</summary>
    public string? DefinedByUserId { get; private set; }

    public string? IdempotencyKey { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Code;

    public static TrainingCourse Define(string jurisdictionCode, CourseInput input, string? definedBy = null, string? idempotencyKey = null)
    {
        var course = new TrainingCourse { Id = Guid.NewGuid(), JurisdictionCode = jurisdictionCode, DefinedByUserId = definedBy, IdempotencyKey = idempotencyKey };
        course.Apply(input, withCode: true);
        return course;
    }

    public void Change(CourseInput input) => Apply(input, withCode: false);

    /// <summary>Whether the course is required of an account with these roles whose scope is <paramref name="scopeCode"/>.</summary>
    public bool IsRequiredOf(string scopeCode, IEnumerable<string> roles) =>
        Gongzhi.Platform.Scoping.JurisdictionCode.IsWithin(scopeCode, JurisdictionCode) && roles.Any(RequiredFor.Contains);

    /// <summary>Whether a score passes: at or above the pass mark.</summary>
    public bool Passes(int score) => score >= (PassMark ?? 0);

    private void Apply(CourseInput input, bool withCode)
    {
        var errors = new Dictionary<string, string[]>();
        var code = input.Code?.Trim() ?? "";
        if (withCode && (code.Length is 0 or > MaxCodeLength || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            errors["code"] = [ServicesText.Format("Training.CodeInvalid", MaxCodeLength)];
        }
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            errors["name"] = [ServicesText.Format("Field.Required", MaxNameLength)];
        }
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = [ServicesText.Get("Training.KindInvalid")];
        }
        if (input.Hours is not (>= 1 and <= MaxHours))
        {
            errors["hours"] = [ServicesText.Format("Field.Between", 1, MaxHours)];
        }
        var roles = (input.RequiredFor ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (roles.Any(r => !StaffRoles.Contains(r)))
        {
            errors["requiredFor"] = [ServicesText.Get("Training.RoleInvalid")];
        }
        var assessed = input.HasAssessment ?? false;
        if (assessed && input.PassMark is not (>= 1 and <= 100))
        {
            errors["passMark"] = [ServicesText.Format("Field.Between", 1, 100)];
        }
        var certificate = string.IsNullOrWhiteSpace(input.CertificateKind) ? null : input.CertificateKind.Trim();
        if (certificate is { Length: > TrainingCertificate.MaxKindLength })
        {
            errors["certificateKind"] = [ServicesText.Format("Field.TooLong", TrainingCertificate.MaxKindLength)];
        }
        if (certificate is not null && !assessed)
        {
            // A certificate says someone passed: a course without an assessment has nothing to certify.
            errors["certificateKind"] = [ServicesText.Get("Training.CertificateNeedsAssessment")];
        }
        if (input.ValidityMonths is { } months && (certificate is null || months is < 1 or > MaxValidityMonths))
        {
            errors["validityMonths"] = [ServicesText.Format("Field.Between", 1, MaxValidityMonths)];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        if (withCode)
        {
            Code = code.ToUpperInvariant();
        }
        Name = name;
        Kind = input.Kind!.Value;
        Hours = input.Hours!.Value;
        RequiredFor = roles;
        HasAssessment = assessed;
        PassMark = assessed ? input.PassMark : null;
        CertificateKind = certificate;
        ValidityMonths = certificate is null ? null : input.ValidityMonths;
    }
}
