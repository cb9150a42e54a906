namespace Gongzhi.Tests.Authorization;

/// <summary>The roles of the matrix: one demo account each (see <see cref="MatrixRecords.Roles"/>).</summary>
public enum MatrixRole
{
    Admin,
    CommandCentre,
    StreetDispatcher,
    CommunityWorker,
    GridWorker,
    DepartmentStaff,
    PartyOrganisation,
    Resident,
}

/// <summary>How a probe's body is sent: JSON <c>{}</c>, an Open311 form with a valid api_key, or a multipart file.</summary>
public enum Send
{
    Json,
    Form,
    Upload,
}

/// <summary>
/// One row per endpoint. <see cref="Path"/> names records as <c>{case}</c>, <c>{meeting}</c>, <c>{scope}</c> …, filled per
/// cell with the caller's own record or scope, or with the foreign one (see <see cref="MatrixRecords"/>).
/// <see cref="Cells"/> states the outcome per role, in the order of <see cref="MatrixRole"/>, own scope then foreign scope,
/// and last the anonymous caller: A allowed (2xx, or 400/409/422: the handler answered on the content or the state),
/// F forbidden (403 or 404), U unauthorised (401); ? either A or F, where an allowed read answers 404 for a part the record may lack.
/// </summary>
/// <param name="Body">JSON sent with a write, with the same placeholders as the path (<c>{n}</c> counts up); <c>{}</c> when absent.
/// Writes that name their scope in the body get one, or the answer would be a 400 about the missing fields for everyone.</param>
public sealed record EndpointAccess(string Method, string Route, string Path, string Cells, Send Send = Send.Json, string? Body = null);

public static class EndpointAccessMatrix
{
    //                                  admin cmd street comm grid dept party resident anonymous
    /// <summary>A case action with a version no case has: past validation, so the answer is about who may act (403/404) or the stale version (409).</summary>
    private const string Stale = """{"version":0}""";

    /// <summary>Seeded categories are at version 0, so a category change that must fail on its version sends one below.</summary>
    private const string NoCategoryVersion = """{"version":-1}""";

