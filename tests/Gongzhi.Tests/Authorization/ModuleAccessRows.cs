namespace Gongzhi.Tests.Authorization;

/// <summary>
/// The rows of the service centre, participation and the registry (see <see cref="EndpointAccess"/> for the cells). Writes
/// send a body that is incomplete or stale where they may, so that whoever may act is answered on the content (400/409)
/// and the record stays as it is.
/// </summary>
internal static class ModuleAccessRows
{

    //                                  admin cmd street comm grid dept party resident anonymous
    // The catalogue is public; a resident may apply online at any street's centre (全城通办); an application is worked by the
    // staff of its centre and seen by them and its applicant only.
    public static readonly EndpointAccess[] Services =
    [
        new("GET", "/api/v1/services/items/", "/api/v1/services/items/", "AA AA AA AA AA AA AA AA A"),
        new("GET", "/api/v1/services/items/{code}", "/api/v1/services/items/{serviceitem}", "AA AA AA AA AA AA AA AA A"),
        new("POST", "/api/v1/services/items/{code}/devolve", "/api/v1/services/items/{serviceitem}/devolve", "AA FF FF FF FF FF FF FF U"),
        new("POST", "/api/v1/services/applications/", "/api/v1/services/applications/", "AA FF AF FF FF FF FF AA U",
            Body: """{"itemCode":"{serviceitem}","jurisdictionCode":"{centre}","applicant":{"name":"矩阵","idNumber":"420103198003151234","phone":"13800001234"}}"""),
        new("GET", "/api/v1/services/applications/", "/api/v1/services/applications/", "AA AA AA AA AA AA AA AA U"),
        new("GET", "/api/v1/services/applications/{id:guid}", "/api/v1/services/applications/{application}", "AA FF AF FF FF FF FF FF U"),
        new("POST", "/api/v1/services/applications/{id:guid}/evaluation", "/api/v1/services/applications/{application}/evaluation", "FF FF FF FF FF FF FF FF U"),
        new("POST", "/api/v1/services/applications/{id:guid}/follow-up", "/api/v1/services/applications/{application}/follow-up", "AA FF AF FF FF FF FF FF U"),
        new("POST", "/api/v1/services/applications/{id:guid}/reveal", "/api/v1/services/applications/{application}/reveal", "AA FF AF FF FF FF FF FF U",
            Body: """{"purpose":"service-application"}"""),
        new("POST", "/api/v1/services/applications/{id:guid}/{action}", "/api/v1/services/applications/{application}/request-materials", "AA FF AF FF FF FF FF FF U"),
        // The window queue: a centre's groups, hall display and slots are public; a resident takes tickets and books at any centre;
        // the centre's street staff arrange, call, finish and check in. Bodies name an unknown group or lack fields: 400 for whoever may.
        new("GET", "/api/v1/services/centres/{code}/groups", "/api/v1/services/centres/{centre}/groups", "AA AA AA AA AA AA AA AA A"),
        new("GET", "/api/v1/services/centres/{code}/display", "/api/v1/services/centres/{centre}/display", "AA AA AA AA AA AA AA AA A"),
        new("GET", "/api/v1/services/centres/{code}/slots", "/api/v1/services/centres/{centre}/slots", "AA AA AA AA AA AA AA AA A"),
        new("POST", "/api/v1/services/centres/{code}/groups", "/api/v1/services/centres/{centre}/groups", "AA FF AF FF FF FF FF FF U", Body: """{"prefix":"AB"}"""),
        // An empty name: a 400 for whoever may arrange the centre's groups, and the demo's group A stays as it is.
        new("PUT", "/api/v1/services/centres/{code}/groups/{prefix}", "/api/v1/services/centres/{centre}/groups/A", "AA FF AF FF FF FF FF FF U",
            Body: """{"name":""}"""),
        new("POST", "/api/v1/services/centres/{code}/tickets", "/api/v1/services/centres/{centre}/tickets", "AA FF AF FF FF FF FF AA U", Body: """{"group":"?"}"""),
        new("GET", "/api/v1/services/centres/{code}/tickets", "/api/v1/services/centres/{centre}/tickets", "AA FF AF FF FF FF FF FF U"),
        // Nobody waits in a group the centre lacks: 204 for whoever may call.
        new("POST", "/api/v1/services/centres/{code}/windows/{window:int}/call", "/api/v1/services/centres/{centre}/windows/99/call", "AA FF AF FF FF FF FF FF U",
            Body: """{"groups":["?"]}"""),
        new("POST", "/api/v1/services/centres/{code}/slots", "/api/v1/services/centres/{centre}/slots", "AA FF AF FF FF FF FF FF U", Body: """{"group":"A"}"""),
        new("GET", "/api/v1/services/centres/{code}/appointments", "/api/v1/services/centres/{centre}/appointments", "AA FF AF FF FF FF FF FF U"),
        new("GET", "/api/v1/services/tickets/mine", "/api/v1/services/tickets/mine", "AA AA AA AA AA AA AA AA U"),
        new("GET", "/api/v1/services/tickets/{id:guid}", "/api/v1/services/tickets/{ticket}", "AA FF AF FF FF FF FF AF U"),
        // The matrix's tickets wait: finishing one is a 409 for whoever may.
        new("POST", "/api/v1/services/tickets/{id:guid}/serve", "/api/v1/services/tickets/{ticket}/serve", "AA FF AF FF FF FF FF FF U"),
        new("POST", "/api/v1/services/tickets/{id:guid}/no-show", "/api/v1/services/tickets/{ticket}/no-show", "AA FF AF FF FF FF FF FF U"),
        new("POST", "/api/v1/services/tickets/{id:guid}/recall", "/api/v1/services/tickets/{ticket}/recall", "AA FF AF FF FF FF FF FF U"),
        new("POST", "/api/v1/services/tickets/{id:guid}/requeue", "/api/v1/services/tickets/{ticket}/requeue", "AA FF AF FF FF FF FF FF U"),
        // No group has the letter "?": a 400 for whoever may move the ticket.
        new("POST", "/api/v1/services/tickets/{id:guid}/transfer", "/api/v1/services/tickets/{ticket}/transfer", "AA FF AF FF FF FF FF FF U",
            Body: """{"group":"?"}"""),
        new("POST", "/api/v1/services/appointments/", "/api/v1/services/appointments/", "FF FF FF FF FF FF FF AA U"),
        new("GET", "/api/v1/services/appointments/mine", "/api/v1/services/appointments/mine", "AA AA AA AA AA AA AA AA U"),
        // Three hours ahead: too early to check in (409) for whoever may.
        new("POST", "/api/v1/services/appointments/{id:guid}/check-in", "/api/v1/services/appointments/{appointment}/check-in", "AA FF AF FF FF FF FF FF U"),
        // Process analytics: supervisors, over their own area.
        new("GET", "/api/v1/services/analytics/", "/api/v1/services/analytics/", "AA AA AA AA FF FF FF FF U"),
        new("GET", "/api/v1/services/analytics/breakdown", "/api/v1/services/analytics/breakdown?by=area", "AA AA AA AA FF FF FF FF U"),
        new("GET", "/api/v1/services/analytics/backlog", "/api/v1/services/analytics/backlog", "AA AA AA AA FF FF FF FF U"),
        new("GET", "/api/v1/services/analytics/export", "/api/v1/services/analytics/export?format=xlsx&by=item", "AA AA AA AA FF FF FF FF U"),
        new("GET", "/api/v1/services/analytics/items/{code}/versions/{version:int}", "/api/v1/services/analytics/items/{serviceitem}/versions/2",
            "AA AA AA AA FF FF FF FF U"),
        new("POST", "/api/v1/services/appointments/{id:guid}/cancel", "/api/v1/services/appointments/{appointment}/cancel", "AA FF AF FF FF FF FF AF U"),
    ];

