using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Conferences.Venues;

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> builder)
    {
        builder.ToTable("conference_venues");
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.JurisdictionCode).HasMaxLength(15);
        builder.Property(v => v.Name).HasMaxLength(Venue.MaxNameLength);
        builder.Property(v => v.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Address).HasMaxLength(Venue.MaxAddressLength);
        builder.Property(v => v.OpeningHours).HasJsonListConversion();
        builder.HasIndex(v => v.BodyId);
        builder.HasIndex(v => v.OwnerOrganisationId);
        builder.HasIndex(v => v.JurisdictionCode);
        builder.HasOne<ConferenceBody>().WithMany().HasForeignKey(v => v.BodyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VenueBookingConfiguration : IEntityTypeConfiguration<VenueBooking>
{
    public void Configure(EntityTypeBuilder<VenueBooking> builder)
    {
        builder.ToTable("conference_venue_bookings");
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.JurisdictionCode).HasMaxLength(15);
        builder.Property(b => b.BookedByUserId).HasMaxLength(64);
        builder.Property(b => b.BookedByName).HasMaxLength(64);
        builder.Property(b => b.Purpose).HasMaxLength(VenueBooking.MaxPurposeLength);
        builder.Property(b => b.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.DecidedBy).HasMaxLength(64);
        builder.Property(b => b.DecisionNote).HasMaxLength(VenueBooking.MaxNoteLength);
        builder.Ignore(b => b.Holds);
        builder.HasIndex(b => new { b.VenueId, b.Start });
        builder.HasIndex(b => new { b.BookedByUserId, b.Start });
        builder.HasIndex(b => b.JurisdictionCode);
        builder.HasOne<Venue>().WithMany().HasForeignKey(b => b.VenueId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VenueSlotConfiguration : IEntityTypeConfiguration<VenueSlot>
{
    public void Configure(EntityTypeBuilder<VenueSlot> builder)
    {
        builder.ToTable("conference_venue_slots");
        // The key is the overlap guard: one row per venue and half hour, whichever booking holds it.
        builder.HasKey(s => new { s.VenueId, s.Slot });
        builder.HasIndex(s => s.BookingId);
        builder.HasOne<VenueBooking>().WithMany().HasForeignKey(s => s.BookingId).OnDelete(DeleteBehavior.Cascade);
    }
}
