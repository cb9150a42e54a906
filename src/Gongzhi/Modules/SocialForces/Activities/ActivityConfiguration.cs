using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.SocialForces.Activities;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        // The database holds the capacity whatever the code does: a confirmed place more than the capacity fails the save.
        builder.ToTable("social_activities", t =>
        {
            t.HasCheckConstraint("CK_social_activities_capacity", "\"Confirmed\" <= \"Capacity\" AND \"Confirmed\" >= 0 AND \"Waitlisted\" >= 0");
        });
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.JurisdictionCode).HasMaxLength(15);
        builder.Property(a => a.Title).HasMaxLength(Activity.MaxTitleLength);
        builder.Property(a => a.Place).HasMaxLength(Activity.MaxPlaceLength);
        builder.Property(a => a.OrganisedByUserId).HasMaxLength(64);
        builder.Property(a => a.OrganisedByName).HasMaxLength(64);
        builder.HasIndex(a => new { a.JurisdictionCode, a.StartsAt });
        builder.HasIndex(a => a.StartsAt);
    }
}

internal sealed class ActivityRegistrationConfiguration : IEntityTypeConfiguration<ActivityRegistration>
{
    public void Configure(EntityTypeBuilder<ActivityRegistration> builder)
    {
        builder.ToTable("social_activity_registrations");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.JurisdictionCode).HasMaxLength(15);
        builder.Property(r => r.UserId).HasMaxLength(64);
        builder.Property(r => r.DisplayName).HasMaxLength(64);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        // One live registration per person and activity; a cancelled one does not stop a new one.
        builder.HasIndex(r => new { r.ActivityId, r.UserId }).IsUnique().HasFilter("\"Status\" <> 'Cancelled'");
        // The arrival order is the waiting list's order, one number per registration.
        builder.HasIndex(r => new { r.ActivityId, r.Arrival }).IsUnique();
        builder.HasIndex(r => new { r.UserId, r.RegisteredAt });
        builder.HasOne<Activity>().WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}