    /// <summary>
    /// Every endpoint under /api and /open311 must appear here: the matrix test fails for an endpoint that is missing,
    /// so a new endpoint cannot be added without deciding who may call it.
    /// </summary>
    public static readonly IReadOnlyList<EndpointAccess> Rows =
    [
        new("POST", "/api/v1/auth/login", "/api/v1/auth/login", "AA AA AA AA AA AA AA AA A"),
        // Public: Open311 (GeoReport v2) publishes requests to anyone by design; the token of a post is the id of its case.
        new("GET", "/open311/v2/discovery.{format}", "/open311/v2/discovery.{format}", "AA AA AA AA AA AA AA AA A"),
        new("GET", "/open311/v2/services.{format}", "/open311/v2/services.{format}", "AA AA AA AA AA AA AA AA A"),
        new("GET", "/open311/v2/services/{serviceCode}.{format}", "/open311/v2/services/{service}.{format}", "AA AA AA AA AA AA AA AA A"),
        new("GET", "/open311/v2/requests.{format}", "/open311/v2/requests.{format}", "AA AA AA AA AA AA AA AA A"),
        new("GET", "/open311/v2/requests/{serviceRequestId}.{format}", "/open311/v2/requests/{ref}.{format}", "AA AA AA AA AA AA AA AA A"),
        new("GET", "/open311/v2/tokens/{token}.{format}", "/open311/v2/tokens/{token}.{format}", "AA AA AA AA AA AA AA AA A"),
        // Posts carry a valid api_key; the form lacks a location, so everyone is answered 400 by the handler.
        new("POST", "/open311/v2/requests.{format}", "/open311/v2/requests.{format}", "AA AA AA AA AA AA AA AA A", Send.Form),
        new("POST", "/api/v1/open311/keys/", "/api/v1/open311/keys/", "AA FF FF FF FF FF FF FF U"),
        new("GET", "/api/v1/open311/keys/", "/api/v1/open311/keys/", "AA FF FF FF FF FF FF FF U"),
        new("POST", "/api/v1/open311/keys/{id:guid}/revoke", "/api/v1/open311/keys/{key}/revoke", "AA FF FF FF FF FF FF FF U"),
        // Webhooks: administrators within their scope; {} is answered 400, an id of no subscription or delivery 404.
        new("POST", "/api/v1/webhooks/", "/api/v1/webhooks/", "AA FF FF FF FF FF FF FF U"),
        new("GET", "/api/v1/webhooks/", "/api/v1/webhooks/", "AA FF FF FF FF FF FF FF U"),
        new("POST", "/api/v1/webhooks/{id:guid}/disable", "/api/v1/webhooks/00000000-0000-0000-0000-000000000001/disable", "FF FF FF FF FF FF FF FF U"),
        new("GET", "/api/v1/webhooks/{id:guid}/deliveries", "/api/v1/webhooks/00000000-0000-0000-0000-000000000001/deliveries", "FF FF FF FF FF FF FF FF U"),
        new("GET", "/api/v1/webhooks/deliveries", "/api/v1/webhooks/deliveries", "AA FF FF FF FF FF FF FF U"),
        new("POST", "/api/v1/webhooks/deliveries/{id:guid}/replay", "/api/v1/webhooks/deliveries/00000000-0000-0000-0000-000000000001/replay",
            "FF FF FF FF FF FF FF FF U"),
        new("POST", "/api/v1/webhooks/keys/", "/api/v1/webhooks/keys/", "AA FF FF FF FF FF FF FF U"),
        new("GET", "/api/v1/webhooks/keys/", "/api/v1/webhooks/keys/", "AA FF FF FF FF FF FF FF U"),
        new("POST", "/api/v1/webhooks/keys/{id:guid}/revoke", "/api/v1/webhooks/keys/00000000-0000-0000-0000-000000000001/revoke", "FF FF FF FF FF FF FF FF U"),
        // A department's system authenticates by its key alone: a signed-in person without one is a stranger here.
        new("GET", "/api/v1/department-systems/cases/{id:guid}", "/api/v1/department-systems/cases/{case}", "UU UU UU UU UU UU UU UU U"),
        new("POST", "/api/v1/department-systems/cases/{id:guid}/accept", "/api/v1/department-systems/cases/{case}/accept", "UU UU UU UU UU UU UU UU U"),
        new("POST", "/api/v1/department-systems/cases/{id:guid}/return", "/api/v1/department-systems/cases/{case}/return", "UU UU UU UU UU UU UU UU U"),
        new("POST", "/api/v1/department-systems/cases/{id:guid}/resolve", "/api/v1/department-systems/cases/{case}/resolve", "UU UU UU UU UU UU UU UU U"),
        new("GET", "/api/v1/auth/me", "/api/v1/auth/me", "AA AA AA AA AA AA AA AA U"),
        new("GET", "/api/v1/audit/", "/api/v1/audit/?scope={scope}", "AA AA AF AF FF FF FF FF U"),
        new("GET", "/api/v1/accounts/", "/api/v1/accounts/", "AA FF FF FF FF FF FF FF U"),
        new("POST", "/api/v1/accounts/", "/api/v1/accounts/", "AA FF FF FF FF FF FF FF U"),
        // An account no one has: the administrator is answered 404, everyone else 403 (SessionRevocationTests locks real ones).
        new("POST", "/api/v1/accounts/{id}/lock", "/api/v1/accounts/no-such-account/lock", "FF FF FF FF FF FF FF FF U"),
        new("POST", "/api/v1/accounts/{id}/unlock", "/api/v1/accounts/no-such-account/unlock", "FF FF FF FF FF FF FF FF U"),
        new("GET", "/api/v1/accounts/{id}", "/api/v1/accounts/no-such-account", "FF FF FF FF FF FF FF FF U"),
        new("POST", "/api/v1/accounts/{id}/reset-password", "/api/v1/accounts/no-such-account/reset-password", "FF FF FF FF FF FF FF FF U"),
        new("POST", "/api/v1/accounts/{id}/deactivate", "/api/v1/accounts/no-such-account/deactivate", "FF FF FF FF FF FF FF FF U"),
        // The roles are checked before the account is looked up: the administrator's empty body is a 400.
        new("PUT", "/api/v1/accounts/{id}/roles", "/api/v1/accounts/no-such-account/roles", "AA FF FF FF FF FF FF FF U"),
        // Without the passwords: 400 for whoever is signed in.
        new("POST", "/api/v1/auth/password", "/api/v1/auth/password", "AA AA AA AA AA AA AA AA U"),
        // Staff accounts are ended by their administrator; a resident must give the password (the empty one is refused: 400).
        new("POST", "/api/v1/auth/erase", "/api/v1/auth/erase", "FF FF FF FF FF FF FF AA U", Body: """{"password":""}"""),
        // The jurisdiction tree and the working calendar are city-wide reference data.
        new("GET", "/api/v1/jurisdictions/locate", "/api/v1/jurisdictions/locate?lat=30.58&lon=114.27", "AA AA AA AA AA AA AA AA U"),
        new("GET", "/api/v1/jurisdictions/search", "/api/v1/jurisdictions/search?q=万年", "AA AA AA AA AA AA AA AA U"),
        new("GET", "/api/v1/jurisdictions/{code}", "/api/v1/jurisdictions/{code}", "AA AA AA AA AA AA AA AA U"),
        new("GET", "/api/v1/jurisdictions/{code}/children", "/api/v1/jurisdictions/{code}/children", "AA AA AA AA AA AA AA AA U"),
        new("GET", "/api/v1/jurisdictions/{code}/ancestors", "/api/v1/jurisdictions/{code}/ancestors", "AA AA AA AA AA AA AA AA U"),
        new("GET", "/api/v1/jurisdictions/{code}/boundary", "/api/v1/jurisdictions/{code}/boundary", "AA AA AA AA AA AA AA AA U"),
        new("GET", "/api/v1/jurisdictions/{code}/boundaries/children", "/api/v1/jurisdictions/{code}/boundaries/children", "AA AA AA AA AA AA AA AA U"),
        // Notifications and photos belong to a person: own is the caller's, foreign another person's.
        new("GET", "/api/v1/notifications/", "/api/v1/notifications/", "AA AA AA AA AA AA AA AA U"),
        new("POST", "/api/v1/notifications/{id:guid}/read", "/api/v1/notifications/{notification}/read", "AF AF AF AF AF AF AF AF U"),
        new("POST", "/api/v1/notifications/read-all", "/api/v1/notifications/read-all", "AA AA AA AA AA AA AA AA U"),
        new("GET", "/api/v1/calendar/{year:int}", "/api/v1/calendar/{year}", "AA AA AA AA AA AA AA AA U"),
        new("PUT", "/api/v1/calendar/days/{date}", "/api/v1/calendar/days/{date}", "AA FF FF FF FF FF FF FF U"),
        new("DELETE", "/api/v1/calendar/days/{date}", "/api/v1/calendar/days/{date}", "AA FF FF FF FF FF FF FF U"),
        new("GET", "/api/v1/organisations/", "/api/v1/organisations/?scope={scope}", "AA AA AF AF AF AA AF AF U"),
        new("GET", "/api/v1/organisations/by-code/{code}", "/api/v1/organisations/by-code/{orgcode}", "AA AA AF AF AF AA AF AF U"),
        new("GET", "/api/v1/organisations/{id:guid}", "/api/v1/organisations/{org}", "AA AA AF AF AF AA AF AF U", Body: """{"name":"矩阵单位改名{n}","kind":"Department","jurisdictionCode":"{code}","version":0}"""),
        new("POST", "/api/v1/organisations/", "/api/v1/organisations/", "AA FF FF FF FF FF FF FF U",
            Body: """{"code":"{code}.mxn{n}","name":"矩阵新单位{n}","kind":"Department","jurisdictionCode":"{code}"}"""),
        new("PUT", "/api/v1/organisations/{id:guid}", "/api/v1/organisations/{org}", "AA FF FF FF FF FF FF FF U", Body: """{"name":"矩阵单位改名{n}","kind":"Department","jurisdictionCode":"{code}","version":0}"""),
        new("POST", "/api/v1/organisations/{id:guid}/deactivate", "/api/v1/organisations/{org}/deactivate", "AA FF FF FF FF FF FF FF U"),
        new("POST", "/api/v1/organisations/{id:guid}/activate", "/api/v1/organisations/{org}/activate", "AA FF FF FF FF FF FF FF U"),
        new("POST", "/api/v1/files/photos", "/api/v1/files/photos", "AA AA AA AA AA AA AA AA U", Send.Upload),
        new("GET", "/api/v1/files/{id:guid}", "/api/v1/files/{file}", "AF AF AF AF AF AF AF AF U"),
        // The original of a photo is kept only when it had metadata to strip; the test JPEG has none, so none is there for anyone.
        new("GET", "/api/v1/files/{id:guid}/original", "/api/v1/files/{file}/original", "FF FF FF FF FF FF FF FF U"),
        // Only a rendition its owning record publishes (a registered case's first photo) is served; the matrix's photos are attached to nothing.
        new("GET", "/api/v1/files/{id:guid}/public", "/api/v1/files/{file}/public", "FF FF FF FF FF FF FF FF F"),
        new("GET", "/api/v1/indicators/", "/api/v1/indicators/?scope={scope}", "AA AA AF AF AF AA AF FF U"),
        new("GET", "/api/v1/indicators/breakdown", "/api/v1/indicators/breakdown?scope={scope}", "AA AA AF AF AF AA AF FF U"),
        new("GET", "/api/v1/indicators/map", "/api/v1/indicators/map?scope={scope}", "AA AA AF AF AF AA AF FF U"),
        new("GET", "/api/v1/indicators/trend", "/api/v1/indicators/trend?scope={scope}", "AA AA AF AF AF AA AF FF U"),
        new("GET", "/api/v1/indicators/fragmentation", "/api/v1/indicators/fragmentation?scope={scope}", "AA AA AF AF AF AA AF FF U"),
        new("GET", "/api/v1/exports/cases.csv", "/api/v1/exports/cases.csv?scope={scope}", "AA AA AF AF AF AA AF FF U"),
        new("GET", "/api/v1/exports/indicators.csv", "/api/v1/exports/indicators.csv?scope={scope}", "AA AA AF AF AF AA AF FF U"),
        // Anyone signed in may report anywhere (the path has no scope); {} is answered 400.
        new("POST", "/api/v1/cases/", "/api/v1/cases/", "AA AA AA AA AA AA AA AA U"),
        new("POST", "/api/v1/cases/suggest-category", "/api/v1/cases/suggest-category", "AA AA AA AA AA AA AA AA U"),
        // Reporting without an account is open to anyone: a code to a number, the report with it, open cases nearby and
        // 我也遇到了 (a visitor with a number and its code; an account as itself). Bodies the handler refuses on content: 400.
        new("POST", "/api/v1/cases/guest/codes", "/api/v1/cases/guest/codes", "AA AA AA AA AA AA AA AA A", Body: """{"phone":"1"}"""),
        new("POST", "/api/v1/cases/guest", "/api/v1/cases/guest", "AA AA AA AA AA AA AA AA A"),
        new("GET", "/api/v1/cases/nearby", "/api/v1/cases/nearby?lat=30.58&lon=114.29", "AA AA AA AA AA AA AA AA A"),
        new("POST", "/api/v1/cases/{id:guid}/supporters", "/api/v1/cases/{case}/supporters", "AA AA AA AA AA AA AA AA A"),
        // A follow link is its token: one that opens no case is a 404 for everyone.
        new("GET", "/api/v1/cases/follow/{token}", "/api/v1/cases/follow/0000", "FF FF FF FF FF FF FF FF F"),
        // A resident's list is their own reports wherever they are; the test checks that no foreign record is in it.
        new("GET", "/api/v1/cases/", "/api/v1/cases/?scope={scope}", "AA AA AF AF AF AA AF AA U"),
        // The change feed shows what the queue shows.
        // An overdue closed case cannot exist: the answer is about who may export, not a city's worth of rows.
        new("GET", "/api/v1/cases/export", "/api/v1/cases/export?scope={scope}&state=Closed&overdue=true", "AA AA AF AF AF AA AF AA U"),
        new("GET", "/api/v1/cases/changes", "/api/v1/cases/changes?since=2020-01-01T00:00:00Z&scope={scope}", "AA AA AF AF AF AA AF AA U"),
        new("GET", "/api/v1/cases/{id:guid}", "/api/v1/cases/{case}", "AA AA AF AF AF AA AF AF U"),
        new("GET", "/api/v1/cases/{id:guid}/timeline", "/api/v1/cases/{case}/timeline", "AA AA AF AF AF AA AF AF U"),
        new("GET", "/api/v1/cases/{id:guid}/reporter", "/api/v1/cases/{case}/reporter", "AA FF AF FF FF FF FF FF U"),
        new("GET", "/api/v1/cases/{id:guid}/routing-suggestion", "/api/v1/cases/{case}/routing-suggestion", "AA AA AF AF AF AA AF FF U"),
        // Case actions carry a stale version: whoever may act on the case gets 409, whoever may not 403/404.
        new("POST", "/api/v1/cases/{id:guid}/register", "/api/v1/cases/{case}/register", "FF AA AF FF FF FF FF FF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/reject", "/api/v1/cases/{case}/reject", "FF AA AF FF FF FF FF FF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/reclassify", "/api/v1/cases/{case}/reclassify", "FF AA AF FF FF FF FF FF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/dispatch", "/api/v1/cases/{case}/dispatch", "FF AA AF FF FF FF FF FF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/accept", "/api/v1/cases/{case}/accept", "FF FF FF FF FF AA FF FF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/return", "/api/v1/cases/{case}/return", "FF FF FF FF FF AA FF FF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/resolve", "/api/v1/cases/{case}/resolve", "FF FF FF FF FF AA FF FF U", Body: Stale),
        // The command centre's foreign case lies in a grid no grid worker covers, inside its district: it may verify there.
        new("POST", "/api/v1/cases/{id:guid}/verify", "/api/v1/cases/{case}/verify", "FF FA FF FF AF FF FF AF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/rework", "/api/v1/cases/{case}/rework", "FF FA FF FF AF FF FF AF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/close", "/api/v1/cases/{case}/close", "FF AA AF FF FF FF FF FF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/evaluate", "/api/v1/cases/{case}/evaluate", "FF FF FF FF FF FF FF AF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/reopen", "/api/v1/cases/{case}/reopen", "FF FF FF FF FF FF FF AF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/extend", "/api/v1/cases/{case}/extend", "FF FF FF FF FF AA FF FF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/extension/approve", "/api/v1/cases/{case}/extension/approve", "FF AA AF FF FF FF FF FF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/extension/refuse", "/api/v1/cases/{case}/extension/refuse", "FF AA AF FF FF FF FF FF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/transfer", "/api/v1/cases/{case}/transfer", "FF AA AF FF FF FF FF FF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/merge", "/api/v1/cases/{case}/merge", "FF AA AF FF FF FF FF FF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/escalate", "/api/v1/cases/{case}/escalate", "FF AA AF AF FF FF FF FF U", Body: Stale),
        new("POST", "/api/v1/cases/{id:guid}/supervise", "/api/v1/cases/{case}/supervise", "FF AA FF FF FF FF FF FF U", Body: Stale),
        new("GET", "/api/v1/routing-rules/", "/api/v1/routing-rules/", "AA FF FF FF FF FF FF FF U"),
        new("POST", "/api/v1/routing-rules/", "/api/v1/routing-rules/", "AA FF FF FF FF FF FF FF U"),
        new("PUT", "/api/v1/routing-rules/{id:guid}", "/api/v1/routing-rules/{rule}", "AA FF FF FF FF FF FF FF U"),
        new("DELETE", "/api/v1/routing-rules/{id:guid}", "/api/v1/routing-rules/{rule}", "AA FF FF FF FF FF FF FF U"),
        new("GET", "/api/v1/routing-rules/overrides", "/api/v1/routing-rules/overrides?scope={scope}", "AA AA AF AF FF FF FF FF U"),
        // The category catalogue is city-wide: staff read it, administrators change it. Changes carry a version no category has
        // (a seeded one is at 0), so the seeded {service} is answered 409 (or 400 on the missing fields) and never changed.
        new("GET", "/api/v1/case-categories/", "/api/v1/case-categories/", "AA AA AA AA AA AA AA FF U"),
        new("GET", "/api/v1/case-categories/{code}", "/api/v1/case-categories/{service}", "AA AA AA AA AA AA AA FF U"),
        new("POST", "/api/v1/case-categories/", "/api/v1/case-categories/", "AA FF FF FF FF FF FF FF U"),
        new("PUT", "/api/v1/case-categories/{code}", "/api/v1/case-categories/{service}", "AA FF FF FF FF FF FF FF U", Body: NoCategoryVersion),
        new("POST", "/api/v1/case-categories/{code}/deactivate", "/api/v1/case-categories/{service}/deactivate", "AA FF FF FF FF FF FF FF U", Body: NoCategoryVersion),
        new("POST", "/api/v1/case-categories/{code}/activate", "/api/v1/case-categories/{service}/activate", "AA FF FF FF FF FF FF FF U", Body: NoCategoryVersion),
        // Conferences: own records are made in 民族街's body by its dispatcher; a caller's own body is the lowest body at or above its scope.
        new("GET", "/api/v1/conferences/bodies", "/api/v1/conferences/bodies?scope={scope}", "AA AA AF AF AF AA AF FF U"),
        new("GET", "/api/v1/conferences/bodies/{id:guid}", "/api/v1/conferences/bodies/{body}", "AA AA AF AF AF AA AF FF U"),
        new("GET", "/api/v1/conferences/bodies/{id:guid}/members", "/api/v1/conferences/bodies/{body}/members", "AA AA AF AF AF AA AF FF U"),
        new("POST", "/api/v1/conferences/bodies/{id:guid}/members", "/api/v1/conferences/bodies/{body}/members", "AA AF AF AF FF FF AF FF U"),
        new("GET", "/api/v1/conferences/bodies/{id:guid}/meetings", "/api/v1/conferences/bodies/{body}/meetings", "AA AA AF AF AF AA AF FF U"),
        new("POST", "/api/v1/conferences/bodies/{id:guid}/meetings", "/api/v1/conferences/bodies/{body}/meetings", "AA AF AF AF FF FF AF FF U"),
        new("GET", "/api/v1/conferences/bodies/{id:guid}/escalations", "/api/v1/conferences/bodies/{body}/escalations", "AA AA AF AF AF AA AF FF U"),
        new("GET", "/api/v1/conferences/bodies/{id:guid}/directives", "/api/v1/conferences/bodies/{body}/directives", "AA AA AF AF AF AA AF FF U"),
        new("POST", "/api/v1/conferences/bodies/{id:guid}/directives", "/api/v1/conferences/bodies/{body}/directives", "AA AF AF AF FF FF AF FF U"),
        // A body is set up by its node's own staff (probed at grids, which have none). Its scope is in the request: a parent body
        // out of the caller's scope is answered as one that does not exist (400 on parentBodyId), and nothing is made — so the
        // foreign cell of an outsider is A.
        new("POST", "/api/v1/conferences/bodies", "/api/v1/conferences/bodies", "AA FF FA FA AA FF FA FF U",
            Body: """{"name":"矩阵联席会议{n}","jurisdictionCode":"{grid}","parentBodyId":"{parentbody}"}"""),
        new("POST", "/api/v1/conferences/members/{id:guid}/leave", "/api/v1/conferences/members/{member}/leave", "AA FF AF FF FF FF AF FF U"),
        new("GET", "/api/v1/conferences/meetings/{id:guid}", "/api/v1/conferences/meetings/{meeting}", "AA AA AF FF FF AA AF FF U"),
        new("POST", "/api/v1/conferences/meetings/{id:guid}/agenda", "/api/v1/conferences/meetings/{meeting}/agenda", "AA FF AF FF FF FF AF FF U"),
        new("POST", "/api/v1/conferences/meetings/{id:guid}/open", "/api/v1/conferences/meetings/{meeting}/open", "AA FF AF FF FF FF AF FF U"),
        new("POST", "/api/v1/conferences/meetings/{id:guid}/attendance", "/api/v1/conferences/meetings/{meeting}/attendance", "AA FF AF FF FF FF AF FF U"),
        new("PUT", "/api/v1/conferences/meetings/{id:guid}/minutes", "/api/v1/conferences/meetings/{meeting}/minutes", "AA FF AF FF FF FF AF FF U"),
        new("POST", "/api/v1/conferences/meetings/{id:guid}/close", "/api/v1/conferences/meetings/{meeting}/close", "AA FF AF FF FF FF AF FF U"),
        new("POST", "/api/v1/conferences/escalations/{id:guid}/answer", "/api/v1/conferences/escalations/{escalation}/answer", "AA AA FF FF FF FF FF FF U"),
        new("GET", "/api/v1/conferences/meetings/{id:guid}/resolutions", "/api/v1/conferences/meetings/{meeting}/resolutions", "AA AA AF FF FF AA AF FF U"),
        new("POST", "/api/v1/conferences/meetings/{id:guid}/resolutions", "/api/v1/conferences/meetings/{meeting}/resolutions", "AA FF AF FF FF FF AF FF U"),
        new("GET", "/api/v1/conferences/resolutions/{id:guid}", "/api/v1/conferences/resolutions/{resolution}", "AA AA AF AF FF AA AF FF U"),
        new("POST", "/api/v1/conferences/resolutions/{id:guid}/tasks", "/api/v1/conferences/resolutions/{resolution}/tasks", "AA FF AF FF FF FF AF FF U"),
        new("POST", "/api/v1/conferences/resolutions/{id:guid}/complete", "/api/v1/conferences/resolutions/{resolution}/complete", "AA FF AF FF FF FF AF FF U"),
        new("POST", "/api/v1/conferences/tasks/{id:guid}/progress", "/api/v1/conferences/tasks/{task}/progress", "AA FF AF AF FF FF AF FF U"),
        new("POST", "/api/v1/conferences/tasks/{id:guid}/accept", "/api/v1/conferences/tasks/{task}/accept", "AA FF AF FF FF FF AF FF U"),
        new("GET", "/api/v1/conferences/directives/assigned", "/api/v1/conferences/directives/assigned", "AA AA AA AA AA AA AA FF U"),
        new("GET", "/api/v1/conferences/directives/{id:guid}/coverage", "/api/v1/conferences/directives/{directive}/coverage", "AA AA AF AF AF AA AF FF U"),
        new("POST", "/api/v1/conferences/directives/assignments/{id:guid}/acknowledge", "/api/v1/conferences/directives/assignments/{assignment}/acknowledge", "AA FF FF AF FF FF FF FF U"),
        new("POST", "/api/v1/conferences/directives/assignments/{id:guid}/report", "/api/v1/conferences/directives/assignments/{assignment}/report", "AA FF FF AF FF FF FF FF U"),
        new("POST", "/api/v1/conferences/meetings/{id:guid}/agenda/{itemId:guid}/escalate", "/api/v1/conferences/meetings/{meeting}/agenda/{item}/escalate", "AA FF AF FF FF FF AF FF U"),
        new("GET", "/api/v1/cases/{id:guid}/whistles/", "/api/v1/cases/{case}/whistles/", "AA AA AF AF AF AA AF FF U"),
        new("POST", "/api/v1/cases/{id:guid}/whistles/", "/api/v1/cases/{case}/whistles/", "FF FF AF FF FF FF FF FF U"),
        new("POST", "/api/v1/whistles/{id:guid}/report-in", "/api/v1/whistles/{whistle}/report-in", "FF FF FF FF FF AA FF FF U"),
        new("GET", "/api/v1/whistles/", "/api/v1/whistles/?scope={scope}", "AA AA AF AF AF AA AF FF U"),
        new("GET", "/api/v1/whistles/missed-counts", "/api/v1/whistles/missed-counts?scope={scope}", "AA AA AF AF AF AA AF FF U"),
        new("GET", "/api/v1/conferences/venues", "/api/v1/conferences/venues?scope={scope}", "AA AA AF AF AF AA AF FF U"),
        // Same as new bodies: a foreign bodyId is answered 400 as unknown.
        new("POST", "/api/v1/conferences/venues", "/api/v1/conferences/venues", "AA AA AA AA AA AA AA FF U",
            Body: """{"bodyId":"{streetbody}","name":"矩阵场地{n}","kind":"room","capacity":10,"address":"矩阵路","openingHours":[{"day":"Monday","opens":"09:00","closes":"17:00"}]}"""),
        new("GET", "/api/v1/conferences/venues/{id:guid}", "/api/v1/conferences/venues/{venue}", "AA AA AF AF AF AA AF FF U"),
        new("POST", "/api/v1/conferences/venues/{id:guid}/withdraw", "/api/v1/conferences/venues/{venue}/withdraw", "AA FF AF FF FF FF AF FF U"),
        new("GET", "/api/v1/conferences/venues/{id:guid}/bookings", "/api/v1/conferences/venues/{venue}/bookings", "AA AA AF AF AF AA AF FF U"),
        new("POST", "/api/v1/conferences/venues/{id:guid}/bookings", "/api/v1/conferences/venues/{venue}/bookings", "AA AA AF AF AF AA AF FF U"),
        new("GET", "/api/v1/conferences/bookings", "/api/v1/conferences/bookings", "AA AA AA AA AA AA AA FF U"),
        new("GET", "/api/v1/conferences/bookings/{id:guid}", "/api/v1/conferences/bookings/{booking}", "AA AA AF AF AF AA AF FF U"),
        new("POST", "/api/v1/conferences/bookings/{id:guid}/approve", "/api/v1/conferences/bookings/{booking}/approve", "AA FF AF FF FF FF AF FF U"),
        new("POST", "/api/v1/conferences/bookings/{id:guid}/decline", "/api/v1/conferences/bookings/{booking}/decline", "AA FF AF FF FF FF AF FF U"),
        new("POST", "/api/v1/conferences/bookings/{id:guid}/cancel", "/api/v1/conferences/bookings/{booking}/cancel", "AA FF AF FF FF FF AF FF U"),
        new("GET", "/api/v1/conferences/meetings/{id:guid}/calendar.ics", "/api/v1/conferences/meetings/{meeting}/calendar.ics", "AA AA AF FF FF AA AF FF U"),
        new("GET", "/api/v1/conferences/bodies/{id:guid}/calendar.ics", "/api/v1/conferences/bodies/{body}/calendar.ics", "AA AA AF AF AF AA AF FF U"),
        new("GET", "/api/v1/conferences/indicators", "/api/v1/conferences/indicators?scope={scope}", "AA AA AF AF AF AA AF FF U"),
        new("GET", "/api/v1/conferences/bodies/{id:guid}/feed", "/api/v1/conferences/bodies/{body}/feed", "AA AA AF AF AF AA AF FF U"),
        new("POST", "/api/v1/conferences/bodies/{id:guid}/feed", "/api/v1/conferences/bodies/{body}/feed", "AA AF AF AF FF FF AF FF U"),
        // A body without a cadence answers 404 even to those who may read it, and other tests set cadences on the seeded
        // bodies: where a role may read, the cell is ? (200 or 404); where it may not, F whatever is set.
        new("GET", "/api/v1/conferences/bodies/{id:guid}/cadence", "/api/v1/conferences/bodies/{body}/cadence", "A? ?? AF ?F FF ?? AF FF U"),
        new("PUT", "/api/v1/conferences/bodies/{id:guid}/cadence", "/api/v1/conferences/bodies/{body}/cadence", "AA AF AF AF FF FF AF FF U"),
        new("POST", "/api/v1/conferences/meetings/{id:guid}/invitations", "/api/v1/conferences/meetings/{meeting}/invitations", "AA FF AF FF FF FF AF FF U"),
        new("GET", "/api/v1/conferences/meetings/{id:guid}/invitations", "/api/v1/conferences/meetings/{meeting}/invitations", "AA AA AF FF FF AA AF FF U"),
        new("GET", "/api/v1/conferences/invitations", "/api/v1/conferences/invitations", "AA AA AA AA AA AA AA FF U"),
        new("POST", "/api/v1/conferences/resolutions/{id:guid}/follow", "/api/v1/conferences/resolutions/{resolution}/follow", "AA AA AF AF FF AA AF FF U"),
        // Unfollowing removes only the caller's own follow and answers 204 for any id, so it tells nothing about the resolution.
        new("DELETE", "/api/v1/conferences/resolutions/{id:guid}/follow", "/api/v1/conferences/resolutions/{resolution}/follow", "AA AA AA AA AA AA AA FF U"),
        new("POST", "/api/v1/cases/{id:guid}/note", "/api/v1/cases/{case}/note", "FF AA AF FF FF AA FF FF U", Body: Stale),
        // The imported rows' scope is the importer's; own and foreign probes are the same call.
        new("POST", "/api/v1/cases/imports/", "/api/v1/cases/imports/", "AA AA AA FF FF FF FF FF U", Send.Upload),
        new("GET", "/api/v1/cases/imports/{id:guid}", "/api/v1/cases/imports/{import}", "AA AA AF FF FF FF FF FF U"),
        new("GET", "/api/v1/cases/imports/{id:guid}/errors.csv", "/api/v1/cases/imports/{import}/errors.csv", "AA AA AF FF FF FF FF FF U"),
        // 五社联动. Activities are read below their node; organisers of the area publish them and see who registered.
        new("GET", "/api/v1/activities/", "/api/v1/activities/?scope={scope}", "AA AA AA AA AA AA AA AA U"),
        new("POST", "/api/v1/activities/", "/api/v1/activities/", "AA FF AF AF FF FF FF FF U",
            Body: """{"title":"矩阵活动{n}","jurisdictionCode":"{code}","startsAt":"2096-01-02T01:00:00Z","endsAt":"2096-01-02T03:00:00Z","capacity":10}"""),
        new("GET", "/api/v1/activities/{id:guid}", "/api/v1/activities/{activity}", "AA AA AF AF AF AA AF AF U"),
        new("GET", "/api/v1/activities/{id:guid}/registrations", "/api/v1/activities/{activity}/registrations", "AA FF AF AF FF FF FF FF U"),
        // Residents and volunteers register; a second registration of the same person is a 409.
        new("POST", "/api/v1/activities/{id:guid}/registrations", "/api/v1/activities/{activity}/registrations", "FF FF FF FF FF FF FF AF U"),
        // The registrant or an organiser; once cancelled, the rest are answered 409.
        new("POST", "/api/v1/activities/registrations/{id:guid}/cancel", "/api/v1/activities/registrations/{registration}/cancel", "AA FF AF AF FF FF FF AF U"),
        new("POST", "/api/v1/activities/{id:guid}/codes/{mode}", "/api/v1/activities/{activity}/codes/in", "AA FF AF AF FF FF FF FF U"),
        // A code names its activity; without one everyone is answered 400.
        new("POST", "/api/v1/activities/attend", "/api/v1/activities/attend", "AA AA AA AA AA AA AA AA U"),
        new("GET", "/api/v1/social/organisations/", "/api/v1/social/organisations/?scope={scope}", "AA AA AA AA AA FF AA FF U"),
        new("POST", "/api/v1/social/organisations/", "/api/v1/social/organisations/", "AA AA AF FF FF FF FF FF U",
            Body: """{"name":"矩阵社会组织{n}","jurisdictionCode":"{code}","kind":"filed","field":"community","legalRepresentative":"王建国","contactPhone":"13800000000"}"""),
        new("GET", "/api/v1/social/organisations/{id:guid}", "/api/v1/social/organisations/{socialorg}", "AA AA AF AF FF FF AF FF U"),
        new("POST", "/api/v1/social/organisations/{id:guid}/standing", "/api/v1/social/organisations/{socialorg}/standing", "AA AA AF FF FF FF FF FF U"),
        new("POST", "/api/v1/social/organisations/{id:guid}/reveal", "/api/v1/social/organisations/{socialorg}/reveal", "AA AA AF FF FF FF FF FF U",
            Body: """{"purpose":"verification"}"""),
        new("GET", "/api/v1/social/projects/", "/api/v1/social/projects/?scope={scope}", "AA AA AA AA AA FF AA FF U"),
        new("POST", "/api/v1/social/projects/", "/api/v1/social/projects/", "AA AA AF FF FF FF FF FF U",
            Body: """{"title":"矩阵购买服务{n}","jurisdictionCode":"{code}","budget":1000}"""),
        new("GET", "/api/v1/social/projects/{id:guid}", "/api/v1/social/projects/{project}", "AA AA AF FF FF FF AF FF U"),
        new("POST", "/api/v1/social/projects/{id:guid}/contracts", "/api/v1/social/projects/{project}/contracts", "AA AA AF FF FF FF FF FF U",
            Body: """{"organisationId":"{socialorg}","amount":1,"milestones":[{"title":"矩阵","amount":1,"dueOn":"2096-01-02"}]}"""),
        // Accepting a milestone that was not delivered is a 409 for whoever may accept.
        new("POST", "/api/v1/social/projects/milestones/{id:guid}/{action}", "/api/v1/social/projects/milestones/{milestone}/accept", "AA AA AF FF FF FF FF FF U"),
        // The resident is already a volunteer: registering again is a 409; the others are no participants.
        new("POST", "/api/v1/social/volunteers", "/api/v1/social/volunteers", "FF FF FF FF FF FF FF AA U"),
        new("GET", "/api/v1/social/volunteers/me", "/api/v1/social/volunteers/me", "FF FF FF FF FF FF FF AA U"),
        new("GET", "/api/v1/social/volunteers/me/movements", "/api/v1/social/volunteers/me/movements", "FF FF FF FF FF FF FF AA U"),
        new("GET", "/api/v1/social/rewards", "/api/v1/social/rewards", "AA AA AA AA AA AA AA AA U"),
        new("POST", "/api/v1/social/rewards", "/api/v1/social/rewards", "AA FF AF AF FF FF FF FF U",
            Body: """{"title":"矩阵奖励{n}","jurisdictionCode":"{code}","cost":10,"stock":5}"""),
        // The volunteer has no points yet: a 409 on the own reward.
        new("POST", "/api/v1/social/rewards/{id:guid}/redeem", "/api/v1/social/rewards/{reward}/redeem", "FF FF FF FF FF FF FF AF U"),
        // Calls for proposals: purchasers publish, score and award in their area; only a social organisation's own account applies
        // (none of the matrix roles is one); the calls themselves, rubric and result, are public.
        new("POST", "/api/v1/social/projects/{id:guid}/calls", "/api/v1/social/projects/{project}/calls", "AA AA AF FF FF FF FF FF U",
            Body: """{"deadline":"2096-01-01T00:00:00Z","criteria":[{"name":"矩阵","weight":100}]}"""),
        new("GET", "/api/v1/social/calls/{id:guid}/applications", "/api/v1/social/calls/{call}/applications", "AA AA AF FF FF FF AF FF U"),
        new("POST", "/api/v1/social/calls/{id:guid}/applications", "/api/v1/social/calls/{call}/applications", "FF FF FF FF FF FF FF FF U",
            Body: """{"proposal":"矩阵","amount":1}"""),
        // Before the deadline the panel's scores and the award are a 409 for whoever may give them.
        new("POST", "/api/v1/social/applications/{id:guid}/scores", "/api/v1/social/applications/{callapplication}/scores", "AA AA AF FF FF FF FF FF U",
            Body: """{"scores":[{"criterion":1,"score":5}]}"""),
        new("POST", "/api/v1/social/calls/{id:guid}/award", "/api/v1/social/calls/{call}/award", "AA AA AF FF FF FF FF FF U",
            Body: """{"applicationId":"{callapplication}","milestones":[{"title":"矩阵","amount":1000,"dueOn":"2096-01-02"}]}"""),
        new("GET", "/api/v1/public/social/calls/", "/api/v1/public/social/calls/?scope={scope}", "AA AA AA AA AA AA AA AA A"),
        new("GET", "/api/v1/public/social/calls/{id:guid}", "/api/v1/public/social/calls/{call}", "AA AA AA AA AA AA AA AA A"),
        // Linking an account to an organisation is the registrar's; the body names no SocialOrg account, a 400 for them.
        new("POST", "/api/v1/social/organisations/{id:guid}/members", "/api/v1/social/organisations/{socialorg}/members", "AA AA AF FF FF FF FF FF U",
            Body: """{"userId":"matrix-nobody"}"""),
        // Community funds: kept by community, street and district staff of the area; the ledgers are public (公示).
        new("POST", "/api/v1/social/funds/", "/api/v1/social/funds/", "AA AA AF AF FF FF FF FF U",
            Body: """{"name":"矩阵基金{n}","jurisdictionCode":"{code}"}"""),
        new("POST", "/api/v1/social/funds/{id:guid}/receipts", "/api/v1/social/funds/{fund}/receipts", "AA AA AF AF FF FF FF FF U",
            Body: """{"form":"money","amount":1,"purpose":"矩阵"}"""),
        new("POST", "/api/v1/social/funds/{id:guid}/allocations", "/api/v1/social/funds/{fund}/allocations", "AA AA AF AF FF FF FF FF U",
            Body: """{"amount":1,"purpose":"矩阵"}"""),
        new("POST", "/api/v1/social/funds/{id:guid}/allocations/{allocation:guid}/uses", "/api/v1/social/funds/{fund}/allocations/{allocation}/uses",
            "AA AA AF AF FF FF FF FF U", Body: """{"amount":1,"purpose":"矩阵"}"""),
        new("GET", "/api/v1/public/social/funds/", "/api/v1/public/social/funds/?scope={scope}", "AA AA AA AA AA AA AA AA A"),
        new("GET", "/api/v1/public/social/funds/{id:guid}", "/api/v1/public/social/funds/{fund}", "AA AA AA AA AA AA AA AA A"),
        // Incubation (孵化基地): street and district staff open bases in their area and decide who comes in and graduates;
        // staff of the area read. The matrix's record has applied: applying the organisation again is a 409, graduating or
        // supporting it too, and admitting, leaving or assessing without the fields a 400, for whoever may.
        new("GET", "/api/v1/social/incubation/bases", "/api/v1/social/incubation/bases?scope={scope}", "AA AA AA AA AA FF AA FF U"),
        new("POST", "/api/v1/social/incubation/bases", "/api/v1/social/incubation/bases", "AA AA AF FF FF FF FF FF U",
            Body: """{"name":"矩阵孵化基地{n}","jurisdictionCode":"{scope}","address":"矩阵路 1 号","places":5}"""),
        new("GET", "/api/v1/social/incubation/bases/{id:guid}", "/api/v1/social/incubation/bases/{incubationbase}", "AA AA AF FF FF FF AF FF U"),
        new("POST", "/api/v1/social/incubation/bases/{id:guid}/records", "/api/v1/social/incubation/bases/{incubationbase}/records",
            "AA AA AF FF FF FF FF FF U", Body: """{"organisationId":"{socialorg}"}"""),
        new("GET", "/api/v1/social/incubation/records/{id:guid}", "/api/v1/social/incubation/records/{incubationrecord}", "AA AA AF FF FF FF AF FF U"),
        new("POST", "/api/v1/social/incubation/records/{id:guid}/admit", "/api/v1/social/incubation/records/{incubationrecord}/admit",
            "AA AA AF FF FF FF FF FF U"),
        new("POST", "/api/v1/social/incubation/records/{id:guid}/graduate", "/api/v1/social/incubation/records/{incubationrecord}/graduate",
            "AA AA AF FF FF FF FF FF U"),
        new("POST", "/api/v1/social/incubation/records/{id:guid}/leave", "/api/v1/social/incubation/records/{incubationrecord}/leave",
            "AA AA AF FF FF FF FF FF U"),
        new("POST", "/api/v1/social/incubation/records/{id:guid}/support", "/api/v1/social/incubation/records/{incubationrecord}/support",
            "AA AA AF FF FF FF FF FF U", Body: """{"kind":"space","on":"2026-01-02","description":"矩阵"}"""),
        new("POST", "/api/v1/social/incubation/records/{id:guid}/assessments", "/api/v1/social/incubation/records/{incubationrecord}/assessments",
            "AA AA AF FF FF FF FF FF U"),
        // Awarded purchases are public (信息公开).
        new("GET", "/api/v1/public/social/awards", "/api/v1/public/social/awards?scope={scope}", "AA AA AA AA AA AA AA AA A"),
        // Not probed by the matrix run (see EndpointAuthorizationTests.SignOut): it would sign the shared demo accounts out.
        new("POST", "/api/v1/auth/logout", "/api/v1/auth/logout", "AU AU AU AU AU AU AU AU U"),
        .. ModuleAccessRows.Services,
        .. ModuleAccessRows.Training,
        .. ModuleAccessRows.Duties,
        .. ModuleAccessRows.Participation,
        .. ModuleAccessRows.Registry,
    ];
}
