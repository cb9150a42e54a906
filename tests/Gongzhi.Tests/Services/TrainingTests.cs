using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Modules.Services.Training;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Gongzhi.Tests.Security;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Services.QueueApiTests;

namespace Gongzhi.Tests.Services;

/// <summary>
/// Staff training: a session's capacity under racing enrolments, compliance computed by hand on a small scenario, the scope of
/// sessions, field errors, and that a flag blocks nothing.
/// </summary>
public sealed class TrainingTests(GongzhiApp app)
{
    internal const string Api = "/api/v1/services/training";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    internal static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    internal static async Task<CourseResponse> DefineAsync(HttpClient organiser, string area, string name, string[] requiredFor, int? passMark = null,
        string? certificate = null, int? validity = null) =>
        await ReadAsync<CourseResponse>(await organiser.PostAsJsonAsync($"{Api}/courses", new
        {
            jurisdictionCode = area, code = Unique("T"), name, kind = "PolicyBusiness", hours = 4, requiredFor, hasAssessment = passMark is not null, passMark,
            certificateKind = certificate, validityMonths = validity,
        }, Json, Cancel), HttpStatusCode.Created);

    internal static async Task<SessionResponse> ScheduleAsync(HttpClient organiser, CourseResponse course, string area, int capacity = 10) =>
        await ReadAsync<SessionResponse>(await organiser.PostAsJsonAsync($"{Api}/sessions", new
        {
            courseId = course.Id, jurisdictionCode = area, startsAt = DateTimeOffset.UtcNow.AddDays(3), minutes = 120, place = "街道办三楼培训室", capacity,
        }, Json, Cancel), HttpStatusCode.Created);

    internal static Task<HttpResponseMessage> EnrolAsync(HttpClient client, Guid session, string? userName = null) =>
        client.PostAsJsonAsync($"{Api}/sessions/{session}/enrolments", new { userName }, Json, Cancel);

    /// <summary>The session began an hour ago: what the register needs, without waiting for it.</summary>
    private Task<int> HoldAsync(Guid session) => HoldAsync(app, session);

    internal static Task<int> HoldAsync(GongzhiApp app, Guid session) => app.WithDbAsync(db => db.Set<CourseSession>().Where(s => s.Id == session)
        .ExecuteUpdateAsync(s => s.SetProperty(x => x.StartsAt, DateTimeOffset.UtcNow.AddHours(-1)), Cancel));

    internal static async Task<EnrolmentResponse> RegisterAsync(HttpClient organiser, Guid enrolment, bool attended, int? score = null)
    {
        var result = await ReadAsync<EnrolmentResponse>(await organiser.PostAsJsonAsync($"{Api}/enrolments/{enrolment}/attendance", new { attended }, Json, Cancel),
            HttpStatusCode.OK);
        return score is null
            ? result
            : await ReadAsync<EnrolmentResponse>(await organiser.PostAsJsonAsync($"{Api}/enrolments/{enrolment}/assessment", new { score }, Json, Cancel),
                HttpStatusCode.OK);
    }

    /// <summary>A community of 洪山区 that no other test puts staff in, so that its compliance is this test's alone.</summary>
    private Task<(string Street, string Community)> QuietCommunityAsync() => app.WithDbAsync(async db =>
    {
        var community = await db.Set<Jurisdiction>().Where(j => j.Code.StartsWith("420111") && j.Level == JurisdictionLevel.Community)
            .OrderByDescending(j => j.Code).Select(j => j.Code).FirstAsync(Cancel);
        return (community[..9], community);
    });

