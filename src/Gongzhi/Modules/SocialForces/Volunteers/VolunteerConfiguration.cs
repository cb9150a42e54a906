using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.SocialForces.Volunteers;

internal sealed class VolunteerConfiguration : IEntityTypeConfiguration<Volunteer>
{
    public void Configure(EntityTypeBuilder<Volunteer> builder)
    {
        builder.ToTable("social_volunteers", t => t.HasCheckConstraint("CK_social_volunteers_balance", "\"PointBalance\" >= 0"));
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.UserId).HasMaxLength(64);
        builder.Property(v => v.DisplayName).HasMaxLength(64);
        builder.Property(v => v.JurisdictionCode).HasMaxLength(15);
        builder.Property(v => v.Skills).HasJsonListConversion();
        builder.Property(v => v.Availability).HasMaxLength(Volunteer.MaxAvailabilityLength);
        builder.HasIndex(v => v.UserId).IsUnique();
        builder.HasIndex(v => v.JurisdictionCode);
    }
}

internal sealed class PointMovementConfiguration : IEntityTypeConfiguration<PointMovement>
{
    public void Configure(EntityTypeBuilder<PointMovement> builder)
    {
        builder.ToTable("social_point_movements");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Note).HasMaxLength(100);
        builder.HasIndex(m => new { m.VolunteerId, m.At });
        // Hours are credited once per registration.
        builder.HasIndex(m => new { m.ReferenceId, m.Kind }).IsUnique().HasFilter("\"Kind\" = 'ServiceHours'");
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(m => m.VolunteerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RewardConfiguration : IEntityTypeConfiguration<Reward>
{
    public void Configure(EntityTypeBuilder<Reward> builder)
    {
        builder.ToTable("social_rewards", t => t.HasCheckConstraint("CK_social_rewards_stock", "\"Stock\" >= 0"));
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.JurisdictionCode).HasMaxLength(15);
        builder.Property(r => r.Title).HasMaxLength(Reward.MaxTitleLength);
        builder.HasIndex(r => r.JurisdictionCode);
    }
}
