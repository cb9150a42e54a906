using Gongzhi.Modules.Participation.Residence;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Participation.Surveys;

public sealed record QuestionInput(QuestionKind? Kind, string? Text, bool? Required, IReadOnlyList<string>? Options, int? ScaleMax);

public sealed record CreateSurveyRequest(string? Title, string? Intro, string? JurisdictionCode, bool? Anonymous, DateTimeOffset? ClosesAt,
    IReadOnlyList<QuestionInput>? Questions);

/// <param name="Choice">A single choice's option index, or a scale point.</param>
/// <param name="Choices">A multiple choice's option indexes.</param>
/// <param name="Ranking">A ranking's option indexes, the most wanted first.</param>
public sealed record AnswerInput(Guid QuestionId, int? Choice = null, IReadOnlyList<int>? Choices = null, IReadOnlyList<int>? Ranking = null,
    string? Text = null);

public sealed record RespondRequest(AgeBand? AgeBand, IReadOnlyList<AnswerInput>? Answers);

/// <summary>
/// Surveys: staff of an area draft, open and close them; its verified residents answer once. An answer is written with
/// the participation that stops a second one, in one transaction; in an anonymous survey the two are not linked.
/// </summary>
public sealed class SurveyService(GongzhiDbContext db, RecordActions actions, ResidenceService residence, TimeProvider clock)
{
    internal const string CreateAction = "create";
    internal const string OpenAction = "open";
    internal const string CloseAction = "close";

    internal static readonly SurveyRules Rules = new();

    public async Task<Survey> CreateAsync(Caller caller, CreateSurveyRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var title = request.Title?.Trim() ?? "";
        if (title.Length is 0 or > Survey.MaxTitleLength)
        {
            errors["title"] = [ParticipationText.Format("Field.Title", Survey.MaxTitleLength)];
        }
        var intro = request.Intro?.Trim() ?? "";
        if (intro.Length > Survey.MaxIntroLength)
        {
            errors["intro"] = [ParticipationText.Format("Field.TooLong", Survey.MaxIntroLength)];
        }
        if (!JurisdictionCode.IsWellFormed(request.JurisdictionCode) || request.JurisdictionCode == JurisdictionCode.City)
        {
            errors["jurisdictionCode"] = [ParticipationText.Get("Field.JurisdictionCode")];
        }
        if (request.ClosesAt is { } closes && closes <= now)
        {
            errors["closesAt"] = [ParticipationText.Get("Field.ClosesAt")];
        }
        var questions = new List<SurveyQuestion>();
        var inputs = request.Questions ?? [];
        if (inputs.Count is 0 or > Survey.MaxQuestions)
        {
            errors["questions"] = [ParticipationText.Format("Field.Questions", Survey.MaxQuestions)];
        }
        foreach (var (input, i) in inputs.Take(Survey.MaxQuestions).Select((q, i) => (q, i)))
        {
            if (ValidQuestion(input, $"questions[{i}]", errors) is { } question)
            {
                questions.Add(question);
            }
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var survey = Survey.Draft(title, intro, request.JurisdictionCode!, request.Anonymous ?? true, request.ClosesAt, questions, caller.UserName ?? "", now);
        return await actions.CreateAsync(caller, survey, CreateAction, Rules, cancellationToken);
    }

    private static SurveyQuestion? ValidQuestion(QuestionInput input, string field, Dictionary<string, string[]> errors)
    {
        var text = input.Text?.Trim() ?? "";
        var ok = true;
        if (text.Length is 0 or > SurveyQuestion.MaxTextLength)
        {
            errors[$"{field}.text"] = [ParticipationText.Format("Field.QuestionText", SurveyQuestion.MaxTextLength)];
            ok = false;
        }
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors[$"{field}.kind"] = [ParticipationText.Get("Field.QuestionKind")];
            return null;
        }
        var options = (input.Options ?? []).Select(o => o?.Trim() ?? "").Where(o => o.Length > 0).ToList();
        if (kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice or QuestionKind.Ranking
            && (options.Count < 2 || options.Count > SurveyQuestion.MaxOptions || options.Any(o => o.Length > SurveyQuestion.MaxOptionLength)
                || options.Distinct(StringComparer.Ordinal).Count() != options.Count))
        {
            errors[$"{field}.options"] = [ParticipationText.Format("Field.Options", SurveyQuestion.MaxOptions, SurveyQuestion.MaxOptionLength)];
            ok = false;
        }
        var scaleMax = input.ScaleMax ?? 5;
        if (kind == QuestionKind.Scale && scaleMax is < 2 or > 10)
        {
            errors[$"{field}.scaleMax"] = [ParticipationText.Get("Field.ScaleMax")];
            ok = false;
        }
        return ok ? SurveyQuestion.Of(kind, text, input.Required ?? true, options, scaleMax) : null;
    }

