using Gongzhi.Modules.SocialForces.Purchase;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.SocialForces.Funds;

/// <summary>
/// Community funds and donations: open a fund, record what is received, allocate it to a need or a project, record
/// each use of an allocation. Every movement is one transaction whose first statement is the conditional update of the
/// fund's row (<see cref="SerialWrites"/>): writers of one fund go one after another, each numbering its movement and
/// writing the running balance it left.
/// </summary>
public sealed class FundService(GongzhiDbContext db, RecordActions actions, ProjectService projects, TimeProvider clock)
{
    private sealed class Rules : IActionRules<CommunityFund>
    {
        public static readonly Rules Instance = new();

        public bool CanSee(Caller caller, CommunityFund record) => true;

        public bool Allows(Caller caller, string action, CommunityFund record) => SocialPermissions.KeepsFunds(caller, record.JurisdictionCode);
    }

    public Task<CommunityFund> OpenAsync(Caller caller, string? name, string? jurisdictionCode, CancellationToken cancellationToken) =>
        actions.CreateAsync(caller, CommunityFund.Open(name, jurisdictionCode, clock.GetUtcNow()), "open", Rules.Instance, cancellationToken);

    public async Task<FundMovement> RecordAsync(Caller caller, Guid fundId, FundMovementKind kind, DonationForm? form, decimal? amount, string? donor,
        string? purpose, Guid? projectId, Guid? allocationId, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var fund = await db.Set<CommunityFund>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == fundId, cancellationToken)
            ?? throw new RecordNotFoundException();
        if (!Rules.Instance.Allows(caller, kind.ToString(), fund))
        {
            throw new ActionForbiddenException();
        }
        FundMovement? allocation = null;
        if (kind == FundMovementKind.Used)
        {
            allocation = await db.Set<FundMovement>().AsNoTracking()
                .FirstOrDefaultAsync(m => m.Id == allocationId && m.FundId == fundId && m.Kind == FundMovementKind.Allocated, cancellationToken)
                ?? throw FieldValidationException.Field("allocationId", SocialText.Get("Fund.Allocation"));
            projectId = allocation.ProjectId;
        }
        else if (kind == FundMovementKind.Allocated && projectId is { } project)
        {
            // The project must be one the caller sees (its area); its title is not copied, the purpose says what for.
            await projects.FindAsync(caller, project, cancellationToken);
        }
        else if (kind == FundMovementKind.Received)
        {
            projectId = null;
        }
        var movement = FundMovement.Ask(fund, kind, form, amount, donor, purpose, projectId, allocation?.Id, caller.UserName ?? "system",
            clock.GetUtcNow());
        return await SerialWrites.RunAsync(db, async () =>
        {
            var delta = movement.Delta;
            var reserve = movement.ReserveDelta;
            // The right to record was checked above; the fund's row is changed by its key, within its constraints.
            var changed = await db.Set<CommunityFund>().IgnoreQueryFilters()
                .Where(f => f.Id == fundId && f.Balance + delta >= 0 && f.Reserved + reserve >= 0 && f.Reserved + reserve <= f.Balance + delta)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Balance, f => f.Balance + delta).SetProperty(f => f.Reserved, f => f.Reserved + reserve)
                    .SetProperty(f => f.Movements, f => f.Movements + 1), cancellationToken);
            if (changed == 0)
            {
                throw new RuleViolationException(SocialText.Get("Fund.Insufficient"));
            }
            if (allocation is not null)
            {
                // The allocation's whole use, whoever recorded it: the limit is the allocation's, not the caller's area's.
                var used = await db.Set<FundMovement>().IgnoreQueryFilters().Where(m => m.AllocationId == allocation.Id).SumAsync(m => m.Amount, cancellationToken);
                if (used + movement.Amount > allocation.Amount)
                {
                    throw new RuleViolationException(SocialText.Format("Fund.AllocationLeft", Fen.Yuan(allocation.Amount - used)));
                }
            }
            // The fund the update above just changed, read back as stored.
            var now = await db.Set<CommunityFund>().IgnoreQueryFilters().AsNoTracking().Where(f => f.Id == fundId)
                .Select(f => new { f.Balance, f.Movements }).FirstAsync(cancellationToken);
            movement.Place(now.Movements, now.Balance);
            db.Caller = caller;
            db.Add(movement);
            await db.SaveChangesAsync(cancellationToken);
            return movement;
        }, cancellationToken);
    }

    /// <summary>Funds are published (公示): read as the system.</summary>
    public async Task<List<CommunityFund>> ListPublicAsync(string? scope, CancellationToken cancellationToken)
    {
        db.Caller = Caller.System;
        var query = db.Set<CommunityFund>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(scope) && JurisdictionCode.IsWellFormed(scope.Trim()))
        {
            var prefix = JurisdictionCode.QueryPrefix(scope.Trim());
            query = query.Where(f => f.JurisdictionCode.StartsWith(prefix));
        }
        return await query.OrderBy(f => f.JurisdictionCode).ThenBy(f => f.Name).Take(500).ToListAsync(cancellationToken);
    }

    public async Task<(CommunityFund Fund, List<FundMovement> Movements)> ViewPublicAsync(Guid id, CancellationToken cancellationToken)
    {
        db.Caller = Caller.System;
        var fund = await db.Set<CommunityFund>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException();
        var movements = await db.Set<FundMovement>().AsNoTracking().Where(m => m.FundId == id).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        return (fund, movements);
    }
}
