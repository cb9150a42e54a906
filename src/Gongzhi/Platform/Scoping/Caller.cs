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
    bool IsSystem)
{
    public static readonly Caller System = new(null, "system", JurisdictionCode.City, new HashSet<string>(), null, null, true);

    public static readonly Caller Anonymous = new(null, null, string.Empty, new HashSet<string>(), null, null, false);

    public bool IsAuthenticated => IsSystem || UserId is not null;

    public bool IsAdmin => IsSystem || Roles.Contains("Admin");

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
