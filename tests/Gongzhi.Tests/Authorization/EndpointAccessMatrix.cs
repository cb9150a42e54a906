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
/// A path may name a seeded organisation as <c>{org:CODE}</c> or the joint-conference body of a node as
/// <c>{body:CODE}</c>; the test puts in its id.
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
        // Bodies are seeded per node, so body routes are probed with {body:CODE}; meetings, tasks and directives are
        // made by tests and their role and scope checks are in Conferences/ConferencesApiTests.
        new("GET", "/api/v1/conferences/bodies", Audience.Scoped, "/api/v1/conferences/bodies?scope=420103001", "/api/v1/conferences/bodies?scope=420103002"),
        new("GET", "/api/v1/conferences/bodies/{id:guid}", Audience.Scoped, "/api/v1/conferences/bodies/{body:420103001}", "/api/v1/conferences/bodies/{body:420103002}"),
        new("GET", "/api/v1/conferences/bodies/{id:guid}/members", Audience.Scoped, "/api/v1/conferences/bodies/{body:420103001}/members", "/api/v1/conferences/bodies/{body:420103002}/members"),
        new("POST", "/api/v1/conferences/bodies/{id:guid}/members", Audience.Scoped, "/api/v1/conferences/bodies/{body:420103001}/members", "/api/v1/conferences/bodies/{body:420103002}/members", Body: new { }),
        new("GET", "/api/v1/conferences/bodies/{id:guid}/meetings", Audience.Scoped, "/api/v1/conferences/bodies/{body:420103001}/meetings", "/api/v1/conferences/bodies/{body:420103002}/meetings"),
        new("POST", "/api/v1/conferences/bodies/{id:guid}/meetings", Audience.Scoped, "/api/v1/conferences/bodies/{body:420103001}/meetings", "/api/v1/conferences/bodies/{body:420103002}/meetings", Body: new { }),
        new("GET", "/api/v1/conferences/bodies/{id:guid}/escalations", Audience.Scoped, "/api/v1/conferences/bodies/{body:420103001}/escalations", "/api/v1/conferences/bodies/{body:420103002}/escalations"),
        new("GET", "/api/v1/conferences/bodies/{id:guid}/directives", Audience.Scoped, "/api/v1/conferences/bodies/{body:420103001}/directives", "/api/v1/conferences/bodies/{body:420103002}/directives"),
        new("POST", "/api/v1/conferences/bodies/{id:guid}/directives", Audience.Scoped, "/api/v1/conferences/bodies/{body:420103001}/directives", "/api/v1/conferences/bodies/{body:420103002}/directives", Body: new { }),
        new("POST", "/api/v1/conferences/bodies", Audience.SignedIn, Body: new { }),
        new("POST", "/api/v1/conferences/members/{id:guid}/leave", Audience.SignedIn, Body: new { }),
        new("GET", "/api/v1/conferences/meetings/{id:guid}", Audience.SignedIn),
        new("POST", "/api/v1/conferences/meetings/{id:guid}/agenda", Audience.SignedIn, Body: new { }),
        new("POST", "/api/v1/conferences/meetings/{id:guid}/open", Audience.SignedIn, Body: new { }),
        new("POST", "/api/v1/conferences/meetings/{id:guid}/attendance", Audience.SignedIn, Body: new { }),
        new("PUT", "/api/v1/conferences/meetings/{id:guid}/minutes", Audience.SignedIn, Body: new { }),
        new("POST", "/api/v1/conferences/meetings/{id:guid}/close", Audience.SignedIn, Body: new { }),
        new("POST", "/api/v1/conferences/escalations/{id:guid}/answer", Audience.SignedIn, Body: new { }),
        new("GET", "/api/v1/conferences/meetings/{id:guid}/resolutions", Audience.SignedIn),
        new("POST", "/api/v1/conferences/meetings/{id:guid}/resolutions", Audience.SignedIn, Body: new { }),
        new("GET", "/api/v1/conferences/resolutions/{id:guid}", Audience.SignedIn),
        new("POST", "/api/v1/conferences/resolutions/{id:guid}/tasks", Audience.SignedIn, Body: new { }),
        new("POST", "/api/v1/conferences/resolutions/{id:guid}/complete", Audience.SignedIn, Body: new { }),
        new("POST", "/api/v1/conferences/tasks/{id:guid}/progress", Audience.SignedIn, Body: new { }),
        new("POST", "/api/v1/conferences/tasks/{id:guid}/accept", Audience.SignedIn, Body: new { }),
        new("GET", "/api/v1/conferences/directives/assigned", Audience.SignedIn),
        new("GET", "/api/v1/conferences/directives/{id:guid}/coverage", Audience.SignedIn),
        new("POST", "/api/v1/conferences/directives/assignments/{id:guid}/acknowledge", Audience.SignedIn, Body: new { }),
        new("POST", "/api/v1/conferences/directives/assignments/{id:guid}/report", Audience.SignedIn, Body: new { }),
        new("POST", "/api/v1/conferences/meetings/{id:guid}/agenda/{itemId:guid}/escalate", Audience.SignedIn, "/api/v1/conferences/meetings/00000000-0000-0000-0000-000000000000/agenda/00000000-0000-0000-0000-000000000000/escalate", Body: new { }),
    ];
}
