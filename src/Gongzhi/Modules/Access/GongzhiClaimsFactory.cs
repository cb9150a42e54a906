using System.Security.Claims;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Access;

/// <summary>Puts the account's scope and organisation into its sign-in, so every request knows them without a lookup.</summary>
internal sealed class GongzhiClaimsFactory(UserManager<GongzhiUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<GongzhiUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(GongzhiUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(HttpCallerAccessor.ScopeClaim, user.ScopeCode));
        identity.AddClaim(new Claim("gongzhi:name", user.DisplayName));
        if (user.OrganisationId is { } org)
        {
            identity.AddClaim(new Claim(HttpCallerAccessor.OrganisationClaim, org.ToString()));
        }
        return identity;
    }
}