    //                                  admin cmd street comm grid dept party resident anonymous
    // Duty lists: staff read the lines of their area and those above it; the review reads a district or street the caller covers (the
    // city is too wide: the city administrator is answered 400 for its own scope); administrators write, answered 400 for {}.
    public static readonly EndpointAccess[] Duties =
    [
        new("GET", "/api/v1/duties/", "/api/v1/duties/?scope={scope}", "AA AA AF AF AF AA AF FF U"),
        new("POST", "/api/v1/duties/", "/api/v1/duties/", "AA FF FF FF FF FF FF FF U"),
        new("GET", "/api/v1/duties/{id:guid}", "/api/v1/duties/{duty}", "AA AA AF AF AF AA AF FF U"),
        new("PUT", "/api/v1/duties/{id:guid}", "/api/v1/duties/{duty}", "AA FF FF FF FF FF FF FF U"),
        new("GET", "/api/v1/duties/overlaps", "/api/v1/duties/overlaps?scope={scope}", "AA AA AF FF FF AA AF FF U"),
        new("GET", "/api/v1/duties/gaps", "/api/v1/duties/gaps?scope={scope}", "AA AA AF FF FF AA AF FF U"),
        new("GET", "/api/v1/duties/contradictions", "/api/v1/duties/contradictions?scope={scope}", "AA AA AF FF FF AA AF FF U"),
        new("GET", "/api/v1/duties/resolutions", "/api/v1/duties/resolutions?scope={scope}", "AA AA AF FF FF AA AF FF U"),
        new("POST", "/api/v1/duties/resolutions", "/api/v1/duties/resolutions", "AA FF FF FF FF FF FF FF U"),
    ];

