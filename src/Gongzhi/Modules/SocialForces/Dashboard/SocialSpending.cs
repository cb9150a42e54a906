using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Modules.SocialForces.Funds;
using Gongzhi.Modules.SocialForces.Purchase;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.SocialForces.Dashboard;

/// <summary>
/// The money of one area as it stands: what government purchase of services budgeted, contracted and paid, and what the
/// community funds hold and have promised. Amounts in fen.
/// </summary>
public sealed record AreaSpending(string Code, string Name, int Projects, long Budget, long Awarded, long Paid, int Funds, long FundBalance,
    long FundReserved);

/// <summary>
/// Budget execution per area for the dashboard (issue: "budget execution per street and district on the dashboard"): one
/// row per child of the area the dashboard shows, and the area's total. Read as the caller, so the scope filter decides
/// what counts. Three grouped reads, whatever the number of projects.
/// </summary>
internal sealed class SocialSpending(GongzhiDbContext db, IJurisdictionDirectory jurisdictions)
{
    public async Task<(AreaSpending Total, IReadOnlyList<AreaSpending> Children)> ByChildAsync(string scope, CancellationToken cancellationToken)
    {
        var prefix = JurisdictionCode.QueryPrefix(scope);
        var projects = await db.Set<ServiceProject>().AsNoTracking().Where(p => p.JurisdictionCode.StartsWith(prefix))
            .GroupBy(p => p.JurisdictionCode)
            .Select(g => new { Code = g.Key, Count = g.Count(), Budget = g.Sum(p => p.Budget), Awarded = g.Sum(p => p.Awarded) })
            .ToListAsync(cancellationToken);
        var paid = await db.Set<ContractMilestone>().AsNoTracking()
            .Where(m => m.JurisdictionCode.StartsWith(prefix) && m.State == MilestoneState.Paid)
            .GroupBy(m => m.JurisdictionCode)
            .Select(g => new { Code = g.Key, Amount = g.Sum(m => m.Amount) })
            .ToListAsync(cancellationToken);
        var funds = await db.Set<CommunityFund>().AsNoTracking().Where(f => f.JurisdictionCode.StartsWith(prefix))
            .GroupBy(f => f.JurisdictionCode)
            .Select(g => new { Code = g.Key, Count = g.Count(), Balance = g.Sum(f => f.Balance), Reserved = g.Sum(f => f.Reserved) })
            .ToListAsync(cancellationToken);

        var childLength = ChildLength(scope);
        string Child(string code) => childLength is { } length && code.Length >= length ? code[..length] : scope;
        var codes = projects.Select(p => Child(p.Code)).Concat(paid.Select(p => Child(p.Code))).Concat(funds.Select(f => Child(f.Code)))
            .Where(c => c != scope).Distinct().Order(StringComparer.Ordinal).ToList();
        var names = await jurisdictions.NamesAsync(codes.Append(scope), cancellationToken);
        AreaSpending Row(string code, Func<string, bool> inside)
        {
            // Each grouped read filtered once for the row, then added up.
            var ownProjects = projects.Where(p => inside(p.Code)).ToList();
            var ownFunds = funds.Where(f => inside(f.Code)).ToList();
            return new(code, names.GetValueOrDefault(code, code), ownProjects.Sum(p => p.Count), ownProjects.Sum(p => p.Budget),
                ownProjects.Sum(p => p.Awarded), paid.Where(p => inside(p.Code)).Sum(p => p.Amount), ownFunds.Sum(f => f.Count),
                ownFunds.Sum(f => f.Balance), ownFunds.Sum(f => f.Reserved));
        }

        return (Row(scope, _ => true), codes.Select(c => Row(c, code => Child(code) == c)).ToList());
    }

    private static int? ChildLength(string scope) => JurisdictionCode.LevelOf(scope) switch
    {
        JurisdictionLevel.City => 6,
        JurisdictionLevel.District => 9,
        JurisdictionLevel.Street => 12,
        JurisdictionLevel.Community => 15,
        _ => null,
    };
}
