using System.Security.Cryptography;
using Gongzhi.Modules.Access.PhoneCodes;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Idempotency;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Guests;

/// <summary>A report without an account: the report's fields, and the one-time code that proves the reporter's number.</summary>
public sealed record GuestSubmission(
    string? CategoryCode,
    string? Title,
    string? Description,
    double? Lat,
    double? Lon,
    string? Address = null,
    Dictionary<string, System.Text.Json.JsonElement>? Attributes = null,
    bool? Anonymous = null,
    string? ReporterName = null,
    string? ReporterPhone = null,
    string? Code = null,
    CaseUrgency? Urgency = null,
    DateTimeOffset? OccurredAt = null);

/// <summary>What a guest's report became, and the link to follow it by (<c>/cases/follow/{FollowToken}</c>).</summary>
public sealed record GuestReported(CaseSubmitted Case, string FollowToken, string FollowUrl);

/// <summary>
/// Reports without an account, as FixMyStreet takes them: the reporter gives a name and a mobile number proven by a one-time
/// code (or, where the category allows it, nothing at all), and follows the case by a link with an unguessable token.
/// </summary>
public sealed class GuestReports(GongzhiDbContext db, CaseIntakeService intake, PhoneCodeService codes, PersonalDataProtector protector,
    TimeProvider clock)
{
    public const int MaxNameLength = 64;

    /// <summary>Texts a code to the number the guest reports or supports with.</summary>
    public Task<CodeSent> RequestCodeAsync(Caller caller, string? phone, CancellationToken cancellationToken, string field = "phone") =>
        codes.RequestAsync(caller, phone, (code, minutes) => CasesText.Format("Guest.CodeText", code, minutes), cancellationToken, field);

    /// <summary>The minutes a code stays good.</summary>
    public int CodeMinutes => codes.CodeMinutes;

    /// <summary>
    /// Files the report of a visitor without an account. The name, the number and the code are checked with every other field;
    /// the code is spent only once the report would be taken. A retry with the same Idempotency-Key (and the same number)
    /// answers the case and the link it made, without a new code.
    /// </summary>
    public async Task<(GuestReported Result, bool Created)> SubmitAsync(Caller caller, GuestSubmission submission, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var anonymous = submission.Anonymous == true;
        var number = anonymous ? null : Phones.Normalize(submission.ReporterPhone);
        idempotencyKey = IdempotentRequests.Normalize(idempotencyKey);
        // A guest has no account to keep their keys apart: the key stored is bound to the number (or to anonymity), and
        // keyed, so that one guest's key finds no other guest's case.
        var guestKey = idempotencyKey is null || idempotencyKey.Length > IdempotentRequests.MaxKeyLength
            ? idempotencyKey
            : protector.Hash("guest-report:" + (number is null ? "anonymous" : codes.PhoneHash(number)) + ":" + idempotencyKey);
        if (guestKey is not null && await FindRetriedAsync(guestKey, cancellationToken) is { } retried)
        {
            return (retried, false);
        }
        var report = new CaseSubmission(submission.CategoryCode, submission.Urgency, submission.Title, submission.Description, submission.Lat,
            submission.Lon, submission.Address, submission.Attributes, anonymous, anonymous ? null : submission.ReporterName?.Trim(),
            number, CaseChannel.Web, null, submission.OccurredAt);
        var result = await intake.SubmitAsync(caller, report, guestKey, cancellationToken, async (errors, token) =>
        {
            if (!anonymous)
            {
                CheckReporter(submission, number!, errors);
            }
            if (errors.Count == 0 && !anonymous)
            {
                await codes.UseAsync(caller, number!, submission.Code, token);
            }
        });
        var followToken = guestKey is null ? RandomToken() : TokenFor(guestKey);
        await AddLinkAsync(result.Case.Id, followToken, cancellationToken);
        return (new GuestReported(result.Case, followToken, FollowUrl(followToken)), result.Created);
    }

    /// <summary>A new link to follow <paramref name="caseId"/> by (a guest supporter's); the token, which is kept only as its hash.</summary>
    public async Task<string> NewLinkAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var token = RandomToken();
        await AddLinkAsync(caseId, token, cancellationToken);
        return token;
    }

    /// <summary>The case a follow link opens, as the link shows it, or a 404 for a token that opens none.</summary>
    public async Task<CaseFollowView> FollowAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 128)
        {
            throw CaseAccessException.NotFound();
        }
        var hash = TokenHash(token.Trim());
        var caseId = await db.Set<CaseFollowLink>().Where(l => l.TokenHash == hash).Select(l => (Guid?)l.CaseId).FirstOrDefaultAsync(cancellationToken)
            ?? throw CaseAccessException.NotFound();
        // The link is the holder's right to the case's progress, wherever the case lies and whoever holds it.
        var @case = await db.Set<Case>().IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new { c.Reference, c.Title, c.CategoryCode, c.State, c.CreatedAt, c.ClosedAt })
            .FirstOrDefaultAsync(cancellationToken) ?? throw CaseAccessException.NotFound();
        // The steps only, from the same right: no notes, no names of who took them.
        var steps = await db.Set<CaseEvent>().IgnoreQueryFilters().AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Id)
            .Select(e => new CaseFollowStep(e.At, e.Action, e.ToState)).ToListAsync(cancellationToken);
        // Counted for the link's holder: the count names no one.
        var supporters = await db.Set<CaseSupporter>().IgnoreQueryFilters().CountAsync(s => s.CaseId == caseId, cancellationToken);
        var category = await db.Set<CaseCategory>().AsNoTracking().Where(c => c.Code == @case.CategoryCode)
            .Select(c => new { c.NameZh, c.NameEn }).FirstOrDefaultAsync(cancellationToken);
        var categoryName = category is null ? @case.CategoryCode
            : System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? category.NameEn : category.NameZh;
        return new CaseFollowView(@case.Reference, @case.Title, categoryName, @case.State, @case.CreatedAt, @case.ClosedAt, supporters, steps);
    }

    public static string FollowUrl(string token) => "/cases/follow/" + token;

    /// <summary>The hash a follow token is kept as.</summary>
    public string TokenHash(string token) => protector.Hash("case-follow-link:" + token);

    private static void CheckReporter(GuestSubmission submission, string number, Dictionary<string, string[]> errors)
    {
        if ((submission.ReporterName?.Trim() ?? "").Length is 0 or > MaxNameLength)
        {
            errors["reporterName"] = [CasesText.Format("Guest.NameRequired", MaxNameLength)];
        }
        if (!Phones.IsMobile(number))
        {
            errors["reporterPhone"] = [CasesText.Get("Guest.PhoneRequired")];
        }
        if (PhoneCodeService.CodeError(submission.Code) is { } codeError)
        {
            errors["code"] = [codeError];
        }
    }

    private async Task<GuestReported?> FindRetriedAsync(string guestKey, CancellationToken cancellationToken)
    {
        // A guest's case lies wherever they reported it: the key, bound to the guest, is what finds it.
        var existing = await db.Set<Case>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.ReporterUserId == null && c.IdempotencyKey == guestKey)
            .Select(c => new CaseSubmitted(c.Id, c.Reference, c.State, c.JurisdictionCode, Array.Empty<DuplicateCandidate>()))
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is null)
        {
            return null;
        }
        var token = TokenFor(guestKey);
        var hash = TokenHash(token);
        if (!await db.Set<CaseFollowLink>().AnyAsync(l => l.TokenHash == hash, cancellationToken))
        {
            await AddLinkAsync(existing.Id, token, cancellationToken);
        }
        return new GuestReported(existing, token, FollowUrl(token));
    }

    // The link of a report sent with a key is drawn from the key: a retry answers the same link, though only its hash is kept.
    private string TokenFor(string guestKey) => protector.Hash("case-follow-token:" + guestKey);

    private static string RandomToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private async Task AddLinkAsync(Guid caseId, string token, CancellationToken cancellationToken)
    {
        db.Add(CaseFollowLink.For(caseId, TokenHash(token), clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
    }
}
