namespace Gongzhi.Tests.Authorization;

/// <summary>Who may call an endpoint.</summary>
public enum Audience
{
    /// <summary>Anyone, signed in or not (sign-in, health, public documents).</summary>
    Public,

    /// <summary>Any signed-in user, whatever their scope: city-wide reference data such as the jurisdiction tree.</summary>
    SignedIn,

    /// <summary>Signed-in users inside the scope of what they address; a user of another street gets 403 or 404.</summary>
    Scoped,

    /// <summary>Administrators only.</summary>
    Admin,
}

/// <summary>
/// One row per API endpoint. <see cref="ForeignPath"/> addresses something of 花楼街街道 (420103002), which
/// the probe account of 民族街街道 (street.420103001) must not reach; <see cref="OwnPath"/> addresses its own.
/// </summary>
public sealed record EndpointAccess(string Method, string Route, Audience Audience, string? OwnPath = null, string? ForeignPath = null,
    object? Body = null);

public static class EndpointAccessMatrix
{
    /// <summary>The account that probes scoped endpoints, and the street it must not see into.</summary>
    public const string Prober = "street.420103001";

    /// <summary>
    /// Every endpoint under /api must appear here: the matrix test fails for an endpoint that is missing,
    /// so a new endpoint cannot be added without deciding who may call it.
    /// </summary>
    public static readonly IReadOnlyList<EndpointAccess> Rows =
    [
        new("POST", "/api/v1/auth/login", Audience.Public),
        new("GET", "/api/v1/auth/me", Audience.SignedIn),
        new("GET", "/api/v1/audit/", Audience.Scoped, "/api/v1/audit/?scope=420103001", "/api/v1/audit/?scope=420103002"),
        new("GET", "/api/v1/accounts/", Audience.Admin),
        new("POST", "/api/v1/accounts/", Audience.Admin, Body: new { }),
    ];
}
