using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Platform.PersonalData;

/// <summary>A purpose for which staff may see a person's full data: fixed, so that the audit can be read and judged.</summary>
public sealed record RevealPurpose(string Code, string Label);

public static class RevealPurposes
{
    public const string CaseHandling = "case-handling";
    public const string ServiceApplication = "service-application";
    public const string CareVisit = "care-visit";
    public const string Verification = "verification";
    public const string PersonRequest = "person-request";
    public const string Emergency = "emergency";
    public const string ContactResident = "contact-resident";

    private static readonly (string Code, string Text)[] Known =
    [
        (CaseHandling, "Purpose.CaseHandling"),
        (ServiceApplication, "Purpose.ServiceApplication"),
        (CareVisit, "Purpose.CareVisit"),
        (Verification, "Purpose.Verification"),
        (PersonRequest, "Purpose.PersonRequest"),
        (Emergency, "Purpose.Emergency"),
        (ContactResident, "Purpose.ContactResident"),
    ];

    /// <summary>The purposes with their labels in the current UI language.</summary>
    public static IReadOnlyList<RevealPurpose> All => Known.Select(p => new RevealPurpose(p.Code, PlatformText.Get(p.Text))).ToList();

    public static bool IsKnown(string? code) => code is not null && Known.Any(p => p.Code == code);
}

/// <summary>
/// Every reveal of personal data is written to the audit log at once, with who, when, what and why: a reveal
/// that is shown must be on record even if the caller saves nothing else.
/// </summary>
public sealed class RevealLog(GongzhiDbContext db, TimeProvider clock)
{
    /// <summary>Refuses an unknown purpose as a 400 naming <c>purpose</c>, before anything is revealed.</summary>
    public static void RequirePurpose(string? purpose)
    {
        if (!RevealPurposes.IsKnown(purpose))
        {
            throw FieldValidationException.Field("purpose", PlatformText.Get("Reveal.PurposeRequired"));
        }
    }

    public async Task RecordAsync(Caller caller, string subject, string subjectKey, string jurisdictionCode, string purpose,
        IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        RequirePurpose(purpose);
        db.AuditEntries.Add(AuditEntry.Create(clock.GetUtcNow(), caller, AuditActions.Revealed, subject, subjectKey, jurisdictionCode,
            $"{string.Join(",", fields)}: {purpose}"));
        await db.SaveChangesAsync(cancellationToken);
    }
}