    [Fact]
    public async Task Enrol_TwoRacingForTheLastPlace_OneGetsIt_AndTheOtherIsRefused409()
    {
        var admin = await SecurityKit.CreateAccountAsync(app, "tr.adm", "420103001", Roles.Admin);
        using var organiser = await app.ClientForAsync(admin, SecurityKit.Password);
        var course = await DefineAsync(organiser, "420103001", "网格员信息采集规范（测试）", [Roles.GridWorker]);
        var session = await ScheduleAsync(organiser, course, "420103001", capacity: 2);
        var first = await SecurityKit.CreateAccountAsync(app, "tr.g1", "420103001002001", Roles.GridWorker);
        using var firstClient = await app.ClientForAsync(first, SecurityKit.Password);
        await ReadAsync<EnrolmentResponse>(await EnrolAsync(firstClient, session.Id), HttpStatusCode.Created);

        var racers = new List<HttpClient>();
        foreach (var i in Enumerable.Range(0, 2))
        {
            racers.Add(await app.ClientForAsync(await SecurityKit.CreateAccountAsync(app, $"tr.r{i}", "420103001002001", Roles.GridWorker), SecurityKit.Password));
        }
        var answers = await Task.WhenAll(racers.Select(r => EnrolAsync(r, session.Id)));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        // Full for the organiser too; the one who holds a place is answered with it again, not given a second.
        var late = await SecurityKit.CreateAccountAsync(app, "tr.late", "420103001002", Roles.CommunityStaff);
        Assert.Equal(HttpStatusCode.Conflict, (await EnrolAsync(organiser, session.Id, late)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await EnrolAsync(firstClient, session.Id)).StatusCode);
        var detail = await ReadAsync<SessionDetail>(await organiser.GetAsync($"{Api}/sessions/{session.Id}", Cancel), HttpStatusCode.OK);
        Assert.Equal(2, detail.Session.Enrolled);
        Assert.Equal(2, detail.Enrolments.Count);
        foreach (var r in racers)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task Compliance_ShareAndFlags_AreThoseComputedByHand()
    {
        var (street, community) = await QuietCommunityAsync();
        using var admin = await app.ClientForAsync("admin");
        // The role requires two courses: one passed at a session, one held by a valid certificate.
        var policy = await DefineAsync(admin, street, "部门条线政策业务（测试）", [Roles.DepartmentStaff], passMark: 60);
        var kind = "条线业务资格" + Guid.NewGuid().ToString("N")[..6];
        var qualification = await DefineAsync(admin, street, "条线业务资格继续教育（测试）", [Roles.DepartmentStaff], passMark: 60, certificate: kind, validity: 12);
        var complete = await SecurityKit.CreateAccountAsync(app, "tr.ok", community, Roles.DepartmentStaff);
        var lapsed = await SecurityKit.CreateAccountAsync(app, "tr.exp", community, Roles.DepartmentStaff);
        var missing = await SecurityKit.CreateAccountAsync(app, "tr.mis", community, Roles.DepartmentStaff);
        var session = await ScheduleAsync(admin, policy, street);
        var enrolments = new Dictionary<string, Guid>();
        foreach (var who in new[] { complete, lapsed, missing })
        {
            enrolments[who] = (await ReadAsync<EnrolmentResponse>(await EnrolAsync(admin, session.Id, who), HttpStatusCode.Created)).Id;
        }
        await HoldAsync(session.Id);
        Assert.True((await RegisterAsync(admin, enrolments[complete], true, 82)).Passed);
        Assert.True((await RegisterAsync(admin, enrolments[lapsed], true, 60)).Passed);
        Assert.Null((await RegisterAsync(admin, enrolments[missing], false)).Passed);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await ReadAsync<CertificateResponse>(await admin.PostAsJsonAsync($"{Api}/certificates", new
        {
            userName = complete, kind, number = "OK-" + complete, issuedOn = today.AddDays(-100), expiresOn = today.AddDays(200),
        }, Json, Cancel), HttpStatusCode.Created);
        var expired = await ReadAsync<CertificateResponse>(await admin.PostAsJsonAsync($"{Api}/certificates", new
        {
            userName = lapsed, kind, number = "EXP-" + lapsed, issuedOn = today.AddDays(-400), expiresOn = today.AddDays(-35),
        }, Json, Cancel), HttpStatusCode.Created);
        Assert.False(expired.Valid);

        var report = await ReadAsync<ComplianceReport>(await admin.GetAsync($"{Api}/compliance?scope={community}", Cancel), HttpStatusCode.OK);

        Assert.Equal((3, 1, 2), (report.Total.Staff, report.Total.Complete, report.Total.Flagged));
        Assert.Equal(1.0 / 3, report.Total.Share!.Value, 6);
        Assert.Equal(2, report.Flagged.Count);
        var flaggedLapsed = Assert.Single(report.Flagged, f => f.UserName == lapsed);
        Assert.Equal([qualification.Name], flaggedLapsed.Missing);
        var lapse = Assert.Single(flaggedLapsed.Expired);
        Assert.Equal((kind, today.AddDays(-35)), (lapse.Kind, lapse.ExpiredOn));
        var flaggedMissing = Assert.Single(report.Flagged, f => f.UserName == missing);
        Assert.Equal(new[] { policy.Name, qualification.Name }.Order(StringComparer.Ordinal), flaggedMissing.Missing.Order(StringComparer.Ordinal));
        Assert.Empty(flaggedMissing.Expired);
        Assert.DoesNotContain(report.Flagged, f => f.UserName == complete);
        // The district's report shows the street and the community as one row each, with the same counts.
        var districtReport = await ReadAsync<ComplianceReport>(await admin.GetAsync($"{Api}/compliance?scope={street[..6]}", Cancel), HttpStatusCode.OK);
        var streetRow = Assert.Single(districtReport.Streets, s => s.Code == street);
        Assert.Equal((3, 1), (streetRow.Staff, streetRow.Complete));
        var communityRow = Assert.Single(districtReport.Communities, c => c.Code == community);
        Assert.Equal((3, 1, 2), (communityRow.Staff, communityRow.Complete, communityRow.Flagged));
    }

    [Fact]
    public async Task APass_OfACourseThatGrantsACertificate_IssuesIt_AndCompletesTheCourse()
    {
        var admin = await SecurityKit.CreateAccountAsync(app, "tr.adm", "420103001", Roles.Admin);
        using var organiser = await app.ClientForAsync(admin, SecurityKit.Password);
        var kind = "社会工作者继续教育合格证明" + Guid.NewGuid().ToString("N")[..4];
        var course = await DefineAsync(organiser, "420103001", "社会工作者继续教育（测试）", [Roles.CommunityStaff], passMark: 60, certificate: kind, validity: 12);
        var session = await ScheduleAsync(organiser, course, "420103001");
        var worker = await SecurityKit.CreateAccountAsync(app, "tr.sw", "420103001002", Roles.CommunityStaff);
        using var staff = await app.ClientForAsync(worker, SecurityKit.Password);
        var enrolment = await ReadAsync<EnrolmentResponse>(await EnrolAsync(staff, session.Id), HttpStatusCode.Created);
        var before = await ReadAsync<MyTraining>(await staff.GetAsync($"{Api}/mine", Cancel), HttpStatusCode.OK);
        Assert.False(Assert.Single(before.Required, r => r.CourseId == course.Id).Completed);

        // The staff member may not keep their own register; the register waits for the session to begin.
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"{Api}/enrolments/{enrolment.Id}/attendance", new { attended = true }, Json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{Api}/enrolments/{enrolment.Id}/attendance", new { attended = true }, Json, Cancel)).StatusCode);
        await HoldAsync(session.Id);
        // No score for someone not marked present.
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{Api}/enrolments/{enrolment.Id}/assessment", new { score = 90 }, Json, Cancel)).StatusCode);
        var passed = await RegisterAsync(organiser, enrolment.Id, true, 75);
        Assert.True(passed.Passed);

        var after = await ReadAsync<MyTraining>(await staff.GetAsync($"{Api}/mine", Cancel), HttpStatusCode.OK);
        Assert.True(Assert.Single(after.Required, r => r.CourseId == course.Id).Completed);
        var certificate = Assert.Single(after.Certificates, c => c.Kind == kind);
        Assert.True(certificate.Valid);
        Assert.Equal(certificate.IssuedOn.AddMonths(12).AddDays(-1), certificate.ExpiresOn);
        // Scoring again changes the score, not the number of certificates.
        await ReadAsync<EnrolmentResponse>(await organiser.PostAsJsonAsync($"{Api}/enrolments/{enrolment.Id}/assessment", new { score = 80 }, Json, Cancel),
            HttpStatusCode.OK);
        Assert.Single((await ReadAsync<MyTraining>(await staff.GetAsync($"{Api}/mine", Cancel), HttpStatusCode.OK)).Certificates, c => c.Kind == kind);
    }

    [Fact]
    public async Task Sessions_OfAnotherStreet_AreNotFound_ForItsAdminAndStaff()
    {
        var admin = await SecurityKit.CreateAccountAsync(app, "tr.adm", "420103001", Roles.Admin);
        using var organiser = await app.ClientForAsync(admin, SecurityKit.Password);
        var course = await DefineAsync(organiser, "420103001", "防汛应急值守（测试）", [Roles.GridWorker]);
        var session = await ScheduleAsync(organiser, course, "420103001");
        var grid = await SecurityKit.CreateAccountAsync(app, "tr.g", "420103001002001", Roles.GridWorker);
        var enrolment = await ReadAsync<EnrolmentResponse>(await EnrolAsync(organiser, session.Id, grid), HttpStatusCode.Created);

        var otherAdmin = await SecurityKit.CreateAccountAsync(app, "tr.oth", "420103002", Roles.Admin);
        using var other = await app.ClientForAsync(otherAdmin, SecurityKit.Password);
        var otherGrid = await SecurityKit.CreateAccountAsync(app, "tr.og", "420103002001", Roles.CommunityStaff);
        using var otherStaff = await app.ClientForAsync(otherGrid, SecurityKit.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Api}/sessions/{session.Id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await EnrolAsync(other, session.Id, otherGrid)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await EnrolAsync(otherStaff, session.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.PostAsJsonAsync($"{Api}/enrolments/{enrolment.Id}/attendance", new { attended = true }, Json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Api}/compliance?scope=420103001", Cancel)).StatusCode);
        var sessions = await ReadAsync<List<SessionResponse>>(await other.GetAsync($"{Api}/sessions", Cancel), HttpStatusCode.OK);
        Assert.DoesNotContain(sessions, s => s.Id == session.Id);
        // The organiser may not enrol staff of the other street in its session: they are not whom it is for.
        Assert.Equal(HttpStatusCode.Conflict, (await EnrolAsync(organiser, session.Id, otherGrid)).StatusCode);
    }

    [Fact]
    public async Task BadInput_Is400_NamingTheField()
    {
        var admin = await SecurityKit.CreateAccountAsync(app, "tr.adm", "420103001", Roles.Admin);
        using var organiser = await app.ClientForAsync(admin, SecurityKit.Password);

        var course = await organiser.PostAsJsonAsync($"{Api}/courses", new { code = "坏 码", name = "", kind = "PolicyBusiness", hours = 0, requiredFor = new[] { "Resident" } },
            Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, course.StatusCode);
        var text = await course.Content.ReadAsStringAsync(Cancel);
        foreach (var field in new[] { "code", "name", "hours", "requiredFor" })
        {
            Assert.Contains($"\"{field}\"", text);
        }
        var good = await DefineAsync(organiser, "420103001", "12345热线工单处理（测试）", [Roles.StreetDispatcher], passMark: 70);
        var session = await organiser.PostAsJsonAsync($"{Api}/sessions", new
        {
            courseId = good.Id, startsAt = DateTimeOffset.UtcNow.AddHours(-2), minutes = 10, place = "", capacity = 0,
        }, Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, session.StatusCode);
        text = await session.Content.ReadAsStringAsync(Cancel);
        foreach (var field in new[] { "startsAt", "minutes", "place", "capacity" })
        {
            Assert.Contains($"\"{field}\"", text);
        }
        var held = await ScheduleAsync(organiser, good, "420103001");
        var unknown = await EnrolAsync(organiser, held.Id, "no-such-account-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("\"userName\"", await unknown.Content.ReadAsStringAsync(Cancel));
        var dispatcher = await SecurityKit.CreateAccountAsync(app, "tr.d", "420103001", Roles.StreetDispatcher);
        var enrolment = await ReadAsync<EnrolmentResponse>(await EnrolAsync(organiser, held.Id, dispatcher), HttpStatusCode.Created);
        await HoldAsync(held.Id);
        await RegisterAsync(organiser, enrolment.Id, true);
        var score = await organiser.PostAsJsonAsync($"{Api}/enrolments/{enrolment.Id}/assessment", new { score = 101 }, Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, score.StatusCode);
        Assert.Contains("\"score\"", await score.Content.ReadAsStringAsync(Cancel));
        var certificate = await organiser.PostAsJsonAsync($"{Api}/certificates", new { userName = dispatcher, kind = "", number = "X1", issuedOn = "2099-01-01" },
            Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, certificate.StatusCode);
        text = await certificate.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("\"kind\"", text);
        Assert.Contains("\"issuedOn\"", text);
    }

    [Fact]
    public async Task AFlaggedStaffMember_IsBlockedFromNothing()
    {
        var admin = await SecurityKit.CreateAccountAsync(app, "tr.adm", "420103001", Roles.Admin);
        using var organiser = await app.ClientForAsync(admin, SecurityKit.Password);
        var required = await DefineAsync(organiser, "420103001", "一网通办系统操作（测试）", [Roles.GridWorker], passMark: 60);
        var grid = await SecurityKit.CreateAccountAsync(app, "tr.fl", "420103001002001", Roles.GridWorker);
        using var staff = await app.ClientForAsync(grid, SecurityKit.Password);

        var report = await ReadAsync<ComplianceReport>(await organiser.GetAsync($"{Api}/compliance?scope=420103001002001", Cancel), HttpStatusCode.OK);
        Assert.Contains(required.Name, Assert.Single(report.Flagged, f => f.UserName == grid).Missing);

        // Flagged, they still read and report as before, and enrol in any session, of the missing course or another.
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/api/v1/cases", Cancel)).StatusCode);
        var other = await DefineAsync(organiser, "420103001", "个人信息保护（测试）", []);
        await ReadAsync<EnrolmentResponse>(await EnrolAsync(staff, (await ScheduleAsync(organiser, other, "420103001")).Id), HttpStatusCode.Created);
        await ReadAsync<EnrolmentResponse>(await EnrolAsync(staff, (await ScheduleAsync(organiser, required, "420103001")).Id), HttpStatusCode.Created);
        var mine = await ReadAsync<MyTraining>(await staff.GetAsync($"{Api}/mine", Cancel), HttpStatusCode.OK);
        Assert.False(Assert.Single(mine.Required, r => r.CourseId == required.Id).Completed);
        Assert.Equal(2, mine.Enrolments.Count);
    }
}