    //                                  admin cmd street comm grid dept party resident anonymous
    // Staff training: staff read courses and the sessions of their own and higher jurisdictions; the street office (or an
    // administrator over it) sets courses, holds sessions, enrols its staff and keeps the register; supervisors read compliance.
    // Writes send what the organiser is answered 400, 409 (a stale version) or 200 for (an enrolment held already), so the record stays as it is.
    public static readonly EndpointAccess[] Training =
    [
        new("GET", "/api/v1/services/training/courses", "/api/v1/services/training/courses", "AA AA AA AA AA AA AA FF U"),
        new("POST", "/api/v1/services/training/courses", "/api/v1/services/training/courses", "AA FF AF FF FF FF FF FF U", Body: """{"jurisdictionCode":"{scope}"}"""),
        new("PUT", "/api/v1/services/training/courses/{id:guid}", "/api/v1/services/training/courses/{trainingcourse}", "AA FF AF FF FF FF FF FF U"),
        new("GET", "/api/v1/services/training/sessions", "/api/v1/services/training/sessions", "AA AA AA AA AA AA AA FF U"),
        new("POST", "/api/v1/services/training/sessions", "/api/v1/services/training/sessions", "AA FF AF FF FF FF FF FF U", Body: """{"jurisdictionCode":"{scope}"}"""),
        new("GET", "/api/v1/services/training/sessions/{id:guid}", "/api/v1/services/training/sessions/{trainingsession}", "AA AA AF AF AF AA AF FF U"),
        new("PUT", "/api/v1/services/training/sessions/{id:guid}", "/api/v1/services/training/sessions/{trainingsession}", "AA FF AF FF FF FF FF FF U"),
        new("POST", "/api/v1/services/training/sessions/{id:guid}/cancel", "/api/v1/services/training/sessions/{trainingsession}/cancel", "AA FF AF FF FF FF FF FF U",
            Body: """{"version":-1}"""),
        new("POST", "/api/v1/services/training/sessions/{id:guid}/enrolments", "/api/v1/services/training/sessions/{trainingsession}/enrolments",
            "AA FF AF FF FF FF FF FF U", Body: """{"userName":"{trainee}"}"""),
        new("POST", "/api/v1/services/training/enrolments/{id:guid}/withdraw", "/api/v1/services/training/enrolments/{enrolment}/withdraw", "AA FF AF FF FF FF FF FF U",
            Body: """{"version":-1}"""),
        new("POST", "/api/v1/services/training/enrolments/{id:guid}/attendance", "/api/v1/services/training/enrolments/{enrolment}/attendance", "AA FF AF FF FF FF FF FF U"),
        new("POST", "/api/v1/services/training/enrolments/{id:guid}/assessment", "/api/v1/services/training/enrolments/{enrolment}/assessment", "AA FF AF FF FF FF FF FF U"),
        new("GET", "/api/v1/services/training/mine", "/api/v1/services/training/mine", "AA AA AA AA AA AA AA FF U"),
        new("GET", "/api/v1/services/training/certificates", "/api/v1/services/training/certificates", "AA AA AA AA AA AA AA FF U"),
        new("POST", "/api/v1/services/training/certificates", "/api/v1/services/training/certificates", "AA FF AF FF FF FF FF FF U", Body: """{"userName":"{trainee}"}"""),
        new("PUT", "/api/v1/services/training/certificates/{id:guid}", "/api/v1/services/training/certificates/{trainingcertificate}", "AA FF AF FF FF FF FF FF U"),
        new("POST", "/api/v1/services/training/certificates/{id:guid}/revoke", "/api/v1/services/training/certificates/{trainingcertificate}/revoke",
            "AA FF AF FF FF FF FF FF U"),
        new("GET", "/api/v1/services/training/compliance", "/api/v1/services/training/compliance?scope={scope}", "AA AA AF AF FF FF FF FF U"),
    ];

