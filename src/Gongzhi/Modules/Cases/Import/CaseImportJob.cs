using Gongzhi.Modules.Access;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Cases.Import;

public enum CaseImportState
{
    /// <summary>Stored, waiting for the worker.</summary>
    Queued = 0,

    /// <summary>Rows are being submitted.</summary>
    Running = 1,

    /// <summary>Every row was tried; <see cref="CaseImportJob.Failed"/> says how many were refused.</summary>
    Completed = 2,
}

/// <summary>Who may import cases: dispatchers, the command centre and administrators.</summary>
public static class CaseImports
{
    /// <summary>The same rule for the pages' authorisation attribute.</summary>
    public const string ImporterRoles = $"{Roles.Admin},{Roles.StreetDispatcher},{Roles.CommandCenter}";

    public static bool MayImport(Caller caller) =>
        caller.IsAdmin || caller.IsInRole(Roles.StreetDispatcher) || caller.IsInRole(Roles.CommandCenter);
}

/// <summary>
/// One uploaded CSV file and how far its rows have gone through intake. The file is kept in the row so
/// that any node can resume the job after a restart; <see cref="Processed"/> is the count of rows done,
/// in file order, and every row's case carries the idempotency key <see cref="RowKey"/>, so a row that was
/// saved just before a crash is found again instead of being filed twice.
/// </summary>
public sealed class CaseImportJob : IJurisdictional
{
    private CaseImportJob()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The importer's scope: who else may follow the job.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public string CreatedByUserId { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";

    public string? IdempotencyKey { get; private set; }

    public string FileName { get; private set; } = "";

    public string Content { get; private set; } = "";

    public CaseImportState State { get; set; }

    public int Total { get; private set; }

    public int Processed { get; set; }

    public int Accepted { get; set; }

    public int Failed { get; set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Until when one node holds the job; another may take it over after that (the holder crashed).</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public string RowKey(int rowNumber) => $"import:{Id:N}:{rowNumber}";

    public static CaseImportJob Create(Caller importer, string fileName, string content, int total, string? idempotencyKey, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        JurisdictionCode = importer.ScopeCode,
        CreatedByUserId = importer.UserId ?? throw new InvalidOperationException("An import needs an account to file its cases under."),
        CreatedBy = importer.UserName ?? importer.UserId,
        IdempotencyKey = idempotencyKey,
        FileName = fileName,
        Content = content,
        Total = total,
        State = CaseImportState.Queued,
        CreatedAt = now,
    };
}

/// <summary>A refused row (or one field of it).</summary>
public sealed class CaseImportError : IJurisdictional
{
    private CaseImportError()
    {
    }

    public long Id { get; private set; }

    public Guid JobId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public int RowNumber { get; private set; }

    public string Field { get; private set; } = "";

    public string Message { get; private set; } = "";

    public static CaseImportError Create(CaseImportJob job, int row, string field, string message) => new()
    {
        JobId = job.Id,
        JurisdictionCode = job.JurisdictionCode,
        RowNumber = row,
        Field = field.Length > 64 ? field[..64] : field,
        Message = message.Length > 1000 ? message[..1000] : message,
    };
}

internal sealed class CaseImportJobConfiguration : IEntityTypeConfiguration<CaseImportJob>
{
    public void Configure(EntityTypeBuilder<CaseImportJob> builder)
    {
        builder.ToTable("case_import_jobs");
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.JurisdictionCode).HasMaxLength(15);
        builder.Property(j => j.CreatedByUserId).HasMaxLength(64);
        builder.Property(j => j.CreatedBy).HasMaxLength(256);
        builder.Property(j => j.IdempotencyKey).HasMaxLength(128);
        builder.Property(j => j.FileName).HasMaxLength(256);
        builder.HasIndex(j => new { j.CreatedByUserId, j.IdempotencyKey }).IsUnique();
        // The worker looks for jobs that are not finished.
        builder.HasIndex(j => j.State);
        builder.HasIndex(j => new { j.JurisdictionCode, j.CreatedAt });
    }
}

internal sealed class CaseImportErrorConfiguration : IEntityTypeConfiguration<CaseImportError>
{
    public void Configure(EntityTypeBuilder<CaseImportError> builder)
    {
        builder.ToTable("case_import_errors");
        builder.Property(e => e.JurisdictionCode).HasMaxLength(15);
        builder.Property(e => e.Field).HasMaxLength(64);
        builder.Property(e => e.Message).HasMaxLength(1000);
        builder.HasIndex(e => new { e.JobId, e.RowNumber });
        builder.HasOne<CaseImportJob>().WithMany().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
