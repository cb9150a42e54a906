using System.Globalization;
using System.Text;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Participation.Ballots;
using Gongzhi.Modules.Participation.Residence;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Participation.Publicities;

public sealed record CreatePublicityRequest(PublicityKind? Kind, string? Title, string? Body, string? JurisdictionCode, int? WorkingDays);

public sealed record PublishResultRequest(int? WorkingDays);

public sealed record ObjectionRequest(string? Text);

public sealed record AnswerRequest(string? Answer, long? Version);

public sealed record PublicityResponse(Guid Id, PublicityKind Kind, string Title, string Body, string JurisdictionCode, Guid? BallotId, int WorkingDays,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status, string PublishedBy)
{
    internal static PublicityResponse From(Publicity p, DateTimeOffset now) => new(p.Id, p.Kind, p.Title, p.Body, p.JurisdictionCode, p.BallotId,
        p.WorkingDays, p.StartsAt, p.EndsAt, p.IsRunningAt(now) ? "running" : now < p.StartsAt ? "upcoming" : "ended", p.PublishedBy);
}

public sealed record ObjectionResponse(Guid Id, Guid PublicityId, string ObjectorName, string ObjectorCommunity, string Text, DateTimeOffset FiledAt,
    string? Answer, string? AnsweredBy, DateTimeOffset? AnsweredAt, long Version)
{
    internal static ObjectionResponse From(PublicityObjection o) => new(o.Id, o.PublicityId, o.ObjectorName, o.ObjectorCommunity, o.Text, o.FiledAt,
        o.Answer, o.AnsweredBy, o.AnsweredAt, o.Version);
}

