using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Participation.Publicities;

internal sealed class PublicityConfiguration : IEntityTypeConfiguration<Publicity>
{
    public void Configure(EntityTypeBuilder<Publicity> builder)
    {
        builder.ToTable("participation_publicity");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Title).HasMaxLength(Publicity.MaxTitleLength);
        builder.Property(p => p.Body).HasMaxLength(Publicity.MaxBodyLength);
        builder.Property(p => p.JurisdictionCode).HasMaxLength(15);
        builder.Property(p => p.PublishedBy).HasMaxLength(64);
        builder.Property(p => p.PublishedById).HasMaxLength(64);
        builder.HasIndex(p => new { p.JurisdictionCode, p.StartsAt });
        // A ballot's result is put up once; the index decides between two clicks at once.
        builder.HasIndex(p => p.BallotId).IsUnique();
    }
}

internal sealed class PublicityObjectionConfiguration : IEntityTypeConfiguration<PublicityObjection>
{
    public void Configure(EntityTypeBuilder<PublicityObjection> builder)
    {
        builder.ToTable("participation_publicity_objections");
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.JurisdictionCode).HasMaxLength(15);
        builder.Property(o => o.ObjectorAccountId).HasMaxLength(64);
        builder.Property(o => o.ObjectorName).HasMaxLength(128);
        builder.Property(o => o.ObjectorCommunity).HasMaxLength(15);
        builder.Property(o => o.Text).HasMaxLength(PublicityObjection.MaxTextLength);
        builder.Property(o => o.Answer).HasMaxLength(PublicityObjection.MaxTextLength);
        builder.Property(o => o.AnsweredBy).HasMaxLength(64);
        // One objection per resident and publicity: a retried request does not file a second.
        builder.HasIndex(o => new { o.PublicityId, o.ObjectorAccountId }).IsUnique();
        builder.HasOne<Publicity>().WithMany().HasForeignKey(o => o.PublicityId).OnDelete(DeleteBehavior.Cascade);
    }
}
