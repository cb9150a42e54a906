using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Registry.Grants;

public sealed record IssueGrantRequest(Guid? OrganisationId, string? Purpose, DateTimeOffset? Until, string? Area = null);

public sealed record GrantResponse(Guid Id, string JurisdictionCode, Guid OrganisationId, string Purpose, DateTimeOffset From, DateTimeOffset Until,
    string GrantedBy, DateTimeOffset? RevokedAt, bool Active, long Version);

/// <summary>The counts of an area's persons that a department may see without a grant, per child area.</summary>
public sealed record AreaAggregate(string Code, int Persons, int Households, int Registered, int Resident, int Floating, int WithCareCadence);

/// <summary>Issues and revokes department grants, and answers what a department may see of persons.</summary>
public sealed class GrantService(GongzhiDbContext db, RecordActions actions, IOptions<RegistryOptions> options, TimeProvider clock)
{
    public async Task<DepartmentGrant> IssueAsync(Caller caller, IssueGrantRequest request, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var area = string.IsNullOrWhiteSpace(request.Area) ? caller.ScopeCode : request.Area.Trim();
        if (!JurisdictionCode.IsWellFormed(area) || JurisdictionCode.LevelOf(area) < JurisdictionLevel.Street)
        {
            errors["area"] = [RegistryText.Get("Grant.AreaInvalid")];
        }
        if (!RevealPurposes.IsKnown(request.Purpose))
        {
            errors["purpose"] = [RegistryText.Get("Grant.PurposeRequired")];
        }
        var longest = TimeSpan.FromDays(options.Value.GrantMaxDays);
        if (request.Until is not { } until || until <= now || until > now + longest)
        {
            errors["until"] = [RegistryText.Format("Grant.UntilInvalid", options.Value.GrantMaxDays)];
        }
        // Accounts are the platform's: the organisation must be one whose staff are department staff.
        var organisation = request.OrganisationId;
        var isDepartment = organisation is { } org && await (from u in db.Users
                                                              join ur in db.UserRoles on u.Id equals ur.UserId
                                                              join r in db.Roles on ur.RoleId equals r.Id
                                                              where u.OrganisationId == org && r.Name == Roles.DepartmentStaff
                                                              select u.Id).AnyAsync(cancellationToken);
        if (!isDepartment)
        {
            errors["organisationId"] = [RegistryText.Get("Grant.NotADepartment")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var grant = DepartmentGrant.Issue(caller, area, organisation!.Value, request.Purpose!.Trim(), now, request.Until!.Value);
        return await actions.CreateAsync(caller, grant, "issue", GrantRules.Instance, cancellationToken);
    }

    public Task<DepartmentGrant> RevokeAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        return actions.RunAsync(caller, g => g.Id == id, "revoke", null, GrantRules.Instance, g =>
        {
            g.Revoke(caller, clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>The grants the caller may see (a department: its own), newest first.</summary>
    public async Task<List<GrantResponse>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var query = db.Set<DepartmentGrant>().AsNoTracking();
        if (caller.IsInRole(Roles.DepartmentStaff))
        {
            var mine = Guid.TryParse(caller.OrganisationId, out var org) ? org : Guid.Empty;
            query = query.Where(g => g.OrganisationId == mine);
        }
        var now = clock.GetUtcNow();
        return (await query.OrderByDescending(g => g.From).Take(200).ToListAsync(cancellationToken)).Select(g => Response(g, now)).ToList();
    }

    internal static GrantResponse Response(DepartmentGrant g, DateTimeOffset now) =>
        new(g.Id, g.JurisdictionCode, g.OrganisationId, g.Purpose, g.From, g.Until, g.GrantedBy, g.RevokedAt, g.IsActive(now), g.Version);

    /// <summary>
    /// The rules a caller reads persons under: the registry's own for its readers; for department staff, their department's
    /// active grants (none: nothing is seen); a reveal also names the purpose the grant must be for.
    /// </summary>
    internal async Task<IActionRules<Persons.Person>> PersonRulesForAsync(Caller caller, string? purpose, CancellationToken cancellationToken)
    {
        if (RegistryPermissions.Readers.Any(caller.IsInRole) || caller.IsSystem || !caller.IsInRole(Roles.DepartmentStaff))
        {
            return RegistryPermissions.PersonRules.Instance;
        }
        var now = clock.GetUtcNow();
        var mine = Guid.TryParse(caller.OrganisationId, out var org) ? org : Guid.Empty;
        db.Caller = caller;
        var grants = await db.Set<DepartmentGrant>().AsNoTracking()
            .Where(g => g.OrganisationId == mine && g.RevokedAt == null && g.Until > now).ToListAsync(cancellationToken);
        return new GrantedPersonRules(grants, now, purpose);
    }

    /// <summary>Counts per child area (street → communities, community → grids, district → streets), no one named.</summary>
    public async Task<List<AreaAggregate>> AggregatesAsync(Caller caller, string? area, CancellationToken cancellationToken)
    {
        var code = string.IsNullOrWhiteSpace(area) ? caller.ScopeCode : area.Trim();
        if (!JurisdictionCode.IsWellFormed(code) || JurisdictionCode.LevelOf(code) is JurisdictionLevel.Grid or JurisdictionLevel.City)
        {
            throw FieldValidationException.Field("area", RegistryText.Get("Grant.AggregateArea"));
        }
        if (!caller.Covers(code))
        {
            throw new RecordNotFoundException();
        }
        var childLength = code.Length + 3;
        db.Caller = caller;
        var rows = await db.Set<Persons.Person>().AsNoTracking()
            .Where(p => p.JurisdictionCode.StartsWith(code) && p.JurisdictionCode.Length >= childLength && p.MovedAwayAt == null && p.ArchivedAt == null)
            .GroupBy(p => p.JurisdictionCode.Substring(0, childLength))
            .Select(g => new AreaAggregate(g.Key, g.Count(), g.Select(p => p.Household).Distinct().Count(),
                g.Count(p => p.ResidenceStatus == Persons.ResidenceStatus.Registered), g.Count(p => p.ResidenceStatus == Persons.ResidenceStatus.Resident),
                g.Count(p => p.ResidenceStatus == Persons.ResidenceStatus.Floating), g.Count(p => p.CareCadenceDays != null)))
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
    }
}
