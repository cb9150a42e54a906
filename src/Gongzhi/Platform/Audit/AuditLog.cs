using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Platform.Audit;

/// <summary>
/// Explicit audit entries for what is not a record change: sign-ins and reveals of personal data.
/// Record changes are audited by the context itself.
/// </summary>
public sealed class AuditLog(GongzhiDbContext db, TimeProvider clock)
{
    /// <summary>Records that the caller saw a person's unmasked data, and why. Saved with the caller's next SaveChanges.</summary>
    public void Reveal(string subject, string subjectKey, string jurisdictionCode, string field, string purpose) =>
        db.AuditEntries.Add(AuditEntry.Create(clock.GetUtcNow(), db.Caller, AuditActions.Revealed, subject, subjectKey, jurisdictionCode,
            $"{field}: {purpose}"));

    public async Task WriteAsync(string action, string subject, string? subjectKey, string? jurisdictionCode, string? detail,
        CancellationToken cancellationToken, Caller? actor = null)
    {
        db.AuditEntries.Add(AuditEntry.Create(clock.GetUtcNow(), actor ?? db.Caller, action, subject, subjectKey, jurisdictionCode, detail));
        await db.SaveChangesAsync(cancellationToken);
    }
}
