namespace Gongzhi.Tests.Authorization;

/// <summary>
/// One row per routable page (a <c>@page</c> template). <see cref="Path"/> names records and scopes as the API matrix does
/// (<c>{case}</c>, <c>{scope}</c> …, see <see cref="MatrixRecords"/>), filled per cell with the caller's own or the foreign one.
/// <see cref="Cells"/> states the outcome per role in the order of <see cref="MatrixRole"/>, own then foreign, and last the
/// anonymous caller: A rendered (200), D refused (403, or sent to the access-denied page), N not found (404: the record is
/// outside the caller's scope, told apart from one that does not exist by nothing), U sent to the sign-in page.
/// </summary>
public sealed record PageAccess(string Route, string Path, string Cells);

public static class PageAccessMatrix
{
    /// <summary>
    /// Every page of the app must appear here: the page matrix test fails for a page that is missing, so a new page cannot
    /// be added without deciding who may open it.
    /// </summary>
    public static readonly IReadOnlyList<PageAccess> Rows =
    [
        //                                                                                           admin cmd street comm grid dept party resident anonymous
        // Public: signing in, and the answers the app gives when it refuses or finds nothing.
        new("/account/login", "/account/login", "AA AA AA AA AA AA AA AA A"),
        new("/account/denied", "/account/denied", "AA AA AA AA AA AA AA AA A"),
        new("/status/{Code:int}", "/status/404", "AA AA AA AA AA AA AA AA A"),
        new("/", "/", "AA AA AA AA AA AA AA AA U"),
        // The jurisdiction tree is city-wide reference data.
        new("/jurisdictions", "/jurisdictions", "AA AA AA AA AA AA AA AA U"),
        new("/jurisdictions/{Code}", "/jurisdictions/{code}", "AA AA AA AA AA AA AA AA U"),
        // Anyone may report anywhere, a visitor too (with a code to their number); a resident's list is their own reports
        // wherever they are. A follow link opens its case for whoever holds it; a token that opens none is a 404 for all.
        new("/report", "/report", "AA AA AA AA AA AA AA AA A"),
        new("/cases/follow/{Token}", "/cases/follow/0000", "NN NN NN NN NN NN NN NN N"),
        new("/cases", "/cases?scope={scope}", "AA AA AD AD AD AA AD AA U"),
        new("/cases/{Id:guid}", "/cases/{case}", "AA AA AN AN AN AA AN AN U"),
        new("/cases/{Id:guid}/print", "/cases/{case}/print", "AA AA AN AN AN AA AN AN U"),
        new("/cases/import", "/cases/import", "AA AA AA DD DD DD DD DD U"),
        new("/cases/import/{Id:guid}", "/cases/import/{import}", "AA AA AN DD DD DD DD DD U"),
        new("/dashboard", "/dashboard", "AA AA AA AA AA AA AA DD U"),
        new("/dashboard/{Code}", "/dashboard/{scope}", "AA AA AD AD AD AA AD DD U"),
        // The leaders' screen shows what the dashboard shows, with the same refusals.
        new("/screen", "/screen", "AA AA AA AA AA AA AA DD U"),
        new("/screen/{Code}", "/screen/{scope}", "AA AA AD AD AD AA AD DD U"),
        // Conferences: read by staff of the body's node and above; own records are 民族街's (see MatrixRecords).
        new("/conferences", "/conferences", "AA AA AA AA AA AA AA DD U"),
        new("/conferences/bodies/{Id:guid}", "/conferences/bodies/{body}", "AA AA AN AN AN AA AN DD U"),
        new("/conferences/meetings/{Id:guid}", "/conferences/meetings/{meeting}", "AA AA AN NN NN AA AN DD U"),
        new("/conferences/meetings/{Id:guid}/print", "/conferences/meetings/{meeting}/print", "AA AA AN NN NN AA AN DD U"),
        new("/conferences/resolutions/{Id:guid}", "/conferences/resolutions/{resolution}", "AA AA AN AN NN AA AN DD U"),
        new("/conferences/directives/{Id:guid}", "/conferences/directives/{directive}", "AA AA AN AN AN AA AN DD U"),
        new("/conferences/tasks", "/conferences/tasks", "AA AA AA AA AA AA AA DD U"),
        new("/conferences/venues", "/conferences/venues", "AA AA AA AA AA AA AA DD U"),
        new("/conferences/venues/{Id:guid}", "/conferences/venues/{venue}", "AA AA AN AN AN AA AN DD U"),
        new("/conferences/bookings", "/conferences/bookings", "AA AA AA AA AA AA AA DD U"),
        new("/conferences/bookings/{Id:guid}", "/conferences/bookings/{booking}", "AA AA AN AN AN AA AN DD U"),
        new("/admin/accounts", "/admin/accounts", "AA DD DD DD DD DD DD DD U"),
        new("/admin/accounts/new", "/admin/accounts/new", "AA DD DD DD DD DD DD DD U"),
        new("/admin/accounts/{Id}", "/admin/accounts/no-such-account", "NN DD DD DD DD DD DD DD U"),
        new("/admin/organisations", "/admin/organisations", "AA DD DD DD DD DD DD DD U"),
        new("/admin/organisations/new", "/admin/organisations/new", "AA DD DD DD DD DD DD DD U"),
        new("/admin/organisations/{Id:guid}", "/admin/organisations/{org}", "AA DD DD DD DD DD DD DD U"),
        new("/admin/categories", "/admin/categories", "AA DD DD DD DD DD DD DD U"),
        new("/admin/categories/new", "/admin/categories/new", "AA DD DD DD DD DD DD DD U"),
        new("/admin/categories/{Code}", "/admin/categories/0103", "AA DD DD DD DD DD DD DD U"),
        // Duty lists: staff read their area's lines and those above it; the review opens for a district or street the caller covers.
        new("/duties", "/duties", "AA AA AA AA AA AA AA DD U"),
        new("/duties/{Id:guid}", "/duties/{duty}", "AA AA AN AN AN AA AN DD U"),
        new("/duties/review", "/duties/review?scope={scope}", "AA AA AN NN NN AA AN DD U"),
        new("/admin/routing-rules", "/admin/routing-rules", "AA DD DD DD DD DD DD DD U"),
        new("/admin/routing-rules/new", "/admin/routing-rules/new", "AA DD DD DD DD DD DD DD U"),
        // The administrator's page whatever the rule: an id of no rule (the page says so) stands for any.
        new("/admin/routing-rules/{Id:guid}", "/admin/routing-rules/00000000-0000-0000-0000-000000000001", "AA DD DD DD DD DD DD DD U"),
        new("/admin/webhooks", "/admin/webhooks", "AA DD DD DD DD DD DD DD U"),
        // 五社联动: activities for everyone signed in; the check-in code for organisers of the area; the registry and purchases for staff.
        new("/social/activities", "/social/activities", "AA AA AA AA AA AA AA AA U"),
        new("/social/activities/{Id:guid}", "/social/activities/{activity}", "AA AA AN AN AN AA AN AN U"),
        new("/social/activities/{Id:guid}/code", "/social/activities/{activity}/code", "AA DD AN AN DD DD DD DD U"),
        new("/social/checkin", "/social/checkin", "AA AA AA AA AA AA AA AA U"),
        new("/social/organisations", "/social/organisations?scope={scope}", "AA AA AA AA AA DD AA DD U"),
        new("/social/projects", "/social/projects", "AA AA AA AA AA DD AA DD U"),
        new("/social/projects/{Id:guid}", "/social/projects/{project}", "AA AA AN NN NN DD AN DD U"),
        new("/social/awards", "/social/awards", "AA AA AA AA AA AA AA AA A"),
        new("/social/calls", "/social/calls", "AA AA AA AA AA AA AA AA A"),
        new("/social/calls/{Id:guid}", "/social/calls/{call}", "AA AA AA AA AA AA AA AA A"),
        new("/social/funds", "/social/funds", "AA AA AA AA AA AA AA AA A"),
        new("/social/funds/{Id:guid}", "/social/funds/{fund}", "AA AA AA AA AA AA AA AA A"),
        new("/social/volunteer", "/social/volunteer", "DD DD DD DD DD DD DD AA U"),
        new("/social/incubation", "/social/incubation", "AA AA AA AA AA DD AA DD U"),
        new("/social/incubation/bases/{Id:guid}", "/social/incubation/bases/{incubationbase}", "AA AA AN NN NN DD AN DD U"),
        new("/social/incubation/records/{Id:guid}", "/social/incubation/records/{incubationrecord}", "AA AA AN NN NN DD AN DD U"),
        new("/inbox", "/inbox", "AA AA AA AA AA AA AA AA U"),
        new("/services", "/services", "AA AA AA AA AA AA AA AA A"),
        new("/services/items/{Code}", "/services/items/{serviceitem}", "AA AA AA AA AA AA AA AA A"),
        new("/services/mine", "/services/mine", "AA AA AA AA AA AA AA AA U"),
        new("/services/centre", "/services/centre", "AA DD AA AA DD DD DD DD U"),
        new("/services/centre/walk-in", "/services/centre/walk-in", "AA DD AA AA DD DD DD DD U"),
        new("/services/applications/{Id:guid}", "/services/applications/{application}", "AA NN AN NN NN NN NN NN U"),
        new("/services/centres/{Code}/queue", "/services/centres/{centre}/queue", "AA AA AA AA AA AA AA AA U"),
        new("/services/centres/{Code}/appointments", "/services/centres/{centre}/appointments", "AA AA AA AA AA AA AA AA U"),
        new("/services/centres/{Code}/display", "/services/centres/{centre}/display", "AA AA AA AA AA AA AA AA A"),
        new("/services/tickets/{Id:guid}", "/services/tickets/{ticket}", "AA NN AN NN NN NN NN AN U"),
        new("/services/centre/window", "/services/centre/window", "AA DD AA DD DD DD DD DD U"),
        new("/services/centre/groups", "/services/centre/groups", "AA DD AA DD DD DD DD DD U"),
        new("/services/analytics", "/services/analytics", "AA AA AA AA DD DD DD DD U"),
        // Training: staff; a session of another street is not found; compliance for supervisors, over their own area.
        new("/services/training", "/services/training", "AA AA AA AA AA AA AA DD U"),
        new("/services/training/mine", "/services/training/mine", "AA AA AA AA AA AA AA DD U"),
        new("/services/training/sessions/{Id:guid}", "/services/training/sessions/{trainingsession}", "AA AA AN AN AN AA AN DD U"),
        new("/services/training/compliance", "/services/training/compliance?scope={scope}", "AA AA AN AN DD DD DD DD U"),
        new("/participation", "/participation", "AA AA AA AA AA AA AA AA U"),
        new("/participation/residents", "/participation/residents", "AA DD AA AA DD DD DD DD U"),
        new("/participation/register", "/participation/register", "AA AA AA AA AA AA AA AA A"),
        new("/account", "/account", "AA AA AA AA AA AA AA AA U"),
        new("/participation/ballots", "/participation/ballots", "AA AA AA AA AA AA AA AA U"),
        new("/participation/ballots/{Id:guid}", "/participation/ballots/{ballot}", "AA AA AN AN AN AA AN AN U"),
        new("/participation/proposals", "/participation/proposals", "AA AA AA AA AA AA AA AA U"),
        new("/participation/proposals/{Id:guid}", "/participation/proposals/{proposal}", "AA AA AN AN AN AA AN AN U"),
        new("/participation/notices", "/participation/notices", "AA AA AA AA AA AA AA AA U"),
        new("/participation/notices/{Id:guid}", "/participation/notices/{notice}", "AA AA AN AN AN AA AN AN U"),
        new("/participation/publicity", "/participation/publicity", "AA AA AA AA AA AA AA AA U"),
        new("/participation/publicity/{Id:guid}", "/participation/publicity/{publicity}", "AA AA AN AN AN AA AN AN U"),
        new("/participation/surveys", "/participation/surveys", "AA AA AA AA AA AA AA AA U"),
        new("/participation/surveys/new", "/participation/surveys/new", "AA DD AA AA DD DD DD DD U"),
        new("/participation/surveys/{Id:guid}", "/participation/surveys/{survey}", "AA AA AN AN AN AA AN AN U"),
        new("/participation/surveys/{Id:guid}/results", "/participation/surveys/{survey}/results", "AA DD AN AN DD DD DD DD U"),
        new("/registry", "/registry", "AA DD AA AA AA DD DD DD U"),
        new("/registry/addresses", "/registry/addresses", "AA DD AA AA AA DD DD DD U"),
        new("/registry/persons/{Id:guid}", "/registry/persons/{person}", "AA DD AN AN AN DD DD DD U"),
        new("/registry/care-visits", "/registry/care-visits", "AA DD AA AA AA DD DD DD U"),
        new("/registry/quality", "/registry/quality", "AA DD AA AA AA DD DD DD U"),
        new("/registry/import", "/registry/import", "DD DD AA AA DD DD DD DD U"),
        new("/registry/import/{Id:guid}", "/registry/import/{personimport}", "AA DD AN AN DD DD DD DD U"),
        new("/registry/coverage", "/registry/coverage", "AA DD AA AA DD DD DD DD U"),
    ];
}