    // Everyone signed in reads what is open in their area; staff of the community or street run ballots, notices and answers;
    // only a verified resident of the area votes, proposes, supports and acknowledges.
    public static readonly EndpointAccess[] Participation =
    [
        new("GET", "/api/v1/participation/residents/me", "/api/v1/participation/residents/me", "FF FF FF FF FF FF FF AA U"),
        new("POST", "/api/v1/participation/residents/me", "/api/v1/participation/residents/me", "FF FF FF FF FF FF FF AA U"),
        new("GET", "/api/v1/participation/residents/", "/api/v1/participation/residents/", "AA FF AA AA FF FF FF FF U"),
        new("POST", "/api/v1/participation/residents/{id:guid}/verify", "/api/v1/participation/residents/{profile}/verify", "AA FF AF AF FF FF FF FF U"),
        new("GET", "/api/v1/participation/ballots/", "/api/v1/participation/ballots/", "AA AA AA AA AA AA AA AA U"),
        new("POST", "/api/v1/participation/ballots/", "/api/v1/participation/ballots/", "AA FF AF AF FF FF FF FF U",
            Body: """{"title":"矩阵表决{n}","jurisdictionCode":"{code}","options":["同意","反对"],"opensAt":"2096-01-01T00:00:00Z","closesAt":"2096-01-08T00:00:00Z","secret":true}"""),
        new("GET", "/api/v1/participation/ballots/{id:guid}", "/api/v1/participation/ballots/{ballot}", "AA AA AF AF AF AA AF AF U"),
        new("POST", "/api/v1/participation/ballots/{id:guid}/votes", "/api/v1/participation/ballots/{ballot}/votes", "FF FF FF FF FF FF FF AF U", Body: """{"optionId":"{option}"}"""),
        new("GET", "/api/v1/participation/ballots/{id:guid}/results", "/api/v1/participation/ballots/{ballot}/results", "AA AA AF AF AF AA AF AF U"),
        new("GET", "/api/v1/participation/proposals/", "/api/v1/participation/proposals/", "AA AA AA AA AA AA AA AA U"),
        // Suggestions while typing: anyone signed in asks; a community outside the caller's sight answers an empty list.
        new("GET", "/api/v1/participation/proposals/similar", "/api/v1/participation/proposals/similar?communityCode=420103001002&title=%E8%B7%AF%E7%81%AF", "AA AA AA AA AA AA AA AA U"),
        new("POST", "/api/v1/participation/proposals/", "/api/v1/participation/proposals/", "FF FF FF FF FF FF FF AA U", Body: """{"title":"矩阵提议{n}","body":"矩阵","jurisdictionCode":"{code}"}"""),
        new("GET", "/api/v1/participation/proposals/{id:guid}", "/api/v1/participation/proposals/{proposal}", "AA AA AF AF AF AA AF AF U"),
        new("POST", "/api/v1/participation/proposals/{id:guid}/support", "/api/v1/participation/proposals/{proposal}/support", "FF FF FF FF FF FF FF AF U"),
        new("POST", "/api/v1/participation/proposals/{id:guid}/outcome", "/api/v1/participation/proposals/{proposal}/outcome", "AA FF AF AF FF FF FF FF U",
            Body: """{"outcome":"Declined","text":"矩阵答复"}"""),
        new("GET", "/api/v1/participation/proposals/{id:guid}/comments", "/api/v1/participation/proposals/{proposal}/comments", "AA AA AF AF AF AA AF AF U", Body: """{"body":"矩阵评论{n}"}"""),
        new("POST", "/api/v1/participation/proposals/{id:guid}/comments", "/api/v1/participation/proposals/{proposal}/comments", "AA FF AF AF FF FF FF AF U", Body: """{"body":"矩阵评论{n}"}"""),
        new("POST", "/api/v1/participation/proposals/comments/{commentId:guid}/hide", "/api/v1/participation/proposals/comments/{comment}/hide", "AA FF AF AF FF FF FF FF U",
            Body: """{"reason":"矩阵"}"""),
        new("GET", "/api/v1/participation/thresholds/{code}", "/api/v1/participation/thresholds/{code}", "AA AA AA AA AA AA AA AA U"),
        new("PUT", "/api/v1/participation/thresholds/{code}", "/api/v1/participation/thresholds/{code}", "AA FF AF AF FF FF FF FF U", Body: """{"minSupporters":-1}"""),
        new("GET", "/api/v1/participation/notices/", "/api/v1/participation/notices/", "AA AA AA AA AA AA AA AA U"),
        new("POST", "/api/v1/participation/notices/", "/api/v1/participation/notices/", "AA FF AF AF FF FF FF FF U", Body: """{"title":"矩阵公告{n}","body":"矩阵","jurisdictionCode":"{code}"}"""),
        new("GET", "/api/v1/participation/notices/{id:guid}", "/api/v1/participation/notices/{notice}", "AA AA AF AF AF AA AF AF U"),
        new("POST", "/api/v1/participation/notices/{id:guid}/read", "/api/v1/participation/notices/{notice}/read", "FF FF FF FF FF FF FF AF U"),
        new("GET", "/api/v1/participation/notices/{id:guid}/receipts", "/api/v1/participation/notices/{notice}/receipts", "AA FF AF AF FF FF FF FF U"),
        new("GET", "/api/v1/participation/publicity/", "/api/v1/participation/publicity/", "AA AA AA AA AA AA AA AA U"),
        new("POST", "/api/v1/participation/publicity/", "/api/v1/participation/publicity/", "AA FF AF AF FF FF FF FF U",
            Body: """{"kind":"Finance","title":"矩阵公示{n}","body":"矩阵","jurisdictionCode":"{code}"}"""),
        new("GET", "/api/v1/participation/publicity/{id:guid}", "/api/v1/participation/publicity/{publicity}", "AA AA AF AF AF AA AF AF U"),
        // Anyone who sees the publicity reads the objections; the service narrows them to one's own unless one organises the area.
        new("GET", "/api/v1/participation/publicity/{id:guid}/objections", "/api/v1/participation/publicity/{publicity}/objections", "AA AA AF AF AF AA AF AF U"),
        new("POST", "/api/v1/participation/publicity/{id:guid}/objections", "/api/v1/participation/publicity/{publicity}/objections", "FF FF FF FF FF FF FF AF U"),
        new("POST", "/api/v1/participation/publicity/{id:guid}/objections/{objectionId:guid}/answer",
            "/api/v1/participation/publicity/{publicity}/objections/{objection}/answer", "AA FF AF AF FF FF FF FF U", Body: """{"answer":"矩阵答复"}"""),
        new("POST", "/api/v1/participation/ballots/{id:guid}/publicity", "/api/v1/participation/ballots/{ballot}/publicity", "AA FF AF AF FF FF FF FF U"),
        new("GET", "/api/v1/participation/surveys/", "/api/v1/participation/surveys/", "AA AA AA AA AA AA AA AA U"),
        new("POST", "/api/v1/participation/surveys/", "/api/v1/participation/surveys/", "AA FF AF AF FF FF FF FF U",
            Body: """{"title":"矩阵调研{n}","jurisdictionCode":"{code}","questions":[{"kind":"Text","text":"建议"}]}"""),
        new("GET", "/api/v1/participation/surveys/{id:guid}", "/api/v1/participation/surveys/{survey}", "AA AA AF AF AF AA AF AF U"),
        new("GET", "/api/v1/participation/surveys/{id:guid}/progress", "/api/v1/participation/surveys/{survey}/progress", "AA AA AF AF AF AA AF AF U"),
        new("GET", "/api/v1/participation/surveys/{id:guid}/results", "/api/v1/participation/surveys/{survey}/results", "AA FF AF AF FF FF FF FF U"),
        new("GET", "/api/v1/participation/surveys/{id:guid}/export", "/api/v1/participation/surveys/{survey}/export", "AA FF AF AF FF FF FF FF U"),
        // The matrix's surveys are open already: 409 for whoever may open one.
        new("POST", "/api/v1/participation/surveys/{id:guid}/open", "/api/v1/participation/surveys/{survey}/open", "AA FF AF AF FF FF FF FF U"),
        // Without answers: 400 for the resident of the area, before anything is stored.
        new("POST", "/api/v1/participation/surveys/{id:guid}/responses", "/api/v1/participation/surveys/{survey}/responses", "FF FF FF FF FF FF FF AF U"),
        new("POST", "/api/v1/participation/surveys/{id:guid}/close", "/api/v1/participation/surveys/{survey}/close", "AA FF AF AF FF FF FF FF U"),
        // Last: a refusal ends the verified residence that the vote and the proposal above rely on.
        new("GET", "/api/v1/participation/account/", "/api/v1/participation/account/", "AA AA AA AA AA AA AA AA U"),
        // A visitor registers; the bodies are incomplete, so nobody is sent a code or given an account.
        new("POST", "/api/v1/participation/registration/codes", "/api/v1/participation/registration/codes", "AA AA AA AA AA AA AA AA A", Body: """{"phone":"1"}"""),
        new("POST", "/api/v1/participation/registration/", "/api/v1/participation/registration/", "AA AA AA AA AA AA AA AA A", Body: """{"phone":"1"}"""),
        new("POST", "/api/v1/participation/residents/{id:guid}/refuse", "/api/v1/participation/residents/{profile}/refuse", "AA FF AF AF FF FF FF FF U", Body: """{"reason":"矩阵"}"""),
    ];