/// <summary>
/// Publicity (居务公开, 公示): staff put a text before an area's residents for some working days, a closed ballot's result
/// among them; verified residents of the area object while it runs, and staff answer each objection.
/// </summary>
public sealed class PublicityService(GongzhiDbContext db, RecordActions actions, ResidenceService residence, BallotService ballots,
    WorkingCalendar calendar, Notifier notifier, TimeProvider clock)
{
    internal const string PublishAction = "publish";
    internal const string AnswerAction = "answer";

    /// <summary>The usual publicity period of a residents' committee: five working days.</summary>
    public const int DefaultWorkingDays = 5;

    /// <summary>A posted result is an official text of the community: written in Chinese whatever the publisher's own language.</summary>
    private static readonly CultureInfo Official = CultureInfo.GetCultureInfo("zh-CN");

    private static readonly PublicityRules Rules = new();
    private static readonly ObjectionRules ObjectionAccess = new();

    public async Task<Publicity> PublishAsync(Caller caller, CreatePublicityRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Kind is not { } kind || !Enum.IsDefined(kind) || kind == PublicityKind.BallotResult)
        {
            // A ballot's result is put up from the ballot, with its counts, never typed in.
            errors["kind"] = [ParticipationText.Get("Field.PublicityKind")];
        }
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > Publicity.MaxTitleLength)
        {
            errors["title"] = [ParticipationText.Format("Field.Title", Publicity.MaxTitleLength)];
        }
        if (string.IsNullOrWhiteSpace(request.Body) || request.Body.Trim().Length > Publicity.MaxBodyLength)
        {
            errors["body"] = [ParticipationText.Format("Field.Body", Publicity.MaxBodyLength)];
        }
        if (!JurisdictionCode.IsWellFormed(request.JurisdictionCode) || request.JurisdictionCode == JurisdictionCode.City)
        {
            errors["jurisdictionCode"] = [ParticipationText.Get("Field.JurisdictionCode")];
        }
        var days = CheckWorkingDays(request.WorkingDays, errors);
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        return await PublishAsync(caller, request.Kind!.Value, request.Title!.Trim(), request.Body!.Trim(), request.JurisdictionCode!, null, days,
            cancellationToken);
    }

    /// <summary>
    /// Puts a closed ballot's result up for publicity, its counts and turnout written out as they stand. A ballot's result
    /// is put up once: asking again (a retry, a second click) answers the publicity already running.
    /// </summary>
    public async Task<(Publicity Publicity, bool Created)> PublishBallotResultAsync(Caller caller, Guid ballotId, int? workingDays,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var days = CheckWorkingDays(workingDays, errors);
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var ballot = await ballots.GetAsync(caller, ballotId, cancellationToken);
        if (!ParticipationAccess.Organises(caller, ballot.JurisdictionCode))
        {
            throw new ActionForbiddenException(ParticipationText.Get("Forbidden.StaffOnly"));
        }
        if (await ForBallotAsync(caller, ballotId, cancellationToken) is { } existing)
        {
            return (existing, false);
        }
        if (!ballot.IsClosedAt(clock.GetUtcNow()))
        {
            throw new RuleViolationException(ParticipationText.Get("Rule.BallotNotClosed"));
        }
        var results = await ballots.ResultsAsync(caller, ballotId, cancellationToken);
        var title = ParticipationText.FormatIn(Official, "Publicity.BallotResultTitle", ballot.Title);
        try
        {
            return (await PublishAsync(caller, PublicityKind.BallotResult, title[..Math.Min(title.Length, Publicity.MaxTitleLength)], ResultText(results),
                ballot.JurisdictionCode, ballot.Id, days, cancellationToken), true);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two clicks at once: the first publicity stands.
            db.ChangeTracker.Clear();
            return (await ForBallotAsync(caller, ballotId, cancellationToken) ?? throw new RecordNotFoundException(), false);
        }
    }

    public async Task<Publicity> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        return await db.Set<Publicity>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException(ParticipationText.Get("NotFound.Publicity"));
    }

    public async Task<Publicity?> ForBallotAsync(Caller caller, Guid ballotId, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        return await db.Set<Publicity>().AsNoTracking().FirstOrDefaultAsync(p => p.BallotId == ballotId, cancellationToken);
    }

    /// <summary>The publicity the caller can see (their area and the areas above it), the latest first.</summary>
    public async Task<List<Publicity>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        return await db.Set<Publicity>().AsNoTracking().OrderByDescending(p => p.StartsAt).Take(100).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Files the caller's objection: a verified resident of the publicity's area, while it runs, once. The publisher is told.
    /// </summary>
    public async Task<PublicityObjection> ObjectAsync(Caller caller, Guid id, string? text, CancellationToken cancellationToken)
    {
        var publicity = await GetAsync(caller, id, cancellationToken);
        if (!ParticipationAccess.IsResident(caller) || caller.UserId is not { } me)
        {
            throw new ActionForbiddenException(ParticipationText.Get("Forbidden.ResidentsOnly"));
        }
        if (await residence.MineAsync(caller, cancellationToken) is not { IsVerified: true } home
            || !JurisdictionCode.IsWithin(home.JurisdictionCode, publicity.JurisdictionCode))
        {
            throw new ActionForbiddenException(ParticipationText.Get("Forbidden.NotVerifiedHere"));
        }
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > PublicityObjection.MaxTextLength)
        {
            throw FieldValidationException.Field("text", ParticipationText.Format("Field.ObjectionText", PublicityObjection.MaxTextLength));
        }
        var now = clock.GetUtcNow();
        publicity.EnsureTakesObjections(now);
        var objection = PublicityObjection.File(publicity, me, home.DisplayName, home.JurisdictionCode, trimmed, now);
        db.Add(objection);
        notifier.Notify([publicity.PublishedById], "participation.objection", publicity.Title, trimmed,
            $"/participation/publicity/{publicity.Id}");
        await db.SaveOnceAsync(ParticipationText.Get("Rule.AlreadyObjected"), cancellationToken);
        return objection;
    }

    /// <summary>The objections the caller may read: all of them for the staff who organise the area, otherwise the caller's own.</summary>
    public async Task<List<PublicityObjection>> ObjectionsAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var publicity = await GetAsync(caller, id, cancellationToken);
        var query = db.Set<PublicityObjection>().AsNoTracking().Where(o => o.PublicityId == id);
        if (!ParticipationAccess.Organises(caller, publicity.JurisdictionCode))
        {
            var me = caller.UserId ?? "";
            query = query.Where(o => o.ObjectorAccountId == me);
        }
        return await query.OrderBy(o => o.FiledAt).Take(1000).ToListAsync(cancellationToken);
    }

    public async Task<PublicityObjection> AnswerAsync(Caller caller, Guid id, Guid objectionId, string? answer, long? version,
        CancellationToken cancellationToken)
    {
        var trimmed = answer?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > PublicityObjection.MaxTextLength)
        {
            throw FieldValidationException.Field("answer", ParticipationText.Format("Field.ObjectionAnswer", PublicityObjection.MaxTextLength));
        }
        var objection = await actions.RunAsync(caller, o => o.Id == objectionId && o.PublicityId == id, AnswerAction, version, ObjectionAccess,
            o =>
            {
                o.Respond(trimmed, caller.UserName ?? "", clock.GetUtcNow());
                notifier.Notify([o.ObjectorAccountId], "participation.objection-answered", ParticipationText.Get("Publicity.Answered"), trimmed,
                    $"/participation/publicity/{id}");
                return Task.CompletedTask;
            }, cancellationToken);
        return objection;
    }

    private async Task<Publicity> PublishAsync(Caller caller, PublicityKind kind, string title, string body, string code, Guid? ballotId, int days,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var publicity = Publicity.Publish(kind, title, body, code, ballotId, days, now, calendar.AddWorkingDays(now, days), caller.UserName ?? "",
            caller.UserId ?? "");
        if (ParticipationAccess.Organises(caller, code))
        {
            // In the inbox of every verified resident of the area, saved with the publicity.
            var readers = await residence.VerifiedIn(code).Select(p => p.AccountId).ToListAsync(cancellationToken);
            notifier.Notify(readers, "participation.publicity", title, null, $"/participation/publicity/{publicity.Id}");
        }
        return await actions.CreateAsync(caller, publicity, PublishAction, Rules, cancellationToken);
    }

    private static int CheckWorkingDays(int? workingDays, Dictionary<string, string[]> errors)
    {
        var days = workingDays ?? DefaultWorkingDays;
        if (days is < Publicity.MinWorkingDays or > Publicity.MaxWorkingDays)
        {
            errors["workingDays"] = [ParticipationText.Format("Field.WorkingDays", Publicity.MinWorkingDays, Publicity.MaxWorkingDays)];
        }
        return days;
    }

    /// <summary>The result as it is posted: each option's votes, the turnout of those entitled, and whether the quorum was met.</summary>
    private static string ResultText(BallotResults results)
    {
        var text = new StringBuilder();
        foreach (var option in results.Options)
        {
            text.AppendLine(ParticipationText.FormatIn(Official, "Publicity.ResultLine", option.Text, option.Votes ?? 0));
        }
        text.AppendLine(ParticipationText.FormatIn(Official, "Ballot.Turnout", results.Turnout, results.Eligible));
        if (results.Quorum is { } quorum)
        {
            text.AppendLine(ParticipationText.FormatIn(Official, results.QuorumMet ? "Ballot.QuorumMet" : "Ballot.QuorumNotMet", quorum));
        }
        return text.ToString().TrimEnd();
    }

    private sealed class PublicityRules : IActionRules<Publicity>
    {
        public bool CanSee(Caller caller, Publicity record) => caller.CanSee(record.JurisdictionCode);

        public bool Allows(Caller caller, string action, Publicity record) => ParticipationAccess.Organises(caller, record.JurisdictionCode);
    }

    private sealed class ObjectionRules : IActionRules<PublicityObjection>
    {
        public bool CanSee(Caller caller, PublicityObjection record) =>
            caller.CanSee(record.JurisdictionCode) && (ParticipationAccess.Organises(caller, record.JurisdictionCode) || record.ObjectorAccountId == caller.UserId);

        public bool Allows(Caller caller, string action, PublicityObjection record) => ParticipationAccess.Organises(caller, record.JurisdictionCode);
    }
}
