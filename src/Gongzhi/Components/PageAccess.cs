using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing.Template;

namespace Gongzhi.Components;

/// <summary>
/// Whether a user may open a page of the app: the authorization the page's own endpoint carries (its
/// <c>[Authorize]</c>, or the fallback policy), asked of the user. The shell links modules' pages without knowing who
/// may open them.
/// </summary>
public sealed class PageAccess(EndpointDataSource endpoints, IAuthorizationPolicyProvider policies, IAuthorizationService authorization)
{
    /// <summary>Whether <paramref name="user"/> may open <paramref name="href"/> (a path of the app, query ignored); false for no such page.</summary>
    public async Task<bool> CanOpenAsync(ClaimsPrincipal user, string href)
    {
        var endpoint = Find("/" + href.Split('?', '#')[0].TrimStart('/'));
        if (endpoint is null)
        {
            return false;
        }
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return true;
        }
        var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
            endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>()) ?? await policies.GetFallbackPolicyAsync();
        return policy is null || (await authorization.AuthorizeAsync(user, null, policy)).Succeeded;
    }

    /// <summary>The user as if they held only <paramref name="role"/> of their roles, to ask what that role may open.</summary>
    public static ClaimsPrincipal InRole(ClaimsPrincipal user, string role)
    {
        var principal = new ClaimsPrincipal();
        foreach (var identity in user.Identities)
        {
            var claims = identity.Claims.Where(c => c.Type != identity.RoleClaimType || c.Value == role);
            principal.AddIdentity(new ClaimsIdentity(claims, identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType));
        }
        return principal;
    }

    // The most specific page route that matches (a literal segment before a parameter), as the router would choose.
    private RouteEndpoint? Find(string path) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Where(e => new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText ?? ""), new RouteValueDictionary())
                .TryMatch(path, new RouteValueDictionary()))
            .OrderBy(e => e.RoutePattern.InboundPrecedence).ThenBy(e => e.Order).FirstOrDefault();
}
