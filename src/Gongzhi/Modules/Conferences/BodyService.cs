using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Conferences;

/// <summary>Bodies and their member units: what the API and the pages both call, always with an explicit caller.</summary>
internal sealed class BodyService(GongzhiDbContext db, RecordActions actions, IOrganisationDirectory organisations, PersonalDataProtector protector,
    RevealLog reveals, TimeProvider clock)
{
    public async Task<List<BodyResponse>> ListAsync(Caller caller, string? scope, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        var query = db.Set<ConferenceBody>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(scope))
        {
            if (!JurisdictionCode.IsWellFormed(scope))
            {
                throw ConferencesText.Invalid("scope", "Scope.Malformed");
            }
            if (!caller.CanSee(scope))
            {
                throw new ActionForbiddenException();
            }
            var prefix = JurisdictionCode.QueryPrefix(scope);
            query = query.Where(b => b.JurisdictionCode.StartsWith(prefix));
        }
        var bodies = await query.OrderBy(b => b.JurisdictionCode).Take(1000).ToListAsync(cancellationToken);
        return bodies.Select(BodyResponse.From).ToList();
    }

    /// <summary>The body as the caller may see it (another street's body does not exist for them).</summary>
    public async Task<ConferenceBody> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        return await db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException();
    }

    public async Task<BodyResponse> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        BodyResponse.From(await FindAsync(caller, id, cancellationToken));

    public async Task<BodyResponse> CreateAsync(Caller caller, CreateBodyRequest request, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > ConferenceBody.MaxNameLength)
        {
            errors["name"] = [ConferencesText.Format("Body.Name", ConferenceBody.MaxNameLength)];
        }
        if (!JurisdictionCode.IsWellFormed(request.JurisdictionCode) || request.JurisdictionCode == JurisdictionCode.City)
        {
            errors["jurisdictionCode"] = [ConferencesText.Get("Body.Node")];
        }
        ConferenceBody? parent = null;
        if (request.ParentBodyId is { } parentId)
        {
            parent = await db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == parentId, cancellationToken);
            if (parent is null)
            {
                errors["parentBodyId"] = [ConferencesText.Get("Body.NoParent")];
            }
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        // Who may set up a body at this node is asked before the body's own rules, so an outsider learns nothing from them.
        if (!ConferencePermissions.RunsNode(caller, request.JurisdictionCode!))
        {
            throw new ActionForbiddenException();
        }
        var body = ConferenceBody.Create(request.Name!, request.JurisdictionCode!, parent, request.ConvenerOrganisationId);
        await actions.CreateAsync(caller, body, "create", ConferenceRules.Body, cancellationToken);
        return BodyResponse.From(body);
    }

    /// <summary>
    /// A member unit's liaison phone in full, for the body's own level, with a stated purpose that the audit log keeps
    /// before the number is shown; null when the unit left none.
    /// </summary>
    public async Task<string?> RevealLiaisonPhoneAsync(Caller caller, Guid id, Guid membershipId, string? purpose, CancellationToken cancellationToken)
    {
        var body = await FindAsync(caller, id, cancellationToken);
        BodyMembership? membership;
        using (db.As(caller))
        {
            membership = await db.Set<BodyMembership>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == membershipId && m.BodyId == id, cancellationToken);
        }
        if (membership is null || !ConferencePermissions.Runs(caller, body))
        {
            throw new ActionForbiddenException();
        }
        await reveals.RecordAsync(caller, nameof(BodyMembership), membership.AuditKey, membership.JurisdictionCode, purpose?.Trim() ?? "",
            ["liaisonPhone"], cancellationToken);
        return membership.LiaisonPhoneProtected is { } phone ? protector.Unprotect(phone) : null;
    }

    /// <summary>The contact directory of a body's member units; <paramref name="history"/> includes units that have left.</summary>
    public async Task<List<MemberResponse>> MembersAsync(Caller caller, Guid id, bool history, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        if (!await db.Set<ConferenceBody>().AnyAsync(b => b.Id == id, cancellationToken))
        {
            throw new RecordNotFoundException();
        }
        var query = db.Set<BodyMembership>().AsNoTracking().Where(m => m.BodyId == id);
        if (!history)
        {
            query = query.Where(m => m.LeftAt == null);
        }
        var members = await query.OrderBy(m => m.JoinedAt).ToListAsync(cancellationToken);
        // Member units may sit outside the caller's sight (a resident unit of another street); their names are part of the directory.
        var units = await organisations.EntriesAsync(members.Select(m => m.OrganisationId), cancellationToken);
        return members.Select(m => Describe(m, units.GetValueOrDefault(m.OrganisationId))).ToList();
    }

    public async Task<MemberResponse> JoinAsync(Caller caller, Guid id, JoinRequest request, CancellationToken cancellationToken)
    {
        BodyMembership? membership = null;
        OrganisationEntry? organisation = null;
        await actions.RunAsync(caller, b => b.Id == id, "join", null, ConferenceRules.Body, async body =>
        {
            var errors = new Dictionary<string, string[]>();
            if (request.OrganisationId is { } orgId)
            {
                organisation = await organisations.FindAsync(orgId, cancellationToken);
            }
            if (organisation is null)
            {
                errors["organisationId"] = [ConferencesText.Get("Member.Organisation")];
            }
            if (string.IsNullOrWhiteSpace(request.Representative) || request.Representative.Trim().Length > BodyMembership.MaxPersonLength)
            {
                errors["representative"] = [ConferencesText.Format("Member.Representative", BodyMembership.MaxPersonLength)];
            }
            if (request.Liaison is { Length: > BodyMembership.MaxPersonLength })
            {
                errors["liaison"] = [ConferencesText.Format("Field.AtMost", BodyMembership.MaxPersonLength)];
            }
            if (!string.IsNullOrWhiteSpace(request.LiaisonPhone) && !BodyMembership.IsWellFormedPhone(request.LiaisonPhone))
            {
                errors["liaisonPhone"] = [ConferencesText.Get("Member.Phone")];
            }
            if (errors.Count > 0)
            {
                throw new FieldValidationException(errors);
            }
            if (await db.Set<BodyMembership>().AnyAsync(m => m.BodyId == id && m.OrganisationId == organisation!.Id && m.LeftAt == null, cancellationToken))
            {
                throw new RuleViolationException(ConferencesText.Get("Member.Already"));
            }
            membership = BodyMembership.Join(body, organisation!.Id, request.Representative!, request.Liaison, protector.ProtectPhone(request.LiaisonPhone),
                clock.GetUtcNow());
            db.Add(membership);
        }, cancellationToken);
        return Describe(membership!, organisation);
    }

    public Task LeaveAsync(Caller caller, Guid membershipId, CancellationToken cancellationToken) =>
        actions.RunAsync(caller, m => m.Id == membershipId, "leave", null, ConferenceRules.Membership, m =>
        {
            m.Leave(clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    private static MemberResponse Describe(BodyMembership m, OrganisationEntry? organisation) => new(m.Id, m.OrganisationId, organisation?.Name,
        organisation?.Kind, m.Representative, m.Liaison, m.LiaisonPhoneMasked, m.JoinedAt, m.LeftAt);
}