    public Task<Survey> OpenAsync(Caller caller, Guid id, long? version, CancellationToken cancellationToken) =>
        actions.RunAsync(caller, s => s.Id == id, OpenAction, version, Rules, survey =>
        {
            survey.Open(clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<Survey> CloseAsync(Caller caller, Guid id, long? version, CancellationToken cancellationToken) =>
        actions.RunAsync(caller, s => s.Id == id, CloseAction, version, Rules, survey =>
        {
            survey.Close(clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>A survey the caller may see: drafts only to the staff who may open them.</summary>
    public async Task<Survey> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var survey = await db.Set<Survey>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return survey is not null && Rules.CanSee(caller, survey) ? survey : throw new RecordNotFoundException(ParticipationText.Get("NotFound.Survey"));
    }

    /// <summary>The surveys of the caller's area and the areas above it, newest first; drafts only for the staff covering them.</summary>
    public async Task<List<Survey>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var latest = await db.Set<Survey>().AsNoTracking().OrderByDescending(s => s.CreatedAt).Take(200).ToListAsync(cancellationToken);
        return latest.Where(s => Rules.CanSee(caller, s)).Take(100).ToList();
    }

    public async Task RespondAsync(Caller caller, Guid id, RespondRequest request, CancellationToken cancellationToken)
    {
        var survey = await GetAsync(caller, id, cancellationToken);
        if (!ParticipationAccess.IsResident(caller) || caller.UserId is not { } me)
        {
            throw new ActionForbiddenException(ParticipationText.Get("Forbidden.ResidentsOnly"));
        }
        if (await residence.VerifiedCommunityAsync(caller, cancellationToken) is not { } home || !JurisdictionCode.IsWithin(home, survey.JurisdictionCode))
        {
            throw new ActionForbiddenException(ParticipationText.Get("Forbidden.NotVerifiedHere"));
        }
        var now = clock.GetUtcNow();
        survey.EnsureAnswerable(now);
        if (request.AgeBand is { } band && !Enum.IsDefined(band))
        {
            throw FieldValidationException.Field("ageBand", ParticipationText.Get("Field.AgeBand"));
        }
        var answers = SurveyAnswers.Validate(survey, request.Answers ?? []);
        db.Add(SurveyParticipation.Of(survey, me));
        db.Add(SurveyResponse.Of(survey, me, home, request.AgeBand, DateOnly.FromDateTime(now.UtcDateTime), answers));
        // One save, one transaction: the participation and the answers are stored together or not at all.
        await db.SaveOnceAsync(ParticipationText.Get("Rule.AlreadyAnswered"), cancellationToken);
    }

    public async Task<bool> HasRespondedAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        caller.UserId is { } me
        && await db.Set<SurveyParticipation>().AsNoTracking().AnyAsync(p => p.SurveyId == id && p.AccountId == me, cancellationToken);

    /// <summary>The verified residents the survey is for, and how many have answered.</summary>
    public async Task<(int Responses, int Eligible)> ProgressAsync(Survey survey, CancellationToken cancellationToken) =>
        (await db.Set<SurveyParticipation>().CountAsync(p => p.SurveyId == survey.Id, cancellationToken),
            await residence.VerifiedIn(survey.JurisdictionCode).CountAsync(cancellationToken));

    /// <summary>The results with a breakdown, for the staff of the area only: residents see that they answered, not the others' answers.</summary>
    public async Task<SurveyResults> ResultsAsync(Caller caller, Guid id, string? by, CancellationToken cancellationToken)
    {
        var (survey, responses) = await ResponsesAsync(caller, id, cancellationToken);
        var (_, eligible) = await ProgressAsync(survey, cancellationToken);
        return SurveyTally.Of(survey, responses, eligible, by, clock.GetUtcNow());
    }

    /// <summary>Every response with its answers, for the results and the export: staff of the area only.</summary>
    internal async Task<(Survey Survey, List<SurveyResponse> Responses)> ResponsesAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var survey = await GetAsync(caller, id, cancellationToken);
        if (!ParticipationAccess.Organises(caller, survey.JurisdictionCode))
        {
            throw new ActionForbiddenException(ParticipationText.Get("Forbidden.StaffOnly"));
        }
        var responses = await db.Set<SurveyResponse>().AsNoTracking().Where(r => r.SurveyId == id).Include(r => r.Answers)
            .AsSplitQuery().ToListAsync(cancellationToken);
        return (survey, responses);
    }

    internal sealed class SurveyRules : IActionRules<Survey>
    {
        public bool CanSee(Caller caller, Survey record) =>
            caller.CanSee(record.JurisdictionCode) && (record.State != SurveyState.Draft || ParticipationAccess.Organises(caller, record.JurisdictionCode));

        public bool Allows(Caller caller, string action, Survey record) => ParticipationAccess.Organises(caller, record.JurisdictionCode);
    }
}
