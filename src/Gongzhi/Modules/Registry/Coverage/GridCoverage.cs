using Gongzhi.Components;
using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Registry.Coverage;

/// <summary>A grid with what lives in it and who is responsible for it.</summary>
public sealed record GridLoad(string Code, string Name, int Persons, int Households, IReadOnlyList<string> Workers);

/// <summary>A grid worker's share of their grid (a grid with two workers is shared between them).</summary>
public sealed record WorkerLoad(string UserName, string GridCode, string GridName, int Persons, int Households);

/// <summary>
/// The coverage of an area: every grid, those without a responsible grid worker, and the grid workers over the load limit
/// (persons or households per worker; <see cref="RegistryOptions.GridWorkerMaxPersons"/>, <see cref="RegistryOptions.GridWorkerMaxHouseholds"/>).
/// </summary>
public sealed record CoverageReport(string Area, int MaxPersons, int MaxHouseholds, IReadOnlyList<GridLoad> Grids, IReadOnlyList<GridLoad> Uncovered,
    IReadOnlyList<WorkerLoad> Overloaded);

/// <summary>
/// Grid coverage (网格覆盖): a grid's responsible worker is a grid worker's account whose scope is that grid; a grid's load
/// is the persons living in it (moved-away and archived ones not counted) and their households.
/// </summary>
public sealed class GridCoverage(GongzhiDbContext db, IJurisdictionBrowser tree, IOptions<RegistryOptions> options)
{
    public async Task<CoverageReport> ReportAsync(Caller caller, string? area, int? maxPersons, int? maxHouseholds, CancellationToken cancellationToken)
    {
        var code = string.IsNullOrWhiteSpace(area) ? caller.ScopeCode : area.Trim();
        if (!JurisdictionCode.IsWellFormed(code) || JurisdictionCode.LevelOf(code) is not (JurisdictionLevel.Street or JurisdictionLevel.Community))
        {
            throw FieldValidationException.Field("area", RegistryText.Get("Coverage.AreaLevel"));
        }
        if (!caller.Covers(code))
        {
            throw new RecordNotFoundException();
        }
        if (maxPersons is < 1 || maxHouseholds is < 1)
        {
            throw FieldValidationException.Field(maxPersons is < 1 ? "maxPersons" : "maxHouseholds", RegistryText.Get("Coverage.LimitInvalid"));
        }
        var personLimit = maxPersons ?? options.Value.GridWorkerMaxPersons;
        var householdLimit = maxHouseholds ?? options.Value.GridWorkerMaxHouseholds;
        var grids = await GridsAsync(code, cancellationToken);
        var prefix = JurisdictionCode.QueryPrefix(code);
        db.Caller = caller;
        var counts = await db.Set<Person>().AsNoTracking()
            .Where(p => p.JurisdictionCode.StartsWith(prefix) && p.MovedAwayAt == null && p.ArchivedAt == null)
            .GroupBy(p => p.JurisdictionCode)
            .Select(g => new { Code = g.Key, Persons = g.Count(), Households = g.Select(p => p.Household).Distinct().Count() })
            .ToDictionaryAsync(g => g.Code, cancellationToken);
        // Accounts are the platform's, not a module's table: the grid workers whose scope lies in the area.
        var workers = await (from u in db.Users
                             join ur in db.UserRoles on u.Id equals ur.UserId
                             join r in db.Roles on ur.RoleId equals r.Id
                             where r.Name == Roles.GridWorker && u.ScopeCode.StartsWith(prefix)
                             select new { u.UserName, u.ScopeCode }).AsNoTracking().ToListAsync(cancellationToken);
        var byGrid = workers.Where(w => w.UserName is not null).GroupBy(w => w.ScopeCode)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(w => w.UserName!).Order(StringComparer.Ordinal).ToList());
        var loads = grids.Select(g => new GridLoad(g.Code, g.Name, counts.GetValueOrDefault(g.Code)?.Persons ?? 0,
            counts.GetValueOrDefault(g.Code)?.Households ?? 0, byGrid.GetValueOrDefault(g.Code) ?? [])).ToList();
        var overloaded = loads.Where(g => g.Workers.Count > 0)
            .SelectMany(g => g.Workers.Select(w => new WorkerLoad(w, g.Code, g.Name, Share(g.Persons, g.Workers.Count), Share(g.Households, g.Workers.Count))))
            .Where(w => w.Persons > personLimit || w.Households > householdLimit)
            .OrderByDescending(w => w.Persons).ToList();
        return new CoverageReport(code, personLimit, householdLimit, loads, loads.Where(g => g.Workers.Count == 0).ToList(), overloaded);
    }

    /// <summary>A worker's share, rounded up: a share that is just over the limit is over it.</summary>
    private static int Share(int total, int workers) => (total + workers - 1) / workers;

    private async Task<List<JurisdictionNode>> GridsAsync(string code, CancellationToken cancellationToken)
    {
        var communities = JurisdictionCode.LevelOf(code) == JurisdictionLevel.Community
            ? [code]
            : (await tree.GetChildrenAsync(code, cancellationToken)).Select(c => c.Code).ToList();
        var grids = new List<JurisdictionNode>();
        foreach (var community in communities)
        {
            grids.AddRange((await tree.GetChildrenAsync(community, cancellationToken)).Where(n => n.Level == JurisdictionLevel.Grid));
        }
        return grids;
    }
}
