using Gongzhi.Modules.Registry.Addresses;
using Gongzhi.Modules.Registry.Devices;
using Gongzhi.Modules.Registry.Housing;
using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Modules.Registry.Visits;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Registry;

internal sealed class StandardAddressConfiguration : IEntityTypeConfiguration<StandardAddress>
{
    public void Configure(EntityTypeBuilder<StandardAddress> builder)
    {
        builder.ToTable("registry_addresses");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Code).HasMaxLength(32);
        builder.Property(a => a.JurisdictionCode).HasMaxLength(15);
        builder.Property(a => a.Road).HasMaxLength(StandardAddress.MaxPartLength);
        builder.Property(a => a.Number).HasMaxLength(StandardAddress.MaxPartLength);
        builder.Property(a => a.Compound).HasMaxLength(StandardAddress.MaxPartLength);
        builder.Property(a => a.Building).HasMaxLength(StandardAddress.MaxPartLength);
        builder.Property(a => a.Unit).HasMaxLength(StandardAddress.MaxPartLength);
        builder.Property(a => a.Room).HasMaxLength(StandardAddress.MaxPartLength);
        builder.Property(a => a.Aliases).HasJsonListConversion();
        builder.Property(a => a.SearchText).HasMaxLength(1200);
        builder.Ignore(a => a.Label);
        builder.HasIndex(a => a.Code).IsUnique();
        builder.HasIndex(a => new { a.JurisdictionCode, a.Compound, a.Building });
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("registry_persons");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.JurisdictionCode).HasMaxLength(15);
        builder.Property(p => p.Name).HasMaxLength(Person.MaxNameLength);
        builder.Property(p => p.IdNumberProtected).HasMaxLength(512);
        builder.Property(p => p.IdNumberHash).HasMaxLength(64);
        builder.Property(p => p.IdNumberMasked).HasMaxLength(18);
        builder.Property(p => p.PhoneProtected).HasMaxLength(512);
        builder.Property(p => p.PhoneMasked).HasMaxLength(32);
        builder.Property(p => p.CareTagsProtected).HasMaxLength(1024);
        builder.Property(p => p.Sex).HasConversion<string>().HasMaxLength(8);
        builder.Property(p => p.ResidenceStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Household).HasMaxLength(Person.MaxHouseholdLength);
        builder.Property(p => p.Relation).HasMaxLength(Person.MaxRelationLength);
        builder.HasIndex(p => p.IdNumberHash);
        builder.HasIndex(p => new { p.JurisdictionCode, p.Name });
        builder.HasIndex(p => new { p.JurisdictionCode, p.NextCareVisitDue });
        builder.HasIndex(p => p.AddressId);
        // The retention scan looks for the few who moved away or are archived.
        builder.HasIndex(p => p.MovedAwayAt);
        builder.HasIndex(p => p.ArchivedAt);
    }
}

internal sealed class PersonChangeConfiguration : IEntityTypeConfiguration<PersonChange>
{
    public void Configure(EntityTypeBuilder<PersonChange> builder)
    {
        builder.ToTable("registry_person_changes");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.JurisdictionCode).HasMaxLength(15);
        builder.Property(c => c.ByUserId).HasMaxLength(64);
        builder.Property(c => c.ByName).HasMaxLength(64);
        builder.Property(c => c.Field).HasMaxLength(32);
        builder.Property(c => c.Before).HasMaxLength(PersonChange.MaxValueLength);
        builder.Property(c => c.After).HasMaxLength(PersonChange.MaxValueLength);
        builder.HasIndex(c => new { c.PersonId, c.At });
    }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> builder)
    {
        builder.ToTable("registry_visits");
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.JurisdictionCode).HasMaxLength(15);
        builder.Property(v => v.ByUserId).HasMaxLength(64);
        builder.Property(v => v.ByName).HasMaxLength(64);
        builder.Property(v => v.Notes).HasMaxLength(Visit.MaxNotesLength);
        builder.Property(v => v.Changes).HasJsonListConversion();
        builder.Property(v => v.CaseReference).HasMaxLength(32);
        builder.HasIndex(v => new { v.PersonId, v.At });
        builder.HasIndex(v => new { v.JurisdictionCode, v.At });
    }
}

internal sealed class HouseConfiguration : IEntityTypeConfiguration<House>
{
    public void Configure(EntityTypeBuilder<House> builder)
    {
        builder.ToTable("registry_houses");
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.JurisdictionCode).HasMaxLength(15);
        builder.Property(h => h.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.Use).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.AreaSquareMeters).HasPrecision(9, 2);
        builder.Property(h => h.TenantPersonIds).HasJsonListConversion();
        builder.HasIndex(h => h.AddressId).IsUnique();
        builder.HasIndex(h => h.OwnerPersonId);
    }
}

internal sealed class RegisteredUnitConfiguration : IEntityTypeConfiguration<RegisteredUnit>
{
    public void Configure(EntityTypeBuilder<RegisteredUnit> builder)
    {
        builder.ToTable("registry_units");
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.JurisdictionCode).HasMaxLength(15);
        builder.Property(u => u.Name).HasMaxLength(RegisteredUnit.MaxNameLength);
        builder.Property(u => u.CreditCode).HasMaxLength(18);
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(u => u.ContactName).HasMaxLength(Person.MaxNameLength);
        builder.Property(u => u.ContactPhoneProtected).HasMaxLength(512);
        builder.Property(u => u.ContactPhoneMasked).HasMaxLength(32);
        builder.HasIndex(u => u.CreditCode).IsUnique();
        builder.HasIndex(u => new { u.JurisdictionCode, u.Name });
    }
}

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> builder)
    {
        builder.ToTable("registry_devices");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.JurisdictionCode).HasMaxLength(15);
        builder.Property(d => d.Name).HasMaxLength(Device.MaxNameLength);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(d => d.KeyHash).HasMaxLength(64);
        builder.HasIndex(d => d.JurisdictionCode);
    }
}

internal sealed class DeviceAlarmConfiguration : IEntityTypeConfiguration<DeviceAlarm>
{
    public void Configure(EntityTypeBuilder<DeviceAlarm> builder)
    {
        builder.ToTable("registry_device_alarms");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.JurisdictionCode).HasMaxLength(15);
        builder.Property(a => a.Type).HasMaxLength(DeviceAlarm.MaxTypeLength);
        builder.Property(a => a.CaseReference).HasMaxLength(32);
        // One open alarm per device and kind: two events racing for the same alarm cannot both open a case.
        builder.HasIndex(a => new { a.DeviceId, a.Type }).IsUnique().HasFilter("\"RecoveredAt\" IS NULL");
        builder.HasOne<Device>().WithMany().HasForeignKey(a => a.DeviceId).OnDelete(DeleteBehavior.Cascade);
    }
}
