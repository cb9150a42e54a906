using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Participation.Residence;

/// <summary>Declarations of residence and the community's decisions on them; the one writer of <see cref="ResidentProfile"/>.</summary>
public sealed class ResidenceService(GongzhiDbContext db, RecordActions actions, PersonalDataProtector protector, TimeProvider clock)
{
    internal const string VerifyAction = "verify";
    internal const string RefuseAction = "refuse";

    private static readonly ResidenceRules Rules = new();

    /// <summary>The caller's own profile, whatever its state; null when they never declared one.</summary>
    public Task<ResidentProfile?> MineAsync(Caller caller, CancellationToken cancellationToken) =>
        caller.UserId is not { } me
            ? Task.FromResult<ResidentProfile?>(null)
            // One's own profile is found by account, wherever it was declared (the scope follows the account, not the profile).
            : db.Set<ResidentProfile>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.AccountId == me, cancellationToken);

    /// <summary>The community of the caller's verified residence, or null: the test every vote and support passes.</summary>
    public async Task<string?> VerifiedCommunityAsync(Caller caller, CancellationToken cancellationToken) =>
        await MineAsync(caller, cancellationToken) is { IsVerified: true } profile ? profile.JurisdictionCode : null;

    /// <param name="displayName">The name the resident gave at registration; otherwise the account's user name.</param>
    public async Task<ResidentProfile> DeclareAsync(Caller caller, string? communityCode, string? address, CancellationToken cancellationToken,
        string? displayName = null)
    {
        if (!ParticipationAccess.IsResident(caller) || caller.UserId is null)
        {
            throw new ActionForbiddenException(ParticipationText.Get("Forbidden.ResidentsOnly"));
        }
        var errors = new Dictionary<string, string[]>();
        if (!JurisdictionCode.IsWellFormed(communityCode) || JurisdictionCode.LevelOf(communityCode!) != JurisdictionLevel.Community)
        {
            errors["communityCode"] = [ParticipationText.Get("Field.CommunityCode")];
        }
        if (string.IsNullOrWhiteSpace(address) || address.Trim().Length > ResidentProfile.MaxAddressLength)
        {
            errors["address"] = [ParticipationText.Format("Field.Address", ResidentProfile.MaxAddressLength)];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        db.Caller = caller;
        var now = clock.GetUtcNow();
        // One's own declaration, wherever it was made: a resident moving to another community redeclares the same profile.
        var existing = await db.Set<ResidentProfile>().IgnoreQueryFilters().FirstOrDefaultAsync(p => p.AccountId == caller.UserId, cancellationToken);
        var household = Households.Key(protector, communityCode!, address!.Trim());
        if (existing is null)
        {
            existing = ResidentProfile.Declare(caller.UserId, displayName ?? caller.UserName ?? caller.UserId, communityCode!, address.Trim(), household, now);
            db.Add(existing);
        }
        else
        {
            existing.Redeclare(communityCode!, address.Trim(), household, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        return existing;
    }

    public Task<ResidentProfile> VerifyAsync(Caller caller, Guid id, long? version, CancellationToken cancellationToken) =>
        actions.RunAsync<ResidentProfile>(caller, p => p.Id == id, VerifyAction, version, Rules, p =>
        {
            p.Verify(caller.UserName ?? "", clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<ResidentProfile> RefuseAsync(Caller caller, Guid id, string? reason, long? version, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > ResidentProfile.MaxReasonLength)
        {
            throw FieldValidationException.Field("reason", ParticipationText.Format("Field.Reason", ResidentProfile.MaxReasonLength));
        }
        return actions.RunAsync<ResidentProfile>(caller, p => p.Id == id, RefuseAction, version, Rules, p =>
        {
            p.Refuse(caller.UserName ?? "", reason.Trim(), clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>Declarations in the caller's scope, waiting ones first.</summary>
    public async Task<List<ResidentProfile>> ListAsync(Caller caller, ResidenceState? state, CancellationToken cancellationToken)
    {
        if (!ParticipationAccess.IsOrganiser(caller))
        {
            throw new ActionForbiddenException(ParticipationText.Get("Forbidden.StaffOnly"));
        }
        db.Caller = caller;
        var query = db.Set<ResidentProfile>().AsNoTracking();
        if (state is { } s)
        {
            query = query.Where(p => p.State == s);
        }
        return await query.OrderBy(p => p.State).ThenByDescending(p => p.DeclaredAt).Take(500).ToListAsync(cancellationToken);
    }

    /// <summary>Verified residents living in <paramref name="code"/> or below: the eligible voters and the expected readers.</summary>
    internal IQueryable<ResidentProfile> VerifiedIn(string code)
    {
        var prefix = JurisdictionCode.QueryPrefix(code);
        // Counting the eligible is part of running a ballot or a notice for the area; the caller's filter already admitted the area.
        return db.Set<ResidentProfile>().IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.State == ResidenceState.Verified && p.JurisdictionCode.StartsWith(prefix));
    }

    private sealed class ResidenceRules : IActionRules<ResidentProfile>
    {
        public bool CanSee(Caller caller, ResidentProfile record) => caller.Covers(record.JurisdictionCode);

        public bool Allows(Caller caller, string action, ResidentProfile record) => ParticipationAccess.Organises(caller, record.JurisdictionCode);
    }
}
