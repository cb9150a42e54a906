using System.Globalization;
using System.Text;
using Gongzhi.Platform.Exports;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Participation.Surveys;

public sealed record SurveyQuestionResponse(Guid Id, QuestionKind Kind, string Text, bool Required, IReadOnlyList<string> Options, int? ScaleMax);

public sealed record SurveyResponseBody(Guid Id, string Title, string Intro, string JurisdictionCode, bool Anonymous, SurveyState State,
    DateTimeOffset? ClosesAt, long Version, IReadOnlyList<SurveyQuestionResponse> Questions)
{
    internal static SurveyResponseBody From(Survey s, DateTimeOffset now) => new(s.Id, s.Title, s.Intro, s.JurisdictionCode, s.Anonymous, s.StateAt(now),
        s.ClosesAt, s.Version, s.Questions.OrderBy(q => q.Position)
            .Select(q => new SurveyQuestionResponse(q.Id, q.Kind, q.Text, q.Required, q.Options, q.Kind == QuestionKind.Scale ? q.ScaleMax : null)).ToList());
}

public sealed record SurveyVersionRequest(long? Version);

public sealed record SurveyProgress(Guid SurveyId, int Responses, int Eligible, bool Answered);

/// <summary>Surveys under <c>/api/v1/participation/surveys</c>.</summary>
internal static class SurveysApi
{
    public static void MapSurveysApi(this RouteGroupBuilder participation)
    {
        var group = participation.MapGroup("/surveys");
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/open", OpenAsync);
        group.MapPost("/{id:guid}/close", CloseAsync);
        group.MapGet("/{id:guid}/progress", ProgressAsync);
        group.MapPost("/{id:guid}/responses", RespondAsync);
        group.MapGet("/{id:guid}/results", ResultsAsync);
        group.MapGet("/{id:guid}/export", ExportAsync);
    }

    internal static async Task<Ok<List<SurveyResponseBody>>> ListAsync(SurveyService surveys, ICallerAccessor callers, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return TypedResults.Ok((await surveys.ListAsync(callers.Current, cancellationToken)).Select(s => SurveyResponseBody.From(s, now)).ToList());
    }

    internal static async Task<Created<SurveyResponseBody>> CreateAsync(CreateSurveyRequest request, SurveyService surveys, ICallerAccessor callers,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var survey = await surveys.CreateAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/participation/surveys/{survey.Id}", SurveyResponseBody.From(survey, clock.GetUtcNow()));
    }

    internal static async Task<Ok<SurveyResponseBody>> GetAsync(Guid id, SurveyService surveys, ICallerAccessor callers, TimeProvider clock,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(SurveyResponseBody.From(await surveys.GetAsync(callers.Current, id, cancellationToken), clock.GetUtcNow()));

    internal static async Task<Ok<SurveyResponseBody>> OpenAsync(Guid id, SurveyVersionRequest request, SurveyService surveys, ICallerAccessor callers,
        TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(SurveyResponseBody.From(await surveys.OpenAsync(callers.Current, id, request.Version, cancellationToken), clock.GetUtcNow()));

    internal static async Task<Ok<SurveyResponseBody>> CloseAsync(Guid id, SurveyVersionRequest request, SurveyService surveys, ICallerAccessor callers,
        TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(SurveyResponseBody.From(await surveys.CloseAsync(callers.Current, id, request.Version, cancellationToken), clock.GetUtcNow()));

    internal static async Task<Ok<SurveyProgress>> ProgressAsync(Guid id, SurveyService surveys, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var survey = await surveys.GetAsync(callers.Current, id, cancellationToken);
        var (responses, eligible) = await surveys.ProgressAsync(survey, cancellationToken);
        return TypedResults.Ok(new SurveyProgress(id, responses, eligible, await surveys.HasRespondedAsync(callers.Current, id, cancellationToken)));
    }

    /// <summary>201 with no body: the answer says only that it was counted.</summary>
    internal static async Task<Created> RespondAsync(Guid id, RespondRequest request, SurveyService surveys, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        await surveys.RespondAsync(callers.Current, id, request, cancellationToken);
        return TypedResults.Created($"/api/v1/participation/surveys/{id}/progress");
    }

    internal static async Task<Ok<SurveyResults>> ResultsAsync(Guid id, string? by, SurveyService surveys, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await surveys.ResultsAsync(callers.Current, id, by, cancellationToken));

    /// <summary>One row per response, one column per question, as CSV (UTF-8 with a byte-order mark, so that Excel reads the Chinese).</summary>
    internal static async Task<FileContentHttpResult> ExportAsync(Guid id, SurveyService surveys, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var (survey, responses) = await surveys.ResponsesAsync(callers.Current, id, cancellationToken);
        var csv = SurveyCsv.Write(survey, responses);
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8",
            $"survey-{survey.Id:N}.csv");
    }
}

/// <summary>The export's rows. It names no respondent: the analysis needs the answers, the community and the age band only.</summary>
internal static class SurveyCsv
{
    public static string Write(Survey survey, IReadOnlyList<SurveyResponse> responses)
    {
        var questions = survey.Questions.OrderBy(q => q.Position).ToList();
        var csv = new StringBuilder();
        Row(csv, new[] { ParticipationText.Get("Survey.Csv.Community"), ParticipationText.Get("Survey.Csv.AgeBand"), ParticipationText.Get("Survey.Csv.Day") }
            .Concat(questions.Select(q => q.Text)));
        foreach (var response in responses.OrderBy(r => r.SubmittedOn).ThenBy(r => r.CommunityCode, StringComparer.Ordinal))
        {
            Row(csv, new[]
            {
                response.CommunityCode,
                response.AgeBand is { } band ? ParticipationText.Get($"AgeBand.{band}") : "",
                response.SubmittedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }.Concat(questions.Select(q => Answer(q, response.Answers.Where(a => a.QuestionId == q.Id).ToList()))));
        }
        return csv.ToString();
    }

    private static string Answer(SurveyQuestion question, List<SurveyAnswer> answers) => question.Kind switch
    {
        QuestionKind.Text => answers.FirstOrDefault()?.Text ?? "",
        QuestionKind.Scale => answers.FirstOrDefault()?.Choice?.ToString(CultureInfo.InvariantCulture) ?? "",
        QuestionKind.Ranking => string.Join(" > ", answers.OrderBy(a => a.Rank).Select(a => question.Options[a.Choice!.Value])),
        _ => string.Join("；", answers.OrderBy(a => a.Choice).Select(a => question.Options[a.Choice!.Value])),
    };

    private static void Row(StringBuilder csv, IEnumerable<string> cells) =>
        csv.Append(string.Join(',', cells.Select(CsvText.Escape))).Append("\r\n");
}
