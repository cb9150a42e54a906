using System.Globalization;

namespace Gongzhi.Modules.Participation.Surveys;

/// <param name="MeanRank">For a ranking: the average place given to the option (1 the most wanted).</param>
public sealed record OptionCount(string Label, int Count, double? MeanRank = null);

public sealed record WordCount(string Word, int Count);

/// <summary>
/// One question's results: counts per option (or scale point), the mean of a scale, the average place of a ranking's
/// options, or a text question's most frequent words with a few answers.
/// </summary>
public sealed record QuestionResult(Guid QuestionId, string Text, QuestionKind Kind, int Answered, IReadOnlyList<OptionCount> Options, double? Mean,
    IReadOnlyList<WordCount> Words, IReadOnlyList<string> Samples);

public sealed record BreakdownGroup(string Key, string Label, int Responses, IReadOnlyList<QuestionResult> Questions);

/// <summary><paramref name="By"/>: <c>community</c>, <c>age</c>, or the id of a closed question whose answers make the groups.</summary>
public sealed record SurveyBreakdown(string By, IReadOnlyList<BreakdownGroup> Groups);

public sealed record SurveyResults(Guid SurveyId, string Title, SurveyState State, bool Anonymous, int Responses, int Eligible,
    IReadOnlyList<QuestionResult> Questions, SurveyBreakdown? Breakdown);

/// <summary>Counts a survey's responses, as a whole and by group. Pure arithmetic over the rows, tested on its own.</summary>
public static class SurveyTally
{
    private const int Samples = 5;
    private const int Words = 10;

    public static SurveyResults Of(Survey survey, IReadOnlyList<SurveyResponse> responses, int eligible, string? by, DateTimeOffset now)
    {
        var questions = survey.Questions.OrderBy(q => q.Position).ToList();
        return new SurveyResults(survey.Id, survey.Title, survey.StateAt(now), survey.Anonymous, responses.Count, eligible,
            Count(questions, responses), Breakdown(questions, responses, by));
    }

    public static IReadOnlyList<QuestionResult> Count(IReadOnlyList<SurveyQuestion> questions, IReadOnlyList<SurveyResponse> responses) =>
        questions.Select(q => Count(q, responses.SelectMany(r => r.Answers).Where(a => a.QuestionId == q.Id).ToList())).ToList();

    private static QuestionResult Count(SurveyQuestion question, List<SurveyAnswer> answers)
    {
        var answered = answers.Select(a => a.ResponseId).Distinct().Count();
        if (question.Kind == QuestionKind.Text)
        {
            var texts = answers.Select(a => a.Text ?? "").Where(t => t.Length > 0).ToList();
            return new QuestionResult(question.Id, question.Text, question.Kind, answered, [],
                null, ChineseWords.MostFrequent(texts, Words), texts.Take(Samples).ToList());
        }
        var labels = question.Labels;
        var first = question.Kind == QuestionKind.Scale ? 1 : 0;
        var options = labels.Select((label, i) =>
        {
            var chosen = answers.Where(a => a.Choice == i + first).ToList();
            return question.Kind == QuestionKind.Ranking
                ? new OptionCount(label, chosen.Count(a => a.Rank == 1), chosen.Count == 0 ? null : Math.Round(chosen.Average(a => a.Rank ?? 0), 2))
                : new OptionCount(label, chosen.Count);
        }).ToList();
        double? mean = question.Kind == QuestionKind.Scale && answers.Count > 0 ? Math.Round(answers.Average(a => a.Choice ?? 0), 2) : null;
        return new QuestionResult(question.Id, question.Text, question.Kind, answered, options, mean, [], []);
    }

    private static SurveyBreakdown? Breakdown(IReadOnlyList<SurveyQuestion> questions, IReadOnlyList<SurveyResponse> responses, string? by)
    {
        if (string.IsNullOrWhiteSpace(by))
        {
            return null;
        }
        IEnumerable<(string Key, string Label, SurveyResponse Response)> keyed;
        if (by == "community")
        {
            keyed = responses.Select(r => (r.CommunityCode, r.CommunityCode, r));
        }
        else if (by == "age")
        {
            keyed = responses.Select(r => (r.AgeBand?.ToString() ?? "", r.AgeBand is { } band ? ParticipationText.Get($"AgeBand.{band}") : ParticipationText.Get("AgeBand.None"), r));
        }
        else if (Guid.TryParse(by, out var questionId) && questions.FirstOrDefault(q => q.Id == questionId) is { IsClosed: true } question)
        {
            var first = question.Kind == QuestionKind.Scale ? 1 : 0;
            // A multiple choice puts a response in every group it chose.
            keyed = responses.SelectMany(r => r.Answers.Where(a => a.QuestionId == questionId && a.Choice is not null)
                .Select(a => (a.Choice!.Value.ToString(CultureInfo.InvariantCulture), question.Labels[a.Choice!.Value - first], r)));
        }
        else
        {
            return null;
        }
        var groups = keyed.GroupBy(k => (k.Key, k.Label)).OrderBy(g => g.Key.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var members = g.Select(k => k.Response).Distinct().ToList();
                return new BreakdownGroup(g.Key.Key, g.Key.Label, members.Count, Count(questions, members));
            }).ToList();
        return new SurveyBreakdown(by, groups);
    }
}