    // Places are read by every government role and kept by the place keepers of the area; persons are read by the street and
    // below and kept by community and grid workers. A registration naming a place outside the caller's area is refused as bad
    // input (400 naming the field), like one naming no place at all. Devices post with their own key, never a sign-in.
    public static readonly EndpointAccess[] Registry =
    [
        new("GET", "/api/v1/registry/addresses", "/api/v1/registry/addresses?q=矩阵", "AA AA AA AA AA AA FF FF U"),
        new("GET", "/api/v1/registry/addresses/{id:guid}", "/api/v1/registry/addresses/{address}", "AA AA AF AF AF AA FF FF U"),
        new("POST", "/api/v1/registry/addresses", "/api/v1/registry/addresses", "AA FF AF AF AF FF FF FF U", Body: """{"jurisdictionCode":"{grid}","road":"矩阵路","number":"{n}号"}"""),
        new("GET", "/api/v1/registry/houses", "/api/v1/registry/houses", "AA AA AA AA AA AA FF FF U"),
        new("POST", "/api/v1/registry/houses", "/api/v1/registry/houses", "AA FF AA AA AA FF FF FF U",
            Body: """{"addressId":"{address}","type":"apartment","areaSquareMeters":50,"use":"vacant"}"""),
        new("POST", "/api/v1/registry/houses/{id:guid}/rental", "/api/v1/registry/houses/{house}/rental", "AA FF AF AF AF FF FF FF U", Body: """{"version":-1}"""),
        new("GET", "/api/v1/registry/units", "/api/v1/registry/units", "AA AA AA AA AA AA FF FF U"),
        new("POST", "/api/v1/registry/units", "/api/v1/registry/units", "AA FF AA AA AA FF FF FF U",
            Body: """{"name":"矩阵单位{n}","kind":"shop","jurisdictionCode":"{code}"}"""),
        new("GET", "/api/v1/registry/purposes", "/api/v1/registry/purposes", "AA FF AA AA AA FF FF FF U"),
        new("GET", "/api/v1/registry/persons", "/api/v1/registry/persons", "AA FF AA AA AA FF FF FF U"),
        new("POST", "/api/v1/registry/persons", "/api/v1/registry/persons", "FF FF FF AA AA FF FF FF U",
            Body: """{"name":"矩阵居民","jurisdictionCode":"{code}"}"""),
        new("GET", "/api/v1/registry/persons/{id:guid}", "/api/v1/registry/persons/{person}", "AA FF AF AF AF FF FF FF U"),
        new("PUT", "/api/v1/registry/persons/{id:guid}", "/api/v1/registry/persons/{person}", "FF FF FF AF AF FF FF FF U", Body: """{"version":-1}"""),
        new("GET", "/api/v1/registry/persons/{id:guid}/history", "/api/v1/registry/persons/{person}/history", "AA FF AF AF AF FF FF FF U"),
        new("GET", "/api/v1/registry/persons/{id:guid}/visits", "/api/v1/registry/persons/{person}/visits", "AA FF AF AF AF FF FF FF U"),
        new("POST", "/api/v1/registry/persons/{id:guid}/reveal", "/api/v1/registry/persons/{person}/reveal", "FF FF AF AF AF FF FF FF U", Body: """{"purpose":"care-visit"}"""),
        new("POST", "/api/v1/registry/visits", "/api/v1/registry/visits", "FF FF FF AF AF FF FF FF U", Body: """{"personId":"{person}","notes":"矩阵走访"}"""),
        new("POST", "/api/v1/registry/visits/{id:guid}/case", "/api/v1/registry/visits/{visit}/case", "FF FF FF AF AF FF FF FF U"),
        new("POST", "/api/v1/registry/persons/{id:guid}/moved-away", "/api/v1/registry/persons/{person}/moved-away", "FF FF FF AF AF FF FF FF U", Body: """{"version":-1}"""),
        // Imports are made by community and street staff for their area and followed by them (and administrators); bytes that are no
        // CSV are a 400 for whoever may upload.
        new("POST", "/api/v1/registry/imports/", "/api/v1/registry/imports/", "FF FF AA AA FF FF FF FF U", Send.Upload),
        new("GET", "/api/v1/registry/imports/", "/api/v1/registry/imports/", "AA FF AA AA FF FF FF FF U"),
        new("GET", "/api/v1/registry/imports/{id:guid}", "/api/v1/registry/imports/{personimport}", "AA FF AF AF FF FF FF FF U"),
        new("GET", "/api/v1/registry/imports/{id:guid}/errors", "/api/v1/registry/imports/{personimport}/errors", "AA FF AF AF FF FF FF FF U"),
        new("GET", "/api/v1/registry/imports/{id:guid}/report.csv", "/api/v1/registry/imports/{personimport}/report.csv", "AA FF AF AF FF FF FF FF U"),
        // A department sees counts without a grant; grants are issued and revoked by the street office of the area and read by it and by
        // the department they are for.
        new("GET", "/api/v1/registry/aggregates", "/api/v1/registry/aggregates", "AA AA AA AA AA AA FF FF U"),
        new("GET", "/api/v1/registry/grants/", "/api/v1/registry/grants/", "AA FF AA FF FF AA FF FF U"),
        new("POST", "/api/v1/registry/grants/", "/api/v1/registry/grants/", "FF FF AA FF FF FF FF FF U"),
        new("POST", "/api/v1/registry/grants/{id:guid}/revoke", "/api/v1/registry/grants/{grant}/revoke", "FF FF AF FF FF FF FF FF U"),
        // Coverage of the caller's own street or community (an administrator of the city is asked to choose one: 400).
        new("GET", "/api/v1/registry/coverage/", "/api/v1/registry/coverage/", "AA FF AA AA FF FF FF FF U"),
        new("GET", "/api/v1/registry/care-visits", "/api/v1/registry/care-visits", "AA FF AA AA AA FF FF FF U"),
        new("GET", "/api/v1/registry/quality", "/api/v1/registry/quality", "AA FF AA AA AA FF FF FF U"),
        new("GET", "/api/v1/registry/devices/", "/api/v1/registry/devices/", "AA AA AA AA AA AA FF FF U"),
        new("POST", "/api/v1/registry/devices/", "/api/v1/registry/devices/", "AA FF AA AA AA FF FF FF U",
            Body: """{"addressId":"{address}","name":"矩阵设备{n}","kind":"smokeDetector"}"""),
        new("POST", "/api/v1/devices/{id:guid}/events", "/api/v1/devices/{device}/events", "UU UU UU UU UU UU UU UU U", Body: """{"event":"alarm"}"""),
    ];
}
