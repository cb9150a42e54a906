using System.Security.Claims;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Components.Layout;

/// <summary>
/// An entry of the main navigation, registered by the module that owns the page (in its <c>Add&lt;Module&gt;</c>),
/// so that the shell lists every module's pages without knowing the modules. <see cref="Label"/> is read at
/// render time, in the user's language.
/// </summary>
public sealed record NavEntry(int Order, string Href, Func<ClaimsPrincipal, string> Label, Func<ClaimsPrincipal, bool> Shows);

public static class NavEntries
{
    public static IServiceCollection AddNavEntry(this IServiceCollection services, int order, string href,
        Func<ClaimsPrincipal, string> label, Func<ClaimsPrincipal, bool> shows) =>
        services.AddSingleton(new NavEntry(order, href, label, shows));

    /// <summary>Mirrors the "staff" policy: every role but Resident.</summary>
    public static bool IsStaff(ClaimsPrincipal user) => user.FindAll(ClaimTypes.Role).Any(r => r.Value != Roles.Resident);

    public static Func<ClaimsPrincipal, bool> ForRoles(params IReadOnlyList<string> roles) => user => roles.Any(user.IsInRole);
}
