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
/// A path may name a seeded organisation as <c>{org:CODE}</c>; the test puts in its id.
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
        new("GET", "/api/v1/jurisdictions/locate", Audience.SignedIn, "/api/v1/jurisdictions/locate?lat=30.58&lon=114.27"),
        new("GET", "/api/v1/jurisdictions/search", Audience.SignedIn, "/api/v1/jurisdictions/search?q=万年"),
        new("GET", "/api/v1/jurisdictions/{code}", Audience.SignedIn),
        new("GET", "/api/v1/jurisdictions/{code}/children", Audience.SignedIn),
        new("GET", "/api/v1/jurisdictions/{code}/ancestors", Audience.SignedIn),
        new("GET", "/api/v1/jurisdictions/{code}/boundary", Audience.SignedIn),
        new("GET", "/api/v1/jurisdictions/{code}/boundaries/children", Audience.SignedIn),
        new("GET", "/api/v1/notifications/", Audience.SignedIn),
        new("POST", "/api/v1/notifications/{id:guid}/read", Audience.SignedIn),
        new("POST", "/api/v1/notifications/read-all", Audience.SignedIn),
        new("GET", "/api/v1/calendar/{year:int}", Audience.SignedIn),
        new("PUT", "/api/v1/calendar/days/{date}", Audience.Admin, Body: new { }),
        new("DELETE", "/api/v1/calendar/days/{date}", Audience.Admin),
        new("GET", "/api/v1/organisations/", Audience.Scoped, "/api/v1/organisations/?scope=420103001", "/api/v1/organisations/?scope=420103002"),
        new("GET", "/api/v1/organisations/by-code/{code}", Audience.Scoped, "/api/v1/organisations/by-code/420103001.office",
            "/api/v1/organisations/by-code/420103002.office"),
        // Ids are made at seeding and the scope of a write is in its body, which this matrix cannot vary; signed-in
        // is checked here, and role and scope in OrganisationsApiTests.
        new("GET", "/api/v1/organisations/{id:guid}", Audience.SignedIn),
        new("POST", "/api/v1/organisations/", Audience.SignedIn, Body: new { }),
        new("PUT", "/api/v1/organisations/{id:guid}", Audience.SignedIn, Body: new { }),
        new("POST", "/api/v1/organisations/{id:guid}/deactivate", Audience.SignedIn),
        new("POST", "/api/v1/organisations/{id:guid}/activate", Audience.SignedIn),
        // Cases are made by the tests, not seeded, so the per-case routes are checked for sign-in here and for role
        // and scope (another street 404, a department 403 on blowing, a department not summoned 403) in WhistleApiTests.
        new("GET", "/api/v1/cases/{id:guid}/whistles/", Audience.SignedIn),
        new("POST", "/api/v1/cases/{id:guid}/whistles/", Audience.SignedIn, Body: new { }),
        new("POST", "/api/v1/whistles/{id:guid}/report-in", Audience.SignedIn, Body: new { }),
        new("GET", "/api/v1/whistles/", Audience.Scoped, "/api/v1/whistles/?scope=420103001", "/api/v1/whistles/?scope=420103002"),
        new("GET", "/api/v1/whistles/missed-counts", Audience.Scoped, "/api/v1/whistles/missed-counts?scope=420103001",
            "/api/v1/whistles/missed-counts?scope=420103002"),
    ];
}
