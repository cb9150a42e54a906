using Gongzhi.Modules.Participation.Ballots;
using Gongzhi.Modules.Participation.Notices;
using Gongzhi.Modules.Participation.Proposals;
using Gongzhi.Modules.Participation.Residence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Participation;

internal sealed class ResidentProfileConfiguration : IEntityTypeConfiguration<ResidentProfile>
{
    public void Configure(EntityTypeBuilder<ResidentProfile> builder)
    {
        builder.ToTable("participation_residents");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.AccountId).HasMaxLength(64);
        builder.Property(p => p.JurisdictionCode).HasMaxLength(15);
        builder.Property(p => p.DisplayName).HasMaxLength(128);
        builder.Property(p => p.DeclaredAddress).HasMaxLength(ResidentProfile.MaxAddressLength);
        builder.Property(p => p.HouseholdKey).HasMaxLength(64);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Reason).HasMaxLength(ResidentProfile.MaxReasonLength);
        builder.Property(p => p.DecidedBy).HasMaxLength(64);
        builder.Ignore(p => p.IsVerified);
        builder.HasIndex(p => p.AccountId).IsUnique();
        // The community's queue of declarations and its count of verified residents (eligible voters).
        builder.HasIndex(p => new { p.JurisdictionCode, p.State });
    }
}

internal sealed class BallotConfiguration : IEntityTypeConfiguration<Ballot>
{
    public void Configure(EntityTypeBuilder<Ballot> builder)
    {
        builder.ToTable("participation_ballots");
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Title).HasMaxLength(Ballot.MaxTitleLength);
        builder.Property(b => b.JurisdictionCode).HasMaxLength(15);
        builder.Property(b => b.CreatedBy).HasMaxLength(64);
        builder.HasIndex(b => new { b.JurisdictionCode, b.ClosesAt });
        builder.HasMany(b => b.Options).WithOne().HasForeignKey(o => o.BallotId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(b => b.Options).AutoInclude();
    }
}

internal sealed class BallotOptionConfiguration : IEntityTypeConfiguration<BallotOption>
{
    public void Configure(EntityTypeBuilder<BallotOption> builder)
    {
        builder.ToTable("participation_ballot_options");
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Text).HasMaxLength(Ballot.MaxOptionLength);
        builder.HasIndex(o => new { o.BallotId, o.Position });
    }
}

internal sealed class BallotParticipationConfiguration : IEntityTypeConfiguration<BallotParticipation>
{
    public void Configure(EntityTypeBuilder<BallotParticipation> builder)
    {
        builder.ToTable("participation_ballot_participations");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.VoterAccountId).HasMaxLength(64);
        builder.Property(p => p.JurisdictionCode).HasMaxLength(15);
        // One vote per resident: two racing requests cannot both insert.
        builder.HasIndex(p => new { p.BallotId, p.VoterAccountId }).IsUnique();
        // One vote per household where the ballot says so; other ballots leave the key null, and nulls do not collide.
        builder.Property(p => p.HouseholdKey).HasMaxLength(64);
        builder.HasIndex(p => new { p.BallotId, p.HouseholdKey }).IsUnique();
        builder.HasIndex(p => p.VoterAccountId);
        builder.HasOne<Ballot>().WithMany().HasForeignKey(p => p.BallotId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BallotVoteConfiguration : IEntityTypeConfiguration<BallotVote>
{
    public void Configure(EntityTypeBuilder<BallotVote> builder)
    {
        builder.ToTable("participation_ballot_votes");
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.VoterAccountId).HasMaxLength(64);
        builder.Property(v => v.JurisdictionCode).HasMaxLength(15);
        builder.HasIndex(v => new { v.BallotId, v.OptionId });
        builder.HasOne<Ballot>().WithMany().HasForeignKey(v => v.BallotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<BallotOption>().WithMany().HasForeignKey(v => v.OptionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> builder)
    {
        builder.ToTable("participation_proposals");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Title).HasMaxLength(Proposal.MaxTitleLength);
        builder.Property(p => p.Body).HasMaxLength(Proposal.MaxBodyLength);
        builder.Property(p => p.JurisdictionCode).HasMaxLength(15);
        builder.Property(p => p.ProposerAccountId).HasMaxLength(64);
        builder.Property(p => p.ProposerName).HasMaxLength(128);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Outcome).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.OutcomeText).HasMaxLength(Proposal.MaxOutcomeLength);
        builder.Property(p => p.OutcomeOwner).HasMaxLength(Proposal.MaxOwnerLength);
        builder.Property(p => p.DecidedBy).HasMaxLength(64);
        // One index per order of the list, each led by the node: a community's page reads the first rows of one of them.
        builder.HasIndex(p => new { p.JurisdictionCode, p.CreatedAt });
        builder.HasIndex(p => new { p.JurisdictionCode, p.SupportCount });
        builder.HasIndex(p => new { p.JurisdictionCode, p.HotScore });
        // A district's or a street's list: a prefix of codes cannot walk the node-led ones in order, so these lead with the
        // order and carry the node, which the prefix is checked against inside the index; the first rows of the district's
        // walk are its page. (The pair index of the words is made at start: ProposalSearchIndex.)
        builder.HasIndex(p => new { p.HotScore, p.JurisdictionCode });
        builder.HasIndex(p => new { p.CreatedAt, p.JurisdictionCode });
        builder.HasIndex(p => new { p.SupportCount, p.CreatedAt, p.JurisdictionCode });
        builder.HasIndex(p => p.ProposerAccountId);
    }
}

