using System.Linq.Expressions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Registry.Imports;

public enum PersonImportState
{
    /// <summary>Stored, waiting for the worker.</summary>
    Queued = 0,

    /// <summary>Rows are being checked and stored, batch by batch.</summary>
    Running = 1,

    /// <summary>Every row was tried; <see cref="PersonImportJob.Failed"/> says how many were refused.</summary>
    Completed = 2,
}

/// <summary>
/// One uploaded file of persons and how far it has gone. The decoded file is kept in the row so that any node can
/// resume the job after a restart. <see cref="Processed"/> counts the rows done in file order and is saved in the same
/// transaction as the batch of persons it covers: a crash loses at most the batch in flight, which is then done again.
/// </summary>
public sealed class PersonImportJob : IJurisdictional
{
    private PersonImportJob()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The importer's scope: rows outside it are refused, and staff covering it may follow the job.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public string CreatedByUserId { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";

    public string? IdempotencyKey { get; private set; }

    public string FileName { get; private set; } = "";

    /// <summary>The file's encoding as detected (UTF-8 or GB18030).</summary>
    public string Encoding { get; private set; } = "";

    public string Content { get; private set; } = "";

    public PersonImportState State { get; private set; }

    public int Total { get; private set; }

    public int Processed { get; private set; }

    public int Accepted { get; private set; }

    public int Failed { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Until when one node holds the job; another may take it over after that (the holder crashed).</summary>
    public DateTimeOffset? LeaseUntil { get; internal set; }

    internal static PersonImportJob Create(Caller importer, string fileName, string encoding, string content, int total, string? idempotencyKey,
        DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        JurisdictionCode = importer.ScopeCode,
        CreatedByUserId = importer.UserId ?? throw new InvalidOperationException("An import is made by an account."),
        CreatedBy = importer.UserName ?? importer.UserId,
        IdempotencyKey = idempotencyKey,
        FileName = fileName,
        Encoding = encoding,
        Content = content,
        Total = total,
        State = PersonImportState.Queued,
        CreatedAt = now,
    };

    internal void Start(DateTimeOffset now)
    {
        if (State == PersonImportState.Queued)
        {
            State = PersonImportState.Running;
            StartedAt = now;
        }
    }

    /// <summary>A batch is done: its rows count, in the same save as the persons and errors they made.</summary>
    internal void BatchDone(int rows, int accepted, DateTimeOffset now, TimeSpan lease)
    {
        Processed += rows;
        Accepted += accepted;
        Failed += rows - accepted;
        LeaseUntil = now + lease;
    }

    internal void Complete(DateTimeOffset now)
    {
        State = PersonImportState.Completed;
        FinishedAt = now;
        LeaseUntil = null;
    }
}

/// <summary>A refused row, or one field of it: what the row-by-row report lists.</summary>
public sealed class PersonImportError : IJurisdictional
{
    public const int MaxMessageLength = 500;

    private PersonImportError()
    {
    }

    public long Id { get; private set; }

    public Guid JobId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    /// <summary>The row as a spreadsheet numbers it: the header is row 1.</summary>
    public int RowNumber { get; private set; }

    public string Field { get; private set; } = "";

    public string Message { get; private set; } = "";

    internal static PersonImportError Of(PersonImportJob job, int row, string field, string message) => new()
    {
        JobId = job.Id,
        JurisdictionCode = job.JurisdictionCode,
        RowNumber = row,
        Field = field.Length > 64 ? field[..64] : field,
        Message = message.Length > MaxMessageLength ? message[..MaxMessageLength] : message,
    };
}

/// <summary>A job as the API and the pages show it: without the stored file.</summary>
public sealed record PersonImportStatus(Guid Id, string FileName, string Encoding, PersonImportState State, int Total, int Processed, int Accepted,
    int Failed, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    internal static readonly Expression<Func<PersonImportJob, PersonImportStatus>> Projection = j => new PersonImportStatus(j.Id, j.FileName,
        j.Encoding, j.State, j.Total, j.Processed, j.Accepted, j.Failed, j.CreatedBy, j.CreatedAt, j.StartedAt, j.FinishedAt);

    private static readonly Func<PersonImportJob, PersonImportStatus> Compiled = Projection.Compile();

    internal static PersonImportStatus Of(PersonImportJob job) => Compiled(job);
}

public sealed record PersonImportErrorResponse(int Row, string Field, string Message);

internal sealed class PersonImportJobConfiguration : IEntityTypeConfiguration<PersonImportJob>
{
    public void Configure(EntityTypeBuilder<PersonImportJob> builder)
    {
        builder.ToTable("registry_import_jobs");
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.JurisdictionCode).HasMaxLength(15);
        builder.Property(j => j.CreatedByUserId).HasMaxLength(64);
        builder.Property(j => j.CreatedBy).HasMaxLength(256);
        builder.Property(j => j.IdempotencyKey).HasMaxLength(128);
        builder.Property(j => j.FileName).HasMaxLength(256);
        builder.Property(j => j.Encoding).HasMaxLength(16);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(j => new { j.CreatedByUserId, j.IdempotencyKey }).IsUnique();
        builder.HasIndex(j => j.State);
        builder.HasIndex(j => new { j.JurisdictionCode, j.CreatedAt });
    }
}

internal sealed class PersonImportErrorConfiguration : IEntityTypeConfiguration<PersonImportError>
{
    public void Configure(EntityTypeBuilder<PersonImportError> builder)
    {
        builder.ToTable("registry_import_errors");
        builder.Property(e => e.JurisdictionCode).HasMaxLength(15);
        builder.Property(e => e.Field).HasMaxLength(64);
        builder.Property(e => e.Message).HasMaxLength(PersonImportError.MaxMessageLength);
        builder.HasIndex(e => new { e.JobId, e.RowNumber });
        builder.HasOne<PersonImportJob>().WithMany().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
