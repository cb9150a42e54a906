using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Training;

/// <summary>
/// Training compliance (培训达标) of an area: of the staff whose roles require courses, how many completed all of them, per
/// street and per community; and who lacks what. A flag informs the administrator; it blocks no one from working.
/// </summary>
public sealed class TrainingCompliance(GongzhiDbContext db, StaffDirectory staff, IJurisdictionDirectory jurisdictions, WorkingCalendar calendar,
    TimeProvider clock)
{
    /// <summary>How many ids one query names at most.</summary>
    private const int Batch = 500;

    public async Task<ComplianceReport> ReportAsync(Caller caller, string? scope, CancellationToken cancellationToken)
    {
        var code = Area(caller, scope);
        var statuses = await StatusesAsync(caller, code, cancellationToken);
        var streets = Group(statuses, 9, code);
        var communities = Group(statuses, 12, code);
        var names = await jurisdictions.NamesAsync(streets.Keys.Concat(communities.Keys).Concat(statuses.Select(s => s.Staff.ScopeCode)).Append(code).Distinct(),
            cancellationToken);
        ComplianceRow Row(string c, IReadOnlyList<StaffStatus> list) => new(c, names.GetValueOrDefault(c, c), list.Count, list.Count(s => s.Complete),
            list.Count(s => !s.Complete));
        var flagged = statuses.Where(s => !s.Complete).Select(s => new FlaggedStaff(s.Staff.Id, s.Staff.UserName, s.Staff.DisplayName, s.Staff.ScopeCode,
            names.GetValueOrDefault(s.Staff.ScopeCode, s.Staff.ScopeCode), s.Staff.Roles, s.Missing, s.Expired)).ToList();
        return new ComplianceReport(code, names.GetValueOrDefault(code, code), Row(code, statuses), streets.Select(g => Row(g.Key, g.Value)).ToList(),
            communities.Select(g => Row(g.Key, g.Value)).ToList(), flagged);
    }

    /// <summary>The dashboard's rows: the area's total and one per child area with staff training is required of.</summary>
    public async Task<(ComplianceRow Total, IReadOnlyList<ComplianceRow> Children)> ByChildAsync(Caller caller, string scope, CancellationToken cancellationToken)
    {
        var code = Area(caller, scope);
        var statuses = await StatusesAsync(caller, code, cancellationToken);
        var childLength = JurisdictionCode.LevelOf(code) switch
        {
            JurisdictionLevel.City => 6,
            JurisdictionLevel.District => 9,
            JurisdictionLevel.Street => 12,
            _ => 15,
        };
        var children = Group(statuses, childLength, code);
        var names = await jurisdictions.NamesAsync(children.Keys.Append(code), cancellationToken);
        ComplianceRow Row(string c, IReadOnlyList<StaffStatus> list) => new(c, names.GetValueOrDefault(c, c), list.Count, list.Count(s => s.Complete),
            list.Count(s => !s.Complete));
        return (Row(code, statuses), children.Select(g => Row(g.Key, g.Value)).ToList());
    }

    private static string Area(Caller caller, string? scope)
    {
        var code = string.IsNullOrWhiteSpace(scope) ? caller.ScopeCode : scope.Trim();
        if (!JurisdictionCode.IsWellFormed(code))
        {
            throw FieldValidationException.Field("scope", ServicesText.Get("Training.JurisdictionUnknown"));
        }
        if (!caller.Covers(code))
        {
            throw new RecordNotFoundException();
        }
        if (!TrainingRules.MaySupervise(caller, code))
        {
            throw new ActionForbiddenException();
        }
        return code;
    }

    /// <summary>Staff of <paramref name="length"/>-digit areas strictly inside <paramref name="area"/>, by area; those above that level are in no row.</summary>
    private static SortedDictionary<string, IReadOnlyList<StaffStatus>> Group(IReadOnlyList<StaffStatus> statuses, int length, string area)
    {
        var rows = new SortedDictionary<string, IReadOnlyList<StaffStatus>>(StringComparer.Ordinal);
        if (area.Length >= length && area != JurisdictionCode.City)
        {
            return rows;
        }
        foreach (var group in statuses.Where(s => s.Staff.ScopeCode.Length >= length).GroupBy(s => s.Staff.ScopeCode[..length]))
        {
            rows[group.Key] = group.ToList();
        }
        return rows;
    }

    private sealed record StaffStatus(StaffAccount Staff, bool Complete, IReadOnlyList<string> Missing, IReadOnlyList<ExpiredCertificate> Expired);

    /// <summary>Every staff member of the area of whom some course is required, with what they lack.</summary>
    private async Task<IReadOnlyList<StaffStatus>> StatusesAsync(Caller caller, string area, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var today = ServiceDays.Today(calendar, clock.GetUtcNow());
        // The courses the caller sees are those set above their scope and inside it: all that can be required of its staff.
        var courses = await db.Set<TrainingCourse>().AsNoTracking().ToListAsync(cancellationToken);
        courses = courses.Where(c => c.RequiredFor.Count > 0).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var people = (await staff.InAsync(area, cancellationToken))
            .Select(s => (Staff: s, Required: courses.Where(c => c.IsRequiredOf(s.ScopeCode, s.Roles)).ToList()))
            .Where(p => p.Required.Count > 0).ToList();
        var enrolments = new List<Enrolment>();
        var certificates = new List<TrainingCertificate>();
        foreach (var batch in people.Select(p => p.Staff.Id).Chunk(Batch))
        {
            // A person's training counts wherever their scope was when they took it (they may have moved here since).
            enrolments.AddRange(await db.Set<Enrolment>().IgnoreQueryFilters().AsNoTracking()
                .Where(e => batch.Contains(e.StaffUserId) && e.Attended == true).ToListAsync(cancellationToken));
            // As above, for the certificates they hold; a revoked one is held no more, not even as lapsed.
            certificates.AddRange(await db.Set<TrainingCertificate>().IgnoreQueryFilters().AsNoTracking()
                .Where(c => batch.Contains(c.HolderUserId) && c.RevokedAt == null).ToListAsync(cancellationToken));
        }
        var enrolmentsOf = enrolments.ToLookup(e => e.StaffUserId);
        var certificatesOf = certificates.ToLookup(c => c.HolderUserId);
        return people.Select(p =>
        {
            var held = certificatesOf[p.Staff.Id].ToList();
            var lacking = p.Required.Select(c => (Course: c, Status: TrainingCompletion.Of(c, enrolmentsOf[p.Staff.Id], held, today)))
                .Where(x => !x.Status.Completed).ToList();
            var expired = lacking.Where(x => x.Status.ExpiredOn is not null)
                .Select(x => held.Where(c => c.Kind == x.Course.CertificateKind && c.ExpiresOn == x.Status.ExpiredOn).First())
                .Select(c => new ExpiredCertificate(c.Kind, c.Number, c.ExpiresOn!.Value)).ToList();
            return new StaffStatus(p.Staff, lacking.Count == 0, lacking.Select(x => x.Course.Name).ToList(), expired);
        }).ToList();
    }
}
