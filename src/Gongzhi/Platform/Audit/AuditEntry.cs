using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Platform.Audit;

/// <summary>One line of the audit log: a write, a sign-in or a reveal of personal data.</summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Actor { get; private set; } = "";

    public string? ActorId { get; private set; }

    public string Action { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string? SubjectKey { get; private set; }

    /// <summary>Where the subject lives; the audit API filters on it. Empty for platform-wide entries.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public string? RemoteIp { get; private set; }

    public string? Detail { get; private set; }

    public static AuditEntry Create(DateTimeOffset at, Caller who, string action, string subject, string? subjectKey,
        string? jurisdictionCode, string? detail) => new()
    {
        At = at,
        Actor = who.UserName ?? "anonymous",
        ActorId = who.UserId,
        Action = action,
        Subject = subject,
        SubjectKey = subjectKey,
        JurisdictionCode = jurisdictionCode ?? "",
        RemoteIp = who.RemoteIp,
        Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
    };

    public static AuditEntry ForChange(DateTimeOffset at, Caller who, string subject, string key, string? jurisdictionCode,
        EntityState state, string? changed) =>
        Create(at, who, state switch
        {
            EntityState.Added => AuditActions.Created,
            EntityState.Deleted => AuditActions.Deleted,
            _ => AuditActions.Updated,
        }, subject, key, jurisdictionCode, changed);
}

public static class AuditActions
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";
    public const string Revealed = "revealed";
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignedOut = "signed-out";
    public const string PasswordChanged = "password-changed";
    public const string Locked = "locked";
    public const string Unlocked = "unlocked";
    public const string PasswordReset = "password-reset";
    public const string Deactivated = "deactivated";
    public const string Imported = "imported";
    public const string Seeded = "seeded";
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.ActorId).HasMaxLength(64);
        builder.Property(e => e.Action).HasMaxLength(32);
        builder.Property(e => e.Subject).HasMaxLength(64);
        builder.Property(e => e.SubjectKey).HasMaxLength(128);
        builder.Property(e => e.JurisdictionCode).HasMaxLength(15);
        builder.Property(e => e.RemoteIp).HasMaxLength(64);
        builder.Property(e => e.Detail).HasMaxLength(1000);
        builder.HasIndex(e => new { e.JurisdictionCode, e.At });
        builder.HasIndex(e => e.At);
    }
}
