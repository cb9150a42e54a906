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
    /// Every endpoint under /api and /open311 must appear here: the matrix test fails for an endpoint that is missing,
    /// so a new endpoint cannot be added without deciding who may call it.
    /// </summary>
    public static readonly IReadOnlyList<EndpointAccess> Rows =
    [
        new("POST", "/api/v1/auth/login", Audience.Public),
        new("GET", "/open311/v2/discovery.{format}", Audience.Public),
        new("GET", "/open311/v2/services.{format}", Audience.Public),
        new("GET", "/open311/v2/services/{serviceCode}.{format}", Audience.Public),
        new("GET", "/open311/v2/requests.{format}", Audience.Public),
        new("GET", "/open311/v2/requests/{serviceRequestId}.{format}", Audience.Public),
        new("GET", "/open311/v2/tokens/{token}.{format}", Audience.Public),
        // Public in the sense of the sign-in: the api_key in the form is checked by the handler (403 without it).
        new("POST", "/open311/v2/requests.{format}", Audience.Public),
        new("POST", "/api/v1/open311/keys/", Audience.Admin, Body: new { name = "matrix" }),
        new("GET", "/api/v1/open311/keys/", Audience.Admin),
        new("POST", "/api/v1/open311/keys/{id:guid}/revoke", Audience.Admin),
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
        // Any signed-in user may upload; who may see a file depends on who uploaded it and where it was attached,
        // which ids made at seeding cannot show: uploader, scope and role are checked in FilesApiTests.
        new("POST", "/api/v1/files/photos", Audience.SignedIn),
        new("GET", "/api/v1/files/{id:guid}", Audience.SignedIn),
        new("GET", "/api/v1/files/{id:guid}/original", Audience.SignedIn),
        new("GET", "/api/v1/files/{id:guid}/public", Audience.Public),
        new("GET", "/api/v1/indicators/", Audience.Scoped, "/api/v1/indicators/?scope=420103001", "/api/v1/indicators/?scope=420103002"),
        new("GET", "/api/v1/indicators/breakdown", Audience.Scoped, "/api/v1/indicators/breakdown?scope=420103001",
            "/api/v1/indicators/breakdown?scope=420103002"),
        new("GET", "/api/v1/indicators/map", Audience.Scoped, "/api/v1/indicators/map?scope=420103001", "/api/v1/indicators/map?scope=420103002"),
        new("GET", "/api/v1/indicators/trend", Audience.Scoped, "/api/v1/indicators/trend?scope=420103001",
            "/api/v1/indicators/trend?scope=420103002"),
        new("GET", "/api/v1/exports/cases.csv", Audience.Scoped, "/api/v1/exports/cases.csv?scope=420103001",
            "/api/v1/exports/cases.csv?scope=420103002"),
        new("GET", "/api/v1/exports/indicators.csv", Audience.Scoped, "/api/v1/exports/indicators.csv?scope=420103001",
            "/api/v1/exports/indicators.csv?scope=420103002"),
        // Cases. Ids are made by the tests; role, scope and relation of every case endpoint are checked in Cases/Api.
        new("POST", "/api/v1/cases/", Audience.SignedIn, Body: new { }),
        new("POST", "/api/v1/cases/suggest-category", Audience.SignedIn, Body: new { description = "噪音" }),
        new("GET", "/api/v1/cases/", Audience.Scoped, "/api/v1/cases/?scope=420103001", "/api/v1/cases/?scope=420103002"),
        new("GET", "/api/v1/cases/{id:guid}", Audience.SignedIn),
        new("GET", "/api/v1/cases/{id:guid}/timeline", Audience.SignedIn),
        new("GET", "/api/v1/cases/{id:guid}/reporter", Audience.SignedIn),
        new("GET", "/api/v1/cases/{id:guid}/routing-suggestion", Audience.SignedIn),
        .. new[]
        {
            "register", "reject", "reclassify", "dispatch", "accept", "return", "resolve", "verify", "rework", "close", "evaluate", "reopen",
            "extend", "extension/approve", "extension/refuse", "transfer", "merge", "escalate", "supervise",
        }.Select(action => new EndpointAccess("POST", $"/api/v1/cases/{{id:guid}}/{action}", Audience.SignedIn, Body: new { })),
        new("GET", "/api/v1/routing-rules/", Audience.Admin),
        new("POST", "/api/v1/routing-rules/", Audience.Admin, Body: new { }),
        new("PUT", "/api/v1/routing-rules/{id:guid}", Audience.Admin, Body: new { }),
        new("DELETE", "/api/v1/routing-rules/{id:guid}", Audience.Admin),
        new("GET", "/api/v1/routing-rules/overrides", Audience.Scoped, "/api/v1/routing-rules/overrides?scope=420103001",
            "/api/v1/routing-rules/overrides?scope=420103002"),
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
        // Cases are made by the tests, not seeded, so the per-case routes are checked for sign-in here and for role
        // and scope (another street 404, a department 403 on blowing, a department not summoned 403) in WhistleApiTests.
        new("GET", "/api/v1/cases/{id:guid}/whistles/", Audience.SignedIn),
        new("POST", "/api/v1/cases/{id:guid}/whistles/", Audience.SignedIn, Body: new { }),
        new("POST", "/api/v1/whistles/{id:guid}/report-in", Audience.SignedIn, Body: new { }),
        new("GET", "/api/v1/whistles/", Audience.Scoped, "/api/v1/whistles/?scope=420103001", "/api/v1/whistles/?scope=420103002"),
        new("GET", "/api/v1/whistles/missed-counts", Audience.Scoped, "/api/v1/whistles/missed-counts?scope=420103001",
            "/api/v1/whistles/missed-counts?scope=420103002"),
        // Joint-conference venues and bookings (阵地共享): venues are scoped by their body; a booking's own checks are in VenueApiTests.
        new("GET", "/api/v1/conferences/venues", Audience.Scoped, "/api/v1/conferences/venues?scope=420103001", "/api/v1/conferences/venues?scope=420103002"),
        new("POST", "/api/v1/conferences/venues", Audience.SignedIn, Body: new { }),
        new("GET", "/api/v1/conferences/venues/{id:guid}", Audience.SignedIn),
        new("POST", "/api/v1/conferences/venues/{id:guid}/withdraw", Audience.SignedIn, Body: new { }),
        new("GET", "/api/v1/conferences/venues/{id:guid}/bookings", Audience.SignedIn),
        new("POST", "/api/v1/conferences/venues/{id:guid}/bookings", Audience.SignedIn, Body: new { }),
        new("GET", "/api/v1/conferences/bookings", Audience.SignedIn),
        new("GET", "/api/v1/conferences/bookings/{id:guid}", Audience.SignedIn),
        new("POST", "/api/v1/conferences/bookings/{id:guid}/approve", Audience.SignedIn, Body: new { }),
        new("POST", "/api/v1/conferences/bookings/{id:guid}/decline", Audience.SignedIn, Body: new { }),
        new("POST", "/api/v1/conferences/bookings/{id:guid}/cancel", Audience.SignedIn, Body: new { }),
        new("GET", "/api/v1/conferences/meetings/{id:guid}/calendar.ics", Audience.SignedIn),
        new("GET", "/api/v1/conferences/bodies/{id:guid}/calendar.ics", Audience.Scoped, "/api/v1/conferences/bodies/{body:420103001}/calendar.ics", "/api/v1/conferences/bodies/{body:420103002}/calendar.ics"),
        new("GET", "/api/v1/conferences/indicators", Audience.Scoped, "/api/v1/conferences/indicators?scope=420103001", "/api/v1/conferences/indicators?scope=420103002"),
        new("GET", "/api/v1/conferences/bodies/{id:guid}/feed", Audience.Scoped, "/api/v1/conferences/bodies/{body:420103001}/feed", "/api/v1/conferences/bodies/{body:420103002}/feed"),
        new("POST", "/api/v1/conferences/bodies/{id:guid}/feed", Audience.Scoped, "/api/v1/conferences/bodies/{body:420103001}/feed", "/api/v1/conferences/bodies/{body:420103002}/feed", Body: new { }),
        new("GET", "/api/v1/conferences/bodies/{id:guid}/cadence", Audience.SignedIn),
        new("PUT", "/api/v1/conferences/bodies/{id:guid}/cadence", Audience.Scoped, "/api/v1/conferences/bodies/{body:420103001}/cadence", "/api/v1/conferences/bodies/{body:420103002}/cadence", Body: new { }),
        new("POST", "/api/v1/conferences/meetings/{id:guid}/invitations", Audience.SignedIn, Body: new { }),
        new("GET", "/api/v1/conferences/meetings/{id:guid}/invitations", Audience.SignedIn),
        new("GET", "/api/v1/conferences/invitations", Audience.SignedIn),
        new("POST", "/api/v1/conferences/resolutions/{id:guid}/follow", Audience.SignedIn, Body: new { }),
        new("DELETE", "/api/v1/conferences/resolutions/{id:guid}/follow", Audience.SignedIn),
        // Case intake extras: the note's role, scope and state are checked in CaseNoteApiTests.
        new("POST", "/api/v1/cases/{id:guid}/note", Audience.SignedIn, Body: new { }),
        // Import jobs are made by the tests: role (403 for residents, grid workers, departments) and scope (another street 404) in CaseImportTests.
        new("POST", "/api/v1/cases/imports/", Audience.SignedIn, Body: new { }),
        new("GET", "/api/v1/cases/imports/{id:guid}", Audience.SignedIn),
        new("GET", "/api/v1/cases/imports/{id:guid}/errors.csv", Audience.SignedIn),
    ];
}
