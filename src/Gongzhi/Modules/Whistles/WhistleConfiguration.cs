using Gongzhi.Modules.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Whistles;

internal sealed class WhistleConfiguration : IEntityTypeConfiguration<Whistle>
{
    public void Configure(EntityTypeBuilder<Whistle> builder)
    {
        builder.ToTable("whistles");
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.CaseReference).HasMaxLength(22);
        builder.Property(w => w.JurisdictionCode).HasMaxLength(15);
        builder.Property(w => w.BlownBy).HasMaxLength(256);
        builder.Property(w => w.BlownByUserId).HasMaxLength(64);
        builder.Property(w => w.Reason).HasMaxLength(Whistle.ReasonMaxLength);
        builder.HasIndex(w => w.CaseId);
        builder.HasIndex(w => new { w.JurisdictionCode, w.BlownAt });
        builder.BelongsToCase(w => w.CaseId);
        builder.HasMany(w => w.Summons).WithOne().HasForeignKey(s => s.WhistleId).OnDelete(DeleteBehavior.Cascade);
        // A whistle is never read without its summons (the rules and every answer need them).
        builder.Navigation(w => w.Summons).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}

internal sealed class WhistleSummonsConfiguration : IEntityTypeConfiguration<WhistleSummons>
{
    public void Configure(EntityTypeBuilder<WhistleSummons> builder)
    {
        builder.ToTable("whistle_summons");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.JurisdictionCode).HasMaxLength(15);
        builder.Property(s => s.ReportedInBy).HasMaxLength(256);
        builder.Property(s => s.ReportedInByUserId).HasMaxLength(64);
        builder.Property(s => s.Note).HasMaxLength(WhistleSummons.NoteMaxLength);
        builder.Ignore(s => s.Late);
        builder.HasIndex(s => new { s.WhistleId, s.OrganisationId }).IsUnique();
        // A department's summons, and the counts against it over a period.
        builder.HasIndex(s => new { s.OrganisationId, s.SummonedAt });
        // The timer looks for summons past their time that nobody reported in to.
        builder.HasIndex(s => new { s.Missed, s.DueAt });
        builder.HasIndex(s => new { s.JurisdictionCode, s.SummonedAt });
    }
}
