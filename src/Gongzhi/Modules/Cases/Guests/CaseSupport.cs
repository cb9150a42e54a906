using Gongzhi.Modules.Access.PhoneCodes;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Modules.Notifications;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Guests;

/// <summary>
/// An open case near a place, as anyone may see it before reporting: its category, state, distance, the day it was reported
/// and its supporters, at a position rounded to about 100 m. No title, no description, no reporter: those are the reporter's words.
/// </summary>
public sealed record NearbyCase(Guid Id, string CategoryCode, string CategoryName, CaseState State, int DistanceMeters, double Lat, double Lon,
    DateOnly ReportedOn, int Supporters);

/// <summary>Someone said 我也遇到了: <see cref="Added"/> is false when they already had; <see cref="FollowToken"/> is a guest's link.</summary>
public sealed record SupportResult(Guid CaseId, string Reference, int Supporters, bool Added, string? FollowToken, string? FollowUrl);

public sealed record SupportRequest(string? Phone = null, string? Code = null);

/// <summary>The progress of a case as its follow link shows it to anyone holding the link: no name, no number, no staff notes.</summary>
public sealed record CaseFollowView(string Reference, string Title, string CategoryName, CaseState State, DateTimeOffset ReportedAt,
    DateTimeOffset? ClosedAt, int Supporters, IReadOnlyList<CaseFollowStep> Steps);

public sealed record CaseFollowStep(DateTimeOffset At, string Action, CaseState State);

