using Gongzhi.Modules.Services.Appointments;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Services.Queue;

internal sealed class QueueGroupConfiguration : IEntityTypeConfiguration<QueueGroup>
{
    public void Configure(EntityTypeBuilder<QueueGroup> builder)
    {
        builder.ToTable("service_queue_groups");
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.JurisdictionCode).HasMaxLength(15);
        builder.Property(g => g.Prefix).HasMaxLength(1);
        builder.Property(g => g.Name).HasMaxLength(QueueGroup.MaxNameLength);
        builder.Property(g => g.ItemCodes).HasJsonListConversion();
        builder.HasIndex(g => new { g.JurisdictionCode, g.Prefix }).IsUnique();
    }
}

internal sealed class QueueTicketConfiguration : IEntityTypeConfiguration<QueueTicket>
{
    public void Configure(EntityTypeBuilder<QueueTicket> builder)
    {
        builder.ToTable("service_queue_tickets");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.JurisdictionCode).HasMaxLength(15);
        builder.Property(t => t.Prefix).HasMaxLength(1);
        builder.Property(t => t.Line).HasMaxLength(1);
        builder.Property(t => t.Label).HasMaxLength(12);
        builder.Property(t => t.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.HolderUserId).HasMaxLength(64);
        builder.Property(t => t.TakenByUserId).HasMaxLength(64);
        builder.Property(t => t.IdempotencyKey).HasMaxLength(128);
        builder.Property(t => t.CalledBy).HasMaxLength(64);
        // The counter gives each number once; the index is the last guard should anything else ever write tickets.
        builder.HasIndex(t => new { t.JurisdictionCode, t.Prefix, t.Day, t.Number }).IsUnique();
        builder.HasIndex(t => new { t.JurisdictionCode, t.Day, t.State });
        builder.HasIndex(t => new { t.TakenByUserId, t.IdempotencyKey }).IsUnique();
        builder.HasIndex(t => t.HolderUserId);
        // One waiting place per person and line, also when two of their takes arrive at the same instant (the service's
        // check alone cannot see a take that has not saved yet). The filter is plain SQL both engines read alike.
        builder.HasIndex(t => new { t.HolderUserId, t.GroupId, t.Day }).IsUnique()
            .HasFilter("\"State\" = 'Waiting' AND \"HolderUserId\" IS NOT NULL").HasDatabaseName("IX_service_queue_tickets_one_waiting_place");
        builder.HasOne<QueueGroup>().WithMany().HasForeignKey(t => t.GroupId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class QueueCounterConfiguration : IEntityTypeConfiguration<QueueCounter>
{
    public void Configure(EntityTypeBuilder<QueueCounter> builder)
    {
        builder.ToTable("service_queue_counters");
        builder.HasKey(c => new { c.JurisdictionCode, c.Prefix, c.Day });
        builder.Property(c => c.JurisdictionCode).HasMaxLength(15);
        builder.Property(c => c.Prefix).HasMaxLength(1);
        builder.Property(c => c.Day).HasMaxLength(8);
    }
}

internal sealed class AppointmentSlotConfiguration : IEntityTypeConfiguration<AppointmentSlot>
{
    public void Configure(EntityTypeBuilder<AppointmentSlot> builder)
    {
        builder.ToTable("service_appointment_slots");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.JurisdictionCode).HasMaxLength(15);
        builder.Property(s => s.Prefix).HasMaxLength(1);
        builder.HasIndex(s => new { s.JurisdictionCode, s.StartsAt });
        builder.HasOne<QueueGroup>().WithMany().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.ToTable("service_appointments");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.JurisdictionCode).HasMaxLength(15);
        builder.Property(a => a.Prefix).HasMaxLength(1);
        builder.Property(a => a.ResidentUserId).HasMaxLength(64);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
        // NULLs are distinct on both engines: cancelled bookings drop out of the rule, active ones are one per resident and slot.
        builder.HasIndex(a => new { a.ActiveSlotId, a.ResidentUserId }).IsUnique();
        builder.HasIndex(a => new { a.ResidentUserId, a.StartsAt });
        builder.HasIndex(a => new { a.JurisdictionCode, a.StartsAt });
        builder.HasOne<AppointmentSlot>().WithMany().HasForeignKey(a => a.SlotId).OnDelete(DeleteBehavior.Restrict);
    }
}
