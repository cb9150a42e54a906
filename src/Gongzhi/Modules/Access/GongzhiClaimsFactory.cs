using System.Security.Claims;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Access;

/// <summary>
/// Puts the account's scope and organisation into its sign-in, so every request knows them without a lookup, and makes the
/// sign-in a session of its own (<see cref="SessionClaims"/>): the factory runs once per sign-in, never on a renewal.
/// </summary>
internal sealed class GongzhiClaimsFactory(UserManager<GongzhiUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options,
    TimeProvider clock)
    : UserClaimsPrincipalFactory<GongzhiUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(GongzhiUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(HttpCallerAccessor.ScopeClaim, user.ScopeCode));
        identity.AddClaim(new Claim(HttpCallerAccessor.DisplayNameClaim, user.DisplayName));
        SessionClaims.AddTo(identity, clock.GetUtcNow());
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(PasswordChange.Claim, "true"));
        }
        if (user.OrganisationId is { } org)
        {
            identity.AddClaim(new Claim(HttpCallerAccessor.OrganisationClaim, org.ToString()));
        }
        return identity;
    }
}
