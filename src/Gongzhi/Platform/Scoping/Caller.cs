namespace Gongzhi.Platform.Scoping;

/// <summary>
/// Who is acting: a signed-in account with its jurisdiction scope, or the system itself (start-up,
/// imports, background services). Every scope decision in the platform goes through this type.
/// </summary>
public sealed record Caller(
    string? UserId,
    string? UserName,
    string ScopeCode,
    IReadOnlySet<string> Roles,
    string? OrganisationId,
    string? RemoteIp,
    bool IsSystem,
    string? DisplayName = null)
{
    /// <summary>How the caller is named to people (the account's display name), the login name when there is none.</summary>
    public string? ShownName => DisplayName ?? UserName;

    public static readonly Caller System = new(null, "system", JurisdictionCode.City, new HashSet<string>(), null, null, true);

    public static readonly Caller Anonymous = new(null, null, string.Empty, new HashSet<string>(), null, null, false);

    public bool IsAuthenticated => IsSystem || UserId is not null;

    /// <summary>
    /// Holds the administrator role (or is the system). An administrator is bounded by its scope like any other
    /// role: what it may see or change still needs <see cref="Covers"/>; city-wide settings need <see cref="IsCityAdmin"/>.
    /// </summary>
    public bool IsAdmin => IsSystem || Roles.Contains("Admin");

    /// <summary>An administrator of the whole city (or the system): the only one who changes settings that hold city-wide.</summary>
    public bool IsCityAdmin => IsSystem || (Roles.Contains("Admin") && ScopeCode == JurisdictionCode.City);

    /// <summary>An administrator whose scope covers <paramref name="code"/> (or the system).</summary>
    public bool Administers(string code) => IsAdmin && Covers(code);

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>True when <paramref name="code"/> is the caller's own node or lies below it.</summary>
    public bool Covers(string code) =>
        IsSystem || (ScopeCode.Length > 0 && JurisdictionCode.IsWithin(code, ScopeCode));

    /// <summary>True when the caller may see <paramref name="code"/>: inside the scope, or one of its ancestors.</summary>
    public bool CanSee(string code) =>
        Covers(code) || (ScopeCode.Length > 0 && JurisdictionCode.IsWithin(ScopeCode, code));
}

public interface ICallerAccessor
{
    Caller Current { get; }
}
