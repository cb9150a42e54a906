using System.Security.Claims;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Components.Layout;

/// <summary>
/// An entry of the main navigation, registered by the module that owns the page (in its <c>Add&lt;Module&gt;</c>),
/// so that the shell lists every module's pages without knowing the modules. <see cref="Label"/> is read at
/// render time, in the user's language. <see cref="Marker"/> becomes a <c>data-nav-{marker}</c> attribute for scripts and
/// tests; <see cref="IsCurrent"/> decides for which paths the entry is the current page, when its address and the
/// paths below it are not the right answer.
/// </summary>
public sealed record NavEntry(int Order, string Href, Func<ClaimsPrincipal, string> Label, Func<ClaimsPrincipal, bool> Shows,
    string? Marker = null, Func<string, bool>? IsCurrent = null)
{
    public bool IsCurrentFor(string path) =>
        IsCurrent?.Invoke(path) ?? (path == Href || path.StartsWith(Href + "/", StringComparison.Ordinal));

    public IReadOnlyDictionary<string, object> Attributes =>
        Marker is null ? new Dictionary<string, object>() : new Dictionary<string, object> { ["data-nav-" + Marker] = "" };
}

/// <summary>A component a module shows in the header beside the user's name (the inbox's unread count), for signed-in users.</summary>
public sealed record HeaderWidget(int Order, Type Component);

public static class NavEntries
{
    public static IServiceCollection AddNavEntry(this IServiceCollection services, int order, string href,
        Func<ClaimsPrincipal, string> label, Func<ClaimsPrincipal, bool> shows, string? marker = null, Func<string, bool>? isCurrent = null) =>
        services.AddSingleton(new NavEntry(order, href, label, shows, marker, isCurrent));

    /// <summary>Mirrors the "staff" policy: every role but Resident.</summary>
    public static bool IsStaff(ClaimsPrincipal user) => user.FindAll(ClaimTypes.Role).Any(r => r.Value != Roles.Resident);

    public static Func<ClaimsPrincipal, bool> ForRoles(params IReadOnlyList<string> roles) => user => roles.Any(user.IsInRole);
}