internal sealed class ProposalSupportConfiguration : IEntityTypeConfiguration<ProposalSupport>
{
    public void Configure(EntityTypeBuilder<ProposalSupport> builder)
    {
        builder.ToTable("participation_proposal_supports");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.AccountId).HasMaxLength(64);
        builder.Property(s => s.JurisdictionCode).HasMaxLength(15);
        builder.HasIndex(s => new { s.ProposalId, s.AccountId }).IsUnique();
        // Whether a supporter's household already counts: one look per support.
        builder.Property(s => s.HouseholdKey).HasMaxLength(64);
        builder.HasIndex(s => new { s.ProposalId, s.HouseholdKey });
        builder.HasIndex(s => s.AccountId);
        builder.HasOne<Proposal>().WithMany().HasForeignKey(s => s.ProposalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProposalCommentConfiguration : IEntityTypeConfiguration<ProposalComment>
{
    public void Configure(EntityTypeBuilder<ProposalComment> builder)
    {
        builder.ToTable("participation_proposal_comments");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.JurisdictionCode).HasMaxLength(15);
        builder.Property(c => c.AuthorAccountId).HasMaxLength(64);
        builder.Property(c => c.AuthorName).HasMaxLength(128);
        builder.Property(c => c.Body).HasMaxLength(ProposalComment.MaxBodyLength);
        builder.Property(c => c.HiddenReason).HasMaxLength(500);
        builder.Property(c => c.HiddenBy).HasMaxLength(64);
        builder.Ignore(c => c.Hidden);
        builder.HasIndex(c => new { c.ProposalId, c.CreatedAt });
        builder.HasOne<Proposal>().WithMany().HasForeignKey(c => c.ProposalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SupportThresholdConfiguration : IEntityTypeConfiguration<SupportThreshold>
{
    public void Configure(EntityTypeBuilder<SupportThreshold> builder)
    {
        builder.ToTable("participation_thresholds");
        builder.HasKey(t => t.JurisdictionCode);
        builder.Property(t => t.JurisdictionCode).HasMaxLength(15);
        builder.Property(t => t.HouseholdShare).HasPrecision(6, 4);
        builder.Ignore(t => t.Required);
    }
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> builder)
    {
        builder.ToTable("participation_notices");
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Title).HasMaxLength(Notice.MaxTitleLength);
        builder.Property(n => n.Body).HasMaxLength(Notice.MaxBodyLength);
        builder.Property(n => n.JurisdictionCode).HasMaxLength(15);
        builder.Property(n => n.PublishedBy).HasMaxLength(64);
        builder.HasIndex(n => new { n.JurisdictionCode, n.PublishedAt });
    }
}

internal sealed class NoticeReceiptConfiguration : IEntityTypeConfiguration<NoticeReceipt>
{
    public void Configure(EntityTypeBuilder<NoticeReceipt> builder)
    {
        builder.ToTable("participation_notice_receipts");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.AccountId).HasMaxLength(64);
        builder.Property(r => r.ReaderCode).HasMaxLength(15);
        builder.Property(r => r.ReaderName).HasMaxLength(128);
        builder.Property(r => r.JurisdictionCode).HasMaxLength(15);
        builder.HasIndex(r => new { r.NoticeId, r.AccountId }).IsUnique();
        builder.HasOne<Notice>().WithMany().HasForeignKey(r => r.NoticeId).OnDelete(DeleteBehavior.Cascade);
    }
}
