using Gongzhi.Platform.Actions;

namespace Gongzhi.Modules.Participation.Surveys;

/// <summary>Checks a resident's answers against the survey's questions; every problem is named by its question's field.</summary>
internal static class SurveyAnswers
{
    public static List<SurveyAnswer> Validate(Survey survey, IReadOnlyList<AnswerInput> inputs)
    {
        var errors = new Dictionary<string, string[]>();
        var byQuestion = inputs.GroupBy(a => a.QuestionId).ToDictionary(g => g.Key, g => g.Last());
        if (byQuestion.Keys.Any(id => survey.Questions.All(q => q.Id != id)))
        {
            errors["answers"] = [ParticipationText.Get("Field.AnswerUnknownQuestion")];
        }
        var answers = new List<SurveyAnswer>();
        foreach (var question in survey.Questions.OrderBy(q => q.Position))
        {
            var field = $"answers.{question.Id}";
            byQuestion.TryGetValue(question.Id, out var input);
            var parts = input is null ? [] : Parts(question, input);
            if (parts is null)
            {
                errors[field] = [ParticipationText.Get("Field.AnswerInvalid")];
            }
            else if (parts.Count == 0 && question.Required)
            {
                errors[field] = [ParticipationText.Get("Field.AnswerRequired")];
            }
            else
            {
                answers.AddRange(parts);
            }
        }
        return errors.Count > 0 ? throw new FieldValidationException(errors) : answers;
    }

    /// <summary>The rows of one answer; empty when not answered, null when malformed.</summary>
    private static List<SurveyAnswer>? Parts(SurveyQuestion question, AnswerInput input)
    {
        var options = question.Options.Count;
        switch (question.Kind)
        {
            case QuestionKind.SingleChoice:
                return input.Choice is not { } single ? [] : single >= 0 && single < options ? [SurveyAnswer.Chosen(question.Id, single)] : null;
            case QuestionKind.Scale:
                return input.Choice is not { } point ? [] : point >= 1 && point <= question.ScaleMax ? [SurveyAnswer.Chosen(question.Id, point)] : null;
            case QuestionKind.MultipleChoice:
                var chosen = input.Choices ?? [];
                return chosen.Any(c => c < 0 || c >= options) || chosen.Distinct().Count() != chosen.Count
                    ? null
                    : chosen.Select(c => SurveyAnswer.Chosen(question.Id, c)).ToList();
            case QuestionKind.Ranking:
                var order = input.Ranking ?? [];
                if (order.Count == 0)
                {
                    return [];
                }
                // A ranking puts every option in its place, once.
                return order.Count != options || order.Distinct().Count() != options || order.Any(c => c < 0 || c >= options)
                    ? null
                    : order.Select((c, i) => SurveyAnswer.Chosen(question.Id, c, i + 1)).ToList();
            case QuestionKind.Text:
                var text = input.Text?.Trim() ?? "";
                return text.Length == 0 ? [] : text.Length <= SurveyResponse.MaxTextLength ? [SurveyAnswer.Written(question.Id, text)] : null;
            default:
                return null;
        }
    }
}
