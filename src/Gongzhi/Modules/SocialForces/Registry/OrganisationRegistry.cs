using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.SocialForces.Registry;

/// <summary>The registry's writes and the reveal of its personal data.</summary>
public sealed class OrganisationRegistry(GongzhiDbContext db, RecordActions actions, PersonalDataProtector protector, RevealLog reveals,
    UserManager<GongzhiUser> users, TimeProvider clock)
{
    private sealed class Rules : IActionRules<SocialOrganisation>
    {
        public static readonly Rules Instance = new();

        public bool CanSee(Caller caller, SocialOrganisation record) => SocialPermissions.Reads(caller) || caller.IsAdmin;

        public bool Allows(Caller caller, string action, SocialOrganisation record) => action switch
        {
            "reveal" => SocialPermissions.Registers(caller, record.JurisdictionCode),
            _ => SocialPermissions.Registers(caller, record.JurisdictionCode),
        };
    }

    public async Task<SocialOrganisation> RegisterAsync(Caller caller, RegisterOrganisationRequest request, CancellationToken cancellationToken)
    {
        var organisation = SocialOrganisation.Register(request.Name, request.JurisdictionCode, request.Kind, request.Field, request.CreditCode,
            request.LegalRepresentative, request.ContactPhone, request.Rating, protector, clock.GetUtcNow());
        try
        {
            return await actions.CreateAsync(caller, organisation, "register", Rules.Instance, cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw FieldValidationException.Field("creditCode", SocialText.Get("Organisation.CreditCodeTaken"));
        }
    }

    public Task<SocialOrganisation> UpdateStandingAsync(Caller caller, Guid id, AnnualReportStatus? report, int? rating, long? version,
        CancellationToken cancellationToken) =>
        actions.RunAsync(caller, o => o.Id == id, "standing", version, Rules.Instance, o =>
        {
            if (report is { } r)
            {
                o.RecordAnnualReport(r);
            }
            o.Rate(rating ?? o.Rating);
            return Task.CompletedTask;
        }, cancellationToken);

    public async Task<(string LegalRepresentative, string ContactPhone)> RevealAsync(Caller caller, Guid id, string? purpose,
        CancellationToken cancellationToken)
    {
        RevealLog.RequirePurpose(purpose);
        db.Caller = caller;
        var organisation = await db.Set<SocialOrganisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null || !Rules.Instance.CanSee(caller, organisation))
        {
            throw new RecordNotFoundException();
        }
        if (!Rules.Instance.Allows(caller, "reveal", organisation))
        {
            throw new ActionForbiddenException();
        }
        await reveals.RecordAsync(caller, nameof(SocialOrganisation), organisation.AuditKey, organisation.JurisdictionCode, purpose!,
            ["legalRepresentative", "contactPhone"], cancellationToken);
        return (protector.Unprotect(organisation.LegalRepresentativeProtected), protector.Unprotect(organisation.ContactPhoneProtected));
    }

    public async Task<List<SocialOrganisation>> ListAsync(Caller caller, string? scope, CancellationToken cancellationToken)
    {
        if (!SocialPermissions.Reads(caller))
        {
            throw new ActionForbiddenException();
        }
        db.Caller = caller;
        var query = db.Set<SocialOrganisation>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(scope))
        {
            if (!JurisdictionCode.IsWellFormed(scope.Trim()))
            {
                throw FieldValidationException.Field("scope", SocialText.Get("Field.JurisdictionCode"));
            }
            var prefix = JurisdictionCode.QueryPrefix(scope.Trim());
            query = query.Where(o => o.JurisdictionCode.StartsWith(prefix));
        }
        return await query.OrderBy(o => o.JurisdictionCode).ThenBy(o => o.Name).Take(1000).ToListAsync(cancellationToken);
    }

    /// <summary>The registrar of the organisation's area links an account with the SocialOrg role to it.</summary>
    public async Task<OrganisationMember> LinkMemberAsync(Caller caller, Guid id, string? userId, CancellationToken cancellationToken)
    {
        OrganisationMember? member = null;
        await actions.RunAsync(caller, o => o.Id == id, "link", null, Rules.Instance, async o =>
        {
            // Who may link is decided first; then whether the account is one that may act for an organisation.
            var user = string.IsNullOrWhiteSpace(userId) ? null : await users.FindByIdAsync(userId.Trim());
            if (user is null || !await users.IsInRoleAsync(user, Roles.SocialOrg))
            {
                throw FieldValidationException.Field("userId", SocialText.Get("Member.Account"));
            }
            await db.Set<OrganisationMember>().Where(m => m.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
            member = OrganisationMember.Link(user.Id, o.Id, clock.GetUtcNow());
            db.Add(member);
        }, cancellationToken);
        return member!;
    }

    public async Task<SocialOrganisation?> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        return await db.Set<SocialOrganisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
    }
}
