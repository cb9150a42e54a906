using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Participation.Surveys;

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.ToTable("participation_surveys");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Title).HasMaxLength(Survey.MaxTitleLength);
        builder.Property(s => s.Intro).HasMaxLength(Survey.MaxIntroLength);
        builder.Property(s => s.JurisdictionCode).HasMaxLength(15);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.CreatedBy).HasMaxLength(64);
        builder.HasIndex(s => new { s.JurisdictionCode, s.CreatedAt });
        builder.HasMany(s => s.Questions).WithOne().HasForeignKey(q => q.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Questions).AutoInclude();
    }
}

internal sealed class SurveyQuestionConfiguration : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> builder)
    {
        builder.ToTable("participation_survey_questions");
        builder.Property(q => q.Id).ValueGeneratedNever();
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(q => q.Text).HasMaxLength(SurveyQuestion.MaxTextLength);
        builder.Ignore(q => q.IsClosed);
        builder.Ignore(q => q.Labels);
        builder.HasIndex(q => new { q.SurveyId, q.Position });
    }
}

internal sealed class SurveyParticipationConfiguration : IEntityTypeConfiguration<SurveyParticipation>
{
    public void Configure(EntityTypeBuilder<SurveyParticipation> builder)
    {
        builder.ToTable("participation_survey_participations");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.AccountId).HasMaxLength(64);
        builder.Property(p => p.JurisdictionCode).HasMaxLength(15);
        // One response per resident: the second of two racing answers fails here, in the transaction of its answers.
        builder.HasIndex(p => new { p.SurveyId, p.AccountId }).IsUnique();
        builder.HasIndex(p => p.AccountId);
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.ToTable("participation_survey_responses");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.RespondentAccountId).HasMaxLength(64);
        builder.Property(r => r.CommunityCode).HasMaxLength(15);
        builder.Property(r => r.AgeBand).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(r => r.SurveyId);
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> builder)
    {
        builder.ToTable("participation_survey_answers");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Text).HasMaxLength(SurveyResponse.MaxTextLength);
        builder.HasIndex(a => new { a.SurveyId, a.QuestionId });
    }
}
