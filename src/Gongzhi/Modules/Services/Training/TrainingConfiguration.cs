using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Services.Training;

internal sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> builder)
    {
        builder.ToTable("training_courses");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.JurisdictionCode).HasMaxLength(15);
        builder.Property(c => c.Code).HasMaxLength(TrainingCourse.MaxCodeLength);
        builder.Property(c => c.Name).HasMaxLength(TrainingCourse.MaxNameLength);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.RequiredFor).HasJsonListConversion();
        builder.Property(c => c.CertificateKind).HasMaxLength(TrainingCertificate.MaxKindLength);
        builder.Property(c => c.DefinedByUserId).HasMaxLength(64);
        builder.Property(c => c.IdempotencyKey).HasMaxLength(128);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasIndex(c => c.JurisdictionCode);
        builder.HasIndex(c => new { c.DefinedByUserId, c.IdempotencyKey }).IsUnique();
    }
}

internal sealed class CourseSessionConfiguration : IEntityTypeConfiguration<CourseSession>
{
    public void Configure(EntityTypeBuilder<CourseSession> builder)
    {
        builder.ToTable("training_sessions");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.JurisdictionCode).HasMaxLength(15);
        builder.Property(s => s.Place).HasMaxLength(CourseSession.MaxPlaceLength);
        builder.Property(s => s.OrganisedByUserId).HasMaxLength(64);
        builder.Property(s => s.CancelledByUserId).HasMaxLength(64);
        builder.Property(s => s.IdempotencyKey).HasMaxLength(128);
        builder.Ignore(s => s.Free);
        builder.Ignore(s => s.IsCancelled);
        builder.HasIndex(s => new { s.OrganisedByUserId, s.IdempotencyKey }).IsUnique();
        builder.HasIndex(s => new { s.JurisdictionCode, s.StartsAt });
        builder.HasOne<TrainingCourse>().WithMany().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> builder)
    {
        builder.ToTable("training_enrolments");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.JurisdictionCode).HasMaxLength(15);
        builder.Property(e => e.SessionCode).HasMaxLength(15);
        builder.Property(e => e.StaffUserId).HasMaxLength(64);
        builder.Property(e => e.EnrolledByUserId).HasMaxLength(64);
        builder.Property(e => e.WithdrawnByUserId).HasMaxLength(64);
        builder.Property(e => e.IdempotencyKey).HasMaxLength(128);
        builder.Ignore(e => e.IsWithdrawn);
        builder.HasIndex(e => new { e.EnrolledByUserId, e.IdempotencyKey }).IsUnique();
        builder.HasIndex(e => new { e.SessionId, e.StaffUserId }).IsUnique();
        builder.HasIndex(e => new { e.StaffUserId, e.CourseId });
        builder.HasIndex(e => e.JurisdictionCode);
        builder.HasOne<CourseSession>().WithMany().HasForeignKey(e => e.SessionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrainingCertificateConfiguration : IEntityTypeConfiguration<TrainingCertificate>
{
    public void Configure(EntityTypeBuilder<TrainingCertificate> builder)
    {
        builder.ToTable("training_certificates");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.JurisdictionCode).HasMaxLength(15);
        builder.Property(c => c.HolderUserId).HasMaxLength(64);
        builder.Property(c => c.Kind).HasMaxLength(TrainingCertificate.MaxKindLength);
        builder.Property(c => c.Number).HasMaxLength(TrainingCertificate.MaxNumberLength);
        builder.Property(c => c.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.RecordedByUserId).HasMaxLength(64);
        builder.Property(c => c.RevokedByUserId).HasMaxLength(64);
        builder.Property(c => c.RevocationReason).HasMaxLength(TrainingCertificate.MaxReasonLength);
        builder.Property(c => c.IdempotencyKey).HasMaxLength(128);
        builder.Ignore(c => c.IsRevoked);
        builder.HasIndex(c => new { c.RecordedByUserId, c.IdempotencyKey }).IsUnique();
        builder.HasIndex(c => new { c.Kind, c.Number }).IsUnique();
        builder.HasIndex(c => c.HolderUserId);
        builder.HasIndex(c => c.JurisdictionCode);
        builder.HasIndex(c => c.EnrolmentId).IsUnique();
    }
}
