using Gongzhi.Modules.SocialForces.Purchase;
using Gongzhi.Modules.SocialForces.Registry;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Idempotency;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.SocialForces.Calls;

/// <summary>
/// Calls for proposals: the purchaser publishes a call with its rubric, organisations apply before the deadline, the
/// panel (the purchaser's staff) scores after it, and the award makes the contract through <see cref="ProjectService"/>,
/// so the project's budget rule holds for awards from a call as for any other.
/// </summary>
public sealed class CallService(GongzhiDbContext db, ProjectService projects, OrganisationRegistry registry, OrganisationMembers members,
    IdempotentRequests idempotency, TimeProvider clock)
{
    /// <summary>What an Idempotency-Key of an application creates (<see cref="IdempotentRequests"/>).</summary>
    public const string IdempotencyScope = "social-applications";

    public async Task<CallResponse> PublishAsync(Caller caller, Guid projectId, DateTimeOffset? deadline,
        IReadOnlyList<ProposalCall.CriterionInput>? criteria, CancellationToken cancellationToken)
    {
        var project = await projects.FindAsync(caller, projectId, cancellationToken);
        if (!SocialPermissions.Purchases(caller, project.JurisdictionCode))
        {
            throw new ActionForbiddenException();
        }
        var (call, rubric) = ProposalCall.Publish(project, deadline, criteria, caller.UserName ?? "system", clock.GetUtcNow());
        db.Caller = caller;
        if (await db.Set<ProposalCall>().AnyAsync(c => c.ProjectId == projectId, cancellationToken))
        {
            throw new RuleViolationException(SocialText.Get("Call.Exists"));
        }
        db.Add(call);
        db.AddRange(rubric);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            throw new RuleViolationException(SocialText.Get("Call.Exists"));
        }
        return CallQueries.ToResponse(call, rubric, 0, null);
    }

    /// <summary>Calls are public (rubric included): read as the system.</summary>
    public async Task<List<CallResponse>> ListPublicAsync(string? scope, CancellationToken cancellationToken)
    {
        db.Caller = Caller.System;
        return await CallQueries.ListAsync(db, scope, cancellationToken);
    }

    public async Task<CallResponse> ViewPublicAsync(Guid id, CancellationToken cancellationToken)
    {
        db.Caller = Caller.System;
        return (await CallQueries.ListAsync(db, null, cancellationToken, id)).FirstOrDefault() ?? throw new RecordNotFoundException();
    }

    /// <summary>The call of a project, if it has one (as the system: calls are public).</summary>
    public async Task<Guid?> CallOfProjectAsync(Guid projectId, CancellationToken cancellationToken)
    {
        db.Caller = Caller.System;
        return await db.Set<ProposalCall>().AsNoTracking().Where(c => c.ProjectId == projectId).Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// An organisation's staff apply for their organisation. A retry with the same <c>Idempotency-Key</c> gets the first
    /// application back (Created false), even after the deadline; a second application of the organisation is a 409.
    /// </summary>
    public async Task<(CallApplicationResponse Application, bool Created)> ApplyAsync(Caller caller, Guid callId, string? proposal, decimal? amount,
        string? idempotencyKey, CancellationToken cancellationToken)
    {
        var key = IdempotentRequests.Normalize(idempotencyKey);
        if (key is { Length: > IdempotentRequests.MaxKeyLength })
        {
            throw FieldValidationException.Field("Idempotency-Key", SocialText.Format("Field.TooLong", IdempotentRequests.MaxKeyLength));
        }
        if (!SocialPermissions.IsProvider(caller))
        {
            throw new ActionForbiddenException(SocialText.Get("Application.OnlyOrganisations"));
        }
        var organisationId = await members.OrganisationOfAsync(caller, cancellationToken)
            ?? throw new ActionForbiddenException(SocialText.Get("Application.NoOrganisation"));
        var fingerprint = key is null ? "" : idempotency.FingerprintOf(new { callId, proposal, amount });
        db.Caller = caller;
        var call = await db.Set<ProposalCall>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, cancellationToken)
            ?? throw new RecordNotFoundException();
        if (key is not null && await ReplayAsync(caller, callId, key, fingerprint, cancellationToken) is { } first)
        {
            return (first, false);
        }
        var organisation = await registry.FindAsync(caller, organisationId, cancellationToken)
            ?? throw new ActionForbiddenException(SocialText.Get("Application.NoOrganisation"));
        var application = ProposalApplication.Submit(call, organisation.Id, organisation.Name, caller.UserId!, key, proposal, amount,
            clock.GetUtcNow());
        db.Add(application);
        if (key is not null)
        {
            idempotency.Remember(caller, IdempotencyScope, key, fingerprint);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The organisation applied already: a retry that raced this one (answered with its application), or a second application.
            db.ChangeTracker.Clear();
            if (key is not null && await ReplayAsync(caller, callId, key, fingerprint, cancellationToken) is { } raced)
            {
                return (raced, false);
            }
            if (key is not null)
            {
                await idempotency.EnsureSameRequestAsync(caller, IdempotencyScope, key, fingerprint, cancellationToken);
            }
            throw new RuleViolationException(SocialText.Get("Application.Exists"));
        }
        return (CallQueries.ToResponse(application, null, 0, null), true);
    }

    private async Task<CallApplicationResponse?> ReplayAsync(Caller caller, Guid callId, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var me = caller.UserId;
        var first = await db.Set<ProposalApplication>().AsNoTracking()
            .FirstOrDefaultAsync(a => a.CallId == callId && a.ApplicantUserId == me && a.IdempotencyKey == key, cancellationToken);
        if (first is null)
        {
            return null;
        }
        await idempotency.EnsureSameRequestAsync(caller, IdempotencyScope, key, fingerprint, cancellationToken);
        return CallQueries.ToResponse(first, null, 0, null);
    }

    /// <summary>
    /// The applications of a call: the purchaser's staff see all with their weighted totals and their own scores; an
    /// organisation's staff see only their own, with its total once the call is awarded.
    /// </summary>
    public async Task<List<CallApplicationResponse>> ApplicationsAsync(Caller caller, Guid callId, CancellationToken cancellationToken)
    {
        if (!SocialPermissions.Reads(caller))
        {
            throw new ActionForbiddenException();
        }
        db.Caller = caller;
        var call = await db.Set<ProposalCall>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, cancellationToken)
            ?? throw new RecordNotFoundException();
        var lens = await members.LensAsync(caller, cancellationToken);
        var query = db.Set<ProposalApplication>().AsNoTracking().Where(a => a.CallId == callId);
        if (lens is not null)
        {
            var mine = lens.OrganisationId;
            query = query.Where(a => a.OrganisationId == mine);
        }
        var applications = await query.OrderBy(a => a.SubmittedAt).ToListAsync(cancellationToken);
        var criteria = await CallQueries.CriteriaAsync(db, callId, cancellationToken);
        var scores = (await db.Set<ApplicationScore>().AsNoTracking().Where(s => s.CallId == callId).ToListAsync(cancellationToken))
            .ToLookup(s => s.ApplicationId);
        var showTotals = lens is null || call.State == CallState.Awarded;
        return [.. applications.Select(a => CallQueries.ToResponse(a, showTotals ? Rubric.Total(criteria, scores[a.Id]) : null,
            scores[a.Id].Select(s => s.ScorerId).Distinct().Count(),
            lens is null ? scores[a.Id].Where(s => s.ScorerId == caller.UserId).ToDictionary(s => s.CriterionNumber, s => s.Score) : null))];
    }

    /// <summary>A panel member scores every criterion of an application; scoring again replaces their earlier scores.</summary>
    public async Task<CallApplicationResponse> ScoreAsync(Caller caller, Guid applicationId, IReadOnlyList<Rubric.ScoreInput>? scores,
        CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var application = await db.Set<ProposalApplication>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken)
            ?? throw new RecordNotFoundException();
        if (!SocialPermissions.Purchases(caller, application.JurisdictionCode) || caller.UserId is not { } scorer)
        {
            throw SocialPermissions.IsProvider(caller) ? new RecordNotFoundException() : new ActionForbiddenException();
        }
        var call = await db.Set<ProposalCall>().AsNoTracking().FirstAsync(c => c.Id == application.CallId, cancellationToken);
        var now = clock.GetUtcNow();
        call.EnsureJudging(now);
        var criteria = await CallQueries.CriteriaAsync(db, call.Id, cancellationToken);
        var given = Rubric.Check(criteria, scores);
        await SerialWrites.RunAsync(db, async () =>
        {
            await db.Set<ApplicationScore>().Where(s => s.ApplicationId == applicationId && s.ScorerId == scorer).ExecuteDeleteAsync(cancellationToken);
            db.AddRange(given.Select(g => ApplicationScore.Give(application, scorer, caller.UserName ?? scorer, g.Key, g.Value, now)));
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);
        var all = await db.Set<ApplicationScore>().AsNoTracking().Where(s => s.ApplicationId == applicationId).ToListAsync(cancellationToken);
        return CallQueries.ToResponse(application, Rubric.Total(criteria, all), all.Select(s => s.ScorerId).Distinct().Count(),
            given.ToDictionary());
    }

    /// <summary>
    /// Awards the call to one application: the highest total, or another with a recorded reason. The contract is made by
    /// <see cref="ProjectService.AwardAsync"/> in the same transaction as the call's change, so two awards of one call
    /// cannot both pass and the budget check stays the project's.
    /// </summary>
    public async Task<ContractResponse> AwardAsync(Caller caller, Guid callId, Guid? applicationId, string? reason,
        IReadOnlyList<ServiceContract.MilestoneInput>? milestones, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var call = await db.Set<ProposalCall>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, cancellationToken)
            ?? throw new RecordNotFoundException();
        if (!SocialPermissions.Purchases(caller, call.JurisdictionCode))
        {
            throw SocialPermissions.IsProvider(caller) ? new RecordNotFoundException() : new ActionForbiddenException();
        }
        var applications = await db.Set<ProposalApplication>().AsNoTracking().Where(a => a.CallId == callId).ToListAsync(cancellationToken);
        var chosen = applications.FirstOrDefault(a => a.Id == applicationId)
            ?? throw FieldValidationException.Field("applicationId", SocialText.Get("Call.Application"));
        var criteria = await CallQueries.CriteriaAsync(db, callId, cancellationToken);
        var scores = (await db.Set<ApplicationScore>().AsNoTracking().Where(s => s.CallId == callId).ToListAsync(cancellationToken))
            .ToLookup(s => s.ApplicationId);
        var totals = applications.ToDictionary(a => a.Id, a => Rubric.Total(criteria, scores[a.Id]));
        var now = clock.GetUtcNow();
        var kept = call.CheckAward(chosen, totals, reason, now);
        return await SerialWrites.RunAsync(db, async () =>
        {
            // The call row is the award's lock: the first award flips it, a racing one finds it awarded. Visibility and
            // the right to award were checked above, so the row is changed by its key.
            var won = await db.Set<ProposalCall>().IgnoreQueryFilters().Where(c => c.Id == callId && c.State == CallState.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CallState.Awarded).SetProperty(c => c.AwardedApplicationId, chosen.Id)
                    .SetProperty(c => c.AwardReason, kept).SetProperty(c => c.AwardedAt, now), cancellationToken);
            if (won == 0)
            {
                throw new RuleViolationException(SocialText.Get("Call.AlreadyAwarded"));
            }
            var (contract, planned) = await projects.AwardAsync(caller, call.ProjectId, chosen.OrganisationId, Fen.Yuan(chosen.Amount), milestones,
                cancellationToken);
            return ProjectQueries.ToResponse(contract, planned);
        }, cancellationToken);
    }
}
