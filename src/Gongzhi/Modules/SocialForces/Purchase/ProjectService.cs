using Gongzhi.Modules.SocialForces.Registry;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.SocialForces.Purchase;

/// <summary>
/// Purchases of services: publish a project, award contracts within its budget, and move milestones from delivery
/// through acceptance to payment. Two awards racing for the last of a budget: each is a conditional update of the
/// project's awarded sum in its own transaction; the second re-reads the sum under the row lock and finds no room.
/// </summary>
public sealed class ProjectService(GongzhiDbContext db, RecordActions actions, OrganisationRegistry registry, OrganisationMembers members,
    TimeProvider clock)
{
    private sealed class ProjectRules : IActionRules<ServiceProject>
    {
        public static readonly ProjectRules Instance = new();

        public bool CanSee(Caller caller, ServiceProject record) => true;

        public bool Allows(Caller caller, string action, ServiceProject record) => SocialPermissions.Purchases(caller, record.JurisdictionCode);
    }

    private sealed class MilestoneRules(ServiceContract contract, ProviderLens? lens) : IActionRules<ContractMilestone>
    {
        // An organisation's staff see the milestones of their own contracts only.
        public bool CanSee(Caller caller, ContractMilestone record) => lens is null || lens.Owns(contract.OrganisationId);

        // The provider's own staff deliver; the purchaser records a delivery on their behalf too, and alone accepts and pays.
        public bool Allows(Caller caller, string action, ContractMilestone record) => action switch
        {
            "deliver" => SocialPermissions.Purchases(caller, record.JurisdictionCode) || lens?.Owns(contract.OrganisationId) == true,
            _ => SocialPermissions.Purchases(caller, record.JurisdictionCode),
        };
    }

    public Task<ServiceProject> PublishAsync(Caller caller, string? title, string? jurisdictionCode, decimal? budget, string? need,
        CancellationToken cancellationToken) =>
        actions.CreateAsync(caller, ServiceProject.Publish(title, jurisdictionCode, budget, need, caller.UserName ?? "system", clock.GetUtcNow()),
            "publish", ProjectRules.Instance, cancellationToken);

    /// <summary>A project the caller may see: in its area, and for an organisation's staff only one their organisation won.</summary>
    public async Task<ServiceProject> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var project = await db.Set<ServiceProject>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException();
        if (await members.LensAsync(caller, cancellationToken) is { } lens
            && !await db.Set<ServiceContract>().AnyAsync(c => c.ProjectId == id && c.OrganisationId == lens.OrganisationId, cancellationToken))
        {
            throw new RecordNotFoundException();
        }
        return project;
    }

    /// <summary>The projects of an area as the caller may see them (<see cref="OrganisationMembers.LensAsync"/>).</summary>
    public async Task<List<ProjectResponse>> ListAsync(Caller caller, string? scope, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        return await ProjectQueries.ListAsync(db, scope, awardedOnly: false, cancellationToken, await members.LensAsync(caller, cancellationToken));
    }

    /// <summary>A project with the contracts the caller may see.</summary>
    public async Task<ProjectResponse> ViewAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var project = await FindAsync(caller, id, cancellationToken);
        return (await ProjectQueries.WithContractsAsync(db, [project], cancellationToken, await members.LensAsync(caller, cancellationToken)))[0];
    }

    public async Task<(ServiceContract Contract, List<ContractMilestone> Milestones)> AwardAsync(Caller caller, Guid projectId, Guid? organisationId,
        decimal? amount, IReadOnlyList<ServiceContract.MilestoneInput>? milestones, CancellationToken cancellationToken)
    {
        var project = await FindAsync(caller, projectId, cancellationToken);
        if (!ProjectRules.Instance.Allows(caller, "award", project))
        {
            throw new ActionForbiddenException();
        }
        var organisation = organisationId is { } orgId ? await registry.FindAsync(caller, orgId, cancellationToken) : null;
        if (organisation is null)
        {
            throw FieldValidationException.Field("organisationId", SocialText.Get("Contract.Organisation"));
        }
        var (contract, planned) = ServiceContract.Award(project, organisation.Id, organisation.Name, amount, milestones, clock.GetUtcNow());
        return await SerialWrites.RunAsync(db, async () =>
        {
            // Visibility and the right to award were checked above; the project row is changed by its key.
            var room = await db.Set<ServiceProject>().IgnoreQueryFilters()
                .Where(p => p.Id == projectId && p.Awarded + contract.Amount <= p.Budget)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Awarded, p => p.Awarded + contract.Amount), cancellationToken);
            if (room == 0)
            {
                throw new RuleViolationException(SocialText.Get("Contract.OverBudget"));
            }
            db.Caller = caller;
            db.Add(contract);
            db.AddRange(planned);
            await db.SaveChangesAsync(cancellationToken);
            return (contract, planned);
        }, cancellationToken);
    }

    public async Task<ContractMilestone> MilestoneAsync(Caller caller, Guid milestoneId, string action, string? deliverable, long? version,
        CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var contract = await db.Set<ContractMilestone>().AsNoTracking().Where(m => m.Id == milestoneId)
            .Join(db.Set<ServiceContract>(), m => m.ContractId, c => c.Id, (m, c) => c).FirstOrDefaultAsync(cancellationToken)
            ?? throw new RecordNotFoundException();
        var now = clock.GetUtcNow();
        var lens = await members.LensAsync(caller, cancellationToken);
        return await actions.RunAsync(caller, m => m.Id == milestoneId, action, version, new MilestoneRules(contract, lens), m =>
        {
            switch (action)
            {
                case "deliver":
                    m.Deliver(deliverable, now);
                    break;
                case "accept":
                    m.Accept(now);
                    break;
                case "reject":
                    m.Reject();
                    break;
                case "pay":
                    m.Pay(now);
                    break;
                default:
                    throw new RecordNotFoundException();
            }
            return Task.CompletedTask;
        }, cancellationToken);
    }
}