/// <summary>
/// Open cases near a report in the making, and 我也遇到了: a person who meets a problem already reported joins its case as a
/// supporter instead of filing it again (FixMyStreet's "me too"), once per account or number; supporters hear when it closes.
/// </summary>
public sealed class CaseSupport(GongzhiDbContext db, Catalogue.CategoryCatalogue catalogue, PhoneCodeService codes, PersonalDataProtector protector,
    GuestReports guests, Notifier notifier, IOutboundChannel outbound, TimeProvider clock, ILogger<CaseSupport> log)
{
    public const int NearbyRadiusMeters = 200;
    public const int MaxNearby = 20;

    /// <summary>
    /// Open cases within <see cref="NearbyRadiusMeters"/> of the point, of the category (a 小类) or of any 小类 of it (a 大类),
    /// nearest first. Anyone may ask, signed in or not: nothing personal is answered.
    /// </summary>
    public async Task<IReadOnlyList<NearbyCase>> NearbyAsync(double? lat, double? lon, string? category, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (lat is not (>= -90 and <= 90))
        {
            errors["lat"] = [CasesText.Get("Nearby.Lat")];
        }
        if (lon is not (>= -180 and <= 180))
        {
            errors["lon"] = [CasesText.Get("Nearby.Lon")];
        }
        var snapshot = await catalogue.CurrentAsync(cancellationToken);
        var chosen = snapshot.Find(category?.Trim());
        if (chosen is null)
        {
            errors["category"] = [CasesText.Get("Nearby.Category")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var codesOf = chosen!.IsMajor ? snapshot.Active.Where(c => c.ParentCode == chosen.Code).Select(c => c.Code).ToList() : [chosen.Code];
        var (la, lo) = (lat!.Value, lon!.Value);
        var dLat = NearbyRadiusMeters / 111_320.0;
        var dLon = NearbyRadiusMeters / (111_320.0 * Math.Max(0.01, Math.Cos(la * Math.PI / 180)));
        // Anyone may ask, so the search is city-wide: what it answers is no one's to hide.
        var near = await db.Set<Case>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => codesOf.Contains(c.CategoryCode) && CaseStates.Open.Contains(c.State)
                && c.Latitude >= la - dLat && c.Latitude <= la + dLat && c.Longitude >= lo - dLon && c.Longitude <= lo + dLon)
            .OrderByDescending(c => c.CreatedAt).Take(MaxNearby * 2)
            .Select(c => new { c.Id, c.CategoryCode, c.State, Lat = c.Latitude!.Value, Lon = c.Longitude!.Value, c.CreatedAt })
            .ToListAsync(cancellationToken);
        var found = near.Select(c => (Case: c, Distance: (int)Math.Round(CaseIntakeService.DistanceMeters(la, lo, c.Lat, c.Lon))))
            .Where(c => c.Distance <= NearbyRadiusMeters).OrderBy(c => c.Distance).Take(MaxNearby).ToList();
        var ids = found.Select(c => c.Case.Id).ToList();
        var counts = await CountsAsync(ids, cancellationToken);
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return found.Select(c => new NearbyCase(c.Case.Id, c.Case.CategoryCode,
                snapshot.Find(c.Case.CategoryCode) is { } k ? (english ? k.NameEn : k.NameZh) : c.Case.CategoryCode, c.Case.State, c.Distance,
                Math.Round(c.Case.Lat, 3), Math.Round(c.Case.Lon, 3), DateOnly.FromDateTime(c.Case.CreatedAt.UtcDateTime), counts.GetValueOrDefault(c.Case.Id)))
            .ToList();
    }

    /// <summary>
    /// 我也遇到了 on an open case: a signed-in caller joins with their account; a visitor with a number and the code texted to it.
    /// A second time by the same person changes nothing (and says so). A case that is not open is a 409; an unknown one a 404.
    /// </summary>
    public async Task<SupportResult> SupportAsync(Caller caller, Guid caseId, SupportRequest request, CancellationToken cancellationToken)
    {
        // A supporter is anyone who met the problem: they need not see the case's place or words, only know it is there.
        var @case = await db.Set<Case>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken)
            ?? throw CaseAccessException.NotFound();
        string? userId = caller.UserId;
        ProtectedValue? phone = null;
        if (userId is null)
        {
            var errors = new Dictionary<string, string[]>();
            var number = Phones.Normalize(request.Phone);
            if (!Phones.IsMobile(number))
            {
                errors["phone"] = [CasesText.Get("Guest.PhoneRequired")];
            }
            if (PhoneCodeService.CodeError(request.Code) is { } codeError)
            {
                errors["code"] = [codeError];
            }
            if (errors.Count > 0)
            {
                throw new FieldValidationException(errors);
            }
            if (!@case.IsOpen)
            {
                throw CasesText.Rule("Support.CaseNotOpen", @case.Reference);
            }
            await codes.UseAsync(caller, number, request.Code, cancellationToken);
            phone = protector.ProtectPhone(number);
        }
        // One's own support of the case, wherever it lies: the same person counts once.
        var already = userId is not null
            ? await db.Set<CaseSupporter>().IgnoreQueryFilters().AnyAsync(s => s.CaseId == caseId && s.UserId == userId, cancellationToken)
            : await db.Set<CaseSupporter>().IgnoreQueryFilters().AnyAsync(s => s.CaseId == caseId && s.PhoneHash == phone!.Hash, cancellationToken);
        var added = false;
        if (!already)
        {
            db.Add(CaseSupporter.Join(@case, userId, phone, clock.GetUtcNow()));
            try
            {
                db.Caller = CaseAccess.ActingOn(caller, @case.JurisdictionCode);
                await db.SaveChangesAsync(cancellationToken);
                added = true;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // The same person's other click won the race: they count once.
                db.ChangeTracker.Clear();
            }
            finally
            {
                db.Caller = caller;
            }
        }
        var token = userId is null ? await guests.NewLinkAsync(caseId, cancellationToken) : null;
        return new SupportResult(caseId, @case.Reference, await CountAsync(caseId, cancellationToken), added, token,
            token is null ? null : GuestReports.FollowUrl(token));
    }

    /// <summary>How many people joined the case by 我也遇到了.</summary>
    public Task<int> CountAsync(Guid caseId, CancellationToken cancellationToken) =>
        // Counted for whoever sees the case (a follow link, its staff): the count names no one.
        db.Set<CaseSupporter>().IgnoreQueryFilters().CountAsync(s => s.CaseId == caseId, cancellationToken);

    /// <summary>Whether the caller (an account) has joined the case.</summary>
    public Task<bool> SupportsAsync(Caller caller, Guid caseId, CancellationToken cancellationToken) =>
        caller.UserId is { } me
            // One's own support of a case, wherever the case lies.
            ? db.Set<CaseSupporter>().IgnoreQueryFilters().AnyAsync(s => s.CaseId == caseId && s.UserId == me, cancellationToken)
            : Task.FromResult(false);

    /// <summary>
    /// Tells a closed case's supporters: accounts in the platform (and by text), numbers by a text. Queued with the caller's
    /// next save for accounts; the texts go once the case's close is saved (<paramref name="afterSave"/> collects them).
    /// </summary>
    internal async Task TellClosedAsync(Case @case, Caller actor, List<Func<Task>> afterSave, CancellationToken cancellationToken)
    {
        // The supporters of a case the actor may close, whatever the actor's own scope.
        var supporters = await db.Set<CaseSupporter>().IgnoreQueryFilters().AsNoTracking().Where(s => s.CaseId == @case.Id)
            .Select(s => new { s.UserId, s.PhoneProtected }).ToListAsync(cancellationToken);
        var title = CasesText.Format("Support.ClosedTitle", @case.Reference);
        notifier.Notify(supporters.Select(s => s.UserId).OfType<string>().Where(u => u != actor.UserId && u != @case.ReporterUserId), "case.supported-closed",
            title, @case.Title, $"/cases/{@case.Id}", outboundToo: true);
        var numbers = supporters.Select(s => s.PhoneProtected).OfType<string>().ToList();
        if (numbers.Count > 0)
        {
            afterSave.Add(async () =>
            {
                foreach (var stored in numbers)
                {
                    try
                    {
                        await outbound.SendToNumberAsync(protector.Unprotect(stored), title, CancellationToken.None);
                    }
                    catch (OutboundDeliveryException e)
                    {
                        // One text the gateway refuses does not keep the others from going; the case is closed either way.
                        log.LogWarning(e, "A supporter of case {Reference} could not be told it closed.", @case.Reference);
                    }
                }
            });
        }
    }

    private async Task<Dictionary<Guid, int>> CountsAsync(List<Guid> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? []
            // Counts of the open cases found near a point, wherever they lie: the counts name no one.
            : await db.Set<CaseSupporter>().IgnoreQueryFilters().Where(s => ids.Contains(s.CaseId)).GroupBy(s => s.CaseId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
