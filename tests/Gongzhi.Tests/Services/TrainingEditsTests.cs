using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Services.Training;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Gongzhi.Tests.Security;
using static Gongzhi.Tests.Services.QueueApiTests;
using static Gongzhi.Tests.Services.TrainingTests;

namespace Gongzhi.Tests.Services;

/// <summary>
/// What changes after a training record is made: withdrawing from a session, changing or cancelling a session, correcting
/// or revoking a certificate, and the <c>Idempotency-Key</c> of training's creates.
/// </summary>
public sealed class TrainingEditsTests(GongzhiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}{path}") { Content = JsonContent.Create(body, options: Json) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return client.SendAsync(request, Cancel);
    }

    private Task<SessionDetail> DetailAsync(HttpClient organiser, Guid session) => organiser.GetFromJsonAsync<SessionDetail>($"{Api}/sessions/{session}", Json, Cancel)!;

    private async Task<(HttpClient Organiser, CourseResponse Course)> OrganiserAsync(string certificate = "")
    {
        var admin = await SecurityKit.CreateAccountAsync(app, "te.adm", "420103001", Roles.Admin);
        var organiser = await app.ClientForAsync(admin, SecurityKit.Password);
        var course = certificate.Length == 0
            ? await DefineAsync(organiser, "420103001", "个人信息保护（测试）", [Roles.GridWorker])
            : await DefineAsync(organiser, "420103001", "社会工作者继续教育（测试）", [Roles.CommunityStaff], passMark: 60, certificate: certificate, validity: 12);
        return (organiser, course);
    }

    [Fact]
    public async Task Withdraw_FreesThePlace_KeepsTheEnrolmentWithdrawn_AndThePlaceMayBeTakenAgain()
    {
        var (organiser, course) = await OrganiserAsync();
        using var _ = organiser;
        var session = await ScheduleAsync(organiser, course, "420103001", capacity: 1);
        var first = await SecurityKit.CreateAccountAsync(app, "te.g1", "420103001002001", Roles.GridWorker);
        using var firstClient = await app.ClientForAsync(first, SecurityKit.Password);
        var second = await SecurityKit.CreateAccountAsync(app, "te.g2", "420103001002001", Roles.GridWorker);
        using var secondClient = await app.ClientForAsync(second, SecurityKit.Password);
        var place = await ReadAsync<EnrolmentResponse>(await EnrolAsync(firstClient, session.Id), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Conflict, (await EnrolAsync(secondClient, session.Id)).StatusCode);

        // Someone else's place is not theirs to give up; their own is, once.
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(secondClient, $"/enrolments/{place.Id}/withdraw", new { })).StatusCode);
        var withdrawn = await ReadAsync<EnrolmentResponse>(await PostAsync(firstClient, $"/enrolments/{place.Id}/withdraw", new { version = place.Version }),
            HttpStatusCode.OK);
        Assert.True(withdrawn.Withdrawn);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(firstClient, $"/enrolments/{place.Id}/withdraw", new { })).StatusCode);
        var detail = await DetailAsync(organiser, session.Id);
        Assert.Equal(0, detail.Session.Enrolled);
        Assert.True(Assert.Single(detail.Enrolments).Withdrawn);

        // The freed place goes to the next; the organiser frees it again; the first takes it back in the same record.
        var taken = await ReadAsync<EnrolmentResponse>(await EnrolAsync(secondClient, session.Id), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(organiser, $"/enrolments/{taken.Id}/withdraw", new { })).StatusCode);
        var back = await ReadAsync<EnrolmentResponse>(await EnrolAsync(firstClient, session.Id), HttpStatusCode.Created);
        Assert.Equal((place.Id, false), (back.Id, back.Withdrawn));
        detail = await DetailAsync(organiser, session.Id);
        Assert.Equal(1, detail.Session.Enrolled);
        Assert.Equal(new[] { false, true }, detail.Enrolments.OrderBy(e => e.StaffUserId == back.StaffUserId ? 0 : 1).Select(e => e.Withdrawn));

        // Once the session has begun, the place is kept: the register decides.
        await HoldAsync(app, session.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(firstClient, $"/enrolments/{place.Id}/withdraw", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await organiser.PostAsJsonAsync($"{Api}/enrolments/{taken.Id}/attendance", new { attended = true }, Json, Cancel)).StatusCode);
    }

    [Fact]
    public async Task ChangeSession_CapacityBelowThePlacesTaken_Is400_AndAStaleOrStartedSessionIs409()
    {
        var (organiser, course) = await OrganiserAsync();
        using var _ = organiser;
        var session = await ScheduleAsync(organiser, course, "420103001", capacity: 5);
        foreach (var i in Enumerable.Range(0, 3))
        {
            await ReadAsync<EnrolmentResponse>(await EnrolAsync(organiser, session.Id,
                await SecurityKit.CreateAccountAsync(app, $"te.c{i}", "420103001002001", Roles.GridWorker)), HttpStatusCode.Created);
        }
        // Whole minutes, as a form sends them and as both databases keep them.
        var starts = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(5).AddHours(1), TimeSpan.Zero);

        var below = await organiser.PutAsJsonAsync($"{Api}/sessions/{session.Id}", new { startsAt = starts, minutes = 90, place = "民族街街道办四楼", capacity = 2 },
            Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, below.StatusCode);
        Assert.Contains("\"capacity\"", await below.Content.ReadAsStringAsync(Cancel));
        var bad = await organiser.PutAsJsonAsync($"{Api}/sessions/{session.Id}", new { startsAt = DateTimeOffset.UtcNow.AddDays(-1), minutes = 5, place = "" },
            Json, Cancel);
        var text = await bad.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        foreach (var field in new[] { "startsAt", "minutes", "place", "capacity" })
        {
            Assert.Contains($"\"{field}\"", text);
        }
        // The version read before the three enrolments is stale: each of them moved the count.
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PutAsJsonAsync($"{Api}/sessions/{session.Id}",
            new { startsAt = starts, minutes = 90, place = "民族街街道办四楼", capacity = 3, version = session.Version }, Json, Cancel)).StatusCode);

        var current = await DetailAsync(organiser, session.Id);
        var changed = await ReadAsync<SessionResponse>(await organiser.PutAsJsonAsync($"{Api}/sessions/{session.Id}",
            new { startsAt = starts, minutes = 90, place = "民族街街道办四楼", capacity = 3, version = current.Session.Version }, Json, Cancel), HttpStatusCode.OK);
        Assert.Equal(("民族街街道办四楼", 3, 0, starts.AddMinutes(90)), (changed.Place, changed.Capacity, changed.Free, changed.EndsAt));
        Assert.Equal(HttpStatusCode.Conflict, (await EnrolAsync(organiser, session.Id,
            await SecurityKit.CreateAccountAsync(app, "te.c3", "420103001002001", Roles.GridWorker))).StatusCode);

        await HoldAsync(app, session.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PutAsJsonAsync($"{Api}/sessions/{session.Id}",
            new { startsAt = starts, minutes = 90, place = "民族街街道办四楼", capacity = 10 }, Json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(organiser, $"/sessions/{session.Id}/cancel", new { })).StatusCode);
    }

    [Fact]
    public async Task CancelSession_FreesEveryone_ShowsCancelled_AndRefusesWhatFollows()
    {
        var (organiser, course) = await OrganiserAsync();
        using var _ = organiser;
        var session = await ScheduleAsync(organiser, course, "420103001", capacity: 5);
        var grid = await SecurityKit.CreateAccountAsync(app, "te.x", "420103001002001", Roles.GridWorker);
        using var staff = await app.ClientForAsync(grid, SecurityKit.Password);
        var own = await ReadAsync<EnrolmentResponse>(await EnrolAsync(staff, session.Id), HttpStatusCode.Created);
        await ReadAsync<EnrolmentResponse>(await EnrolAsync(organiser, session.Id,
            await SecurityKit.CreateAccountAsync(app, "te.y", "420103001002001", Roles.GridWorker)), HttpStatusCode.Created);
        // Only the organiser calls it off.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(staff, $"/sessions/{session.Id}/cancel", new { })).StatusCode);

        var cancelled = await ReadAsync<SessionResponse>(await PostAsync(organiser, $"/sessions/{session.Id}/cancel", new { }), HttpStatusCode.OK);

        Assert.True(cancelled.Cancelled);
        Assert.Equal((0, 5), (cancelled.Enrolled, cancelled.Free));
        var detail = await DetailAsync(organiser, session.Id);
        Assert.Equal(2, detail.Enrolments.Count);
        Assert.All(detail.Enrolments, e => Assert.True(e.Withdrawn));
        var listed = await staff.GetFromJsonAsync<List<SessionResponse>>($"{Api}/sessions", Json, Cancel);
        Assert.True(Assert.Single(listed!, s => s.Id == session.Id).Cancelled);
        var mine = await staff.GetFromJsonAsync<MyTraining>($"{Api}/mine", Json, Cancel);
        Assert.True(Assert.Single(mine!.Enrolments, e => e.Enrolment.Id == own.Id).Enrolment.Withdrawn);

        Assert.Equal(HttpStatusCode.Conflict, (await EnrolAsync(staff, session.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(organiser, $"/sessions/{session.Id}/cancel", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PutAsJsonAsync($"{Api}/sessions/{session.Id}",
            new { startsAt = DateTimeOffset.UtcNow.AddDays(4), minutes = 90, place = "改期", capacity = 5 }, Json, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Certificates_AreCorrected_AndRevokedWithAReason_AfterWhichTheyCompleteNothing()
    {
        var kind = "社会工作者继续教育合格证明" + Guid.NewGuid().ToString("N")[..4];
        var (organiser, course) = await OrganiserAsync(kind);
        using var _ = organiser;
        var worker = await SecurityKit.CreateAccountAsync(app, "te.sw", "420103001002", Roles.CommunityStaff);
        using var staff = await app.ClientForAsync(worker, SecurityKit.Password);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var number = "JH-" + Guid.NewGuid().ToString("N")[..8];
        var certificate = await ReadAsync<CertificateResponse>(await PostAsync(organiser, "/certificates",
            new { userName = worker, kind, number, issuedOn = today.AddDays(-30), expiresOn = today.AddDays(300) }), HttpStatusCode.Created);
        var other = await ReadAsync<CertificateResponse>(await PostAsync(organiser, "/certificates",
            new { userName = worker, kind, number = number + "B", issuedOn = today.AddDays(-30) }), HttpStatusCode.Created);

        var bad = await organiser.PutAsJsonAsync($"{Api}/certificates/{certificate.Id}", new { number = "", expiresOn = today.AddDays(-60) }, Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var text = await bad.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("\"number\"", text);
        Assert.Contains("\"expiresOn\"", text);
        var taken = await organiser.PutAsJsonAsync($"{Api}/certificates/{certificate.Id}", new { number = other.Number, expiresOn = today.AddDays(300) }, Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("\"number\"", await taken.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PutAsJsonAsync($"{Api}/certificates/{certificate.Id}",
            new { number = number + "C", expiresOn = today.AddDays(300) }, Json, Cancel)).StatusCode);
        var corrected = await ReadAsync<CertificateResponse>(await organiser.PutAsJsonAsync($"{Api}/certificates/{certificate.Id}",
            new { number = number + "C", expiresOn = today.AddDays(100), version = certificate.Version }, Json, Cancel), HttpStatusCode.OK);
        Assert.Equal((number + "C", today.AddDays(100)), (corrected.Number, corrected.ExpiresOn));
        // Another street's administrator does not find it.
        var foreign = await SecurityKit.CreateAccountAsync(app, "te.oth", "420103002", Roles.Admin);
        using var foreignClient = await app.ClientForAsync(foreign, SecurityKit.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(foreignClient, $"/certificates/{certificate.Id}/revoke", new { reason = "误录" })).StatusCode);

        // Both certificates complete the course until both are revoked; a revocation needs its reason and happens once.
        var noReason = await PostAsync(organiser, $"/certificates/{other.Id}/revoke", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("\"reason\"", await noReason.Content.ReadAsStringAsync(Cancel));
        await ReadAsync<CertificateResponse>(await PostAsync(organiser, $"/certificates/{other.Id}/revoke", new { reason = "编号重复录入" }), HttpStatusCode.OK);
        var mine = await staff.GetFromJsonAsync<MyTraining>($"{Api}/mine", Json, Cancel);
        Assert.True(Assert.Single(mine!.Required, r => r.CourseId == course.Id).Completed);
        var revoked = await ReadAsync<CertificateResponse>(await PostAsync(organiser, $"/certificates/{certificate.Id}/revoke",
            new { reason = "证书系伪造，经核实撤销", version = corrected.Version }), HttpStatusCode.OK);
        Assert.Equal((true, false, "证书系伪造，经核实撤销"), (revoked.Revoked, revoked.Valid, revoked.RevocationReason));
        mine = await staff.GetFromJsonAsync<MyTraining>($"{Api}/mine", Json, Cancel);
        var required = Assert.Single(mine!.Required, r => r.CourseId == course.Id);
        Assert.Equal((false, (DateOnly?)null), (required.Completed, required.ExpiredOn));
        Assert.Equal(2, mine.Certificates.Count(c => c.Kind == kind && c.Revoked));
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(organiser, $"/certificates/{certificate.Id}/revoke", new { reason = "再次撤销" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PutAsJsonAsync($"{Api}/certificates/{certificate.Id}",
            new { number = number + "D", expiresOn = today.AddDays(100) }, Json, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Creates_WithTheSameIdempotencyKey_AnswerTheFirstRecord_AndAnotherRequestWithItIs422()
    {
        var admin = await SecurityKit.CreateAccountAsync(app, "te.adm", "420103001", Roles.Admin);
        using var organiser = await app.ClientForAsync(admin, SecurityKit.Password);
        var code = Unique("K");
        var courseBody = new { jurisdictionCode = "420103001", code, name = "防汛应急值守（测试）", kind = "PolicyBusiness", hours = 3, requiredFor = Array.Empty<string>() };
        var courseKey = Guid.NewGuid().ToString();
        var course = await ReadAsync<CourseResponse>(await PostAsync(organiser, "/courses", courseBody, courseKey), HttpStatusCode.Created);
        Assert.Equal(course.Id, (await ReadAsync<CourseResponse>(await PostAsync(organiser, "/courses", courseBody, courseKey), HttpStatusCode.OK)).Id);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync(organiser, "/courses", courseBody with { hours = 4 }, courseKey)).StatusCode);
        // Without a key, the same code is taken.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(organiser, "/courses", courseBody)).StatusCode);

        var sessionBody = new { courseId = course.Id, jurisdictionCode = "420103001", startsAt = DateTimeOffset.UtcNow.AddDays(3), minutes = 60, place = "社区活动室", capacity = 5 };
        var sessionKey = Guid.NewGuid().ToString();
        var sessions = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync(organiser, "/sessions", sessionBody, sessionKey)));
        Assert.Equal(1, sessions.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(2, sessions.Count(r => r.StatusCode == HttpStatusCode.OK));
        var session = await ReadAsync<SessionResponse>(sessions.First(r => r.StatusCode == HttpStatusCode.Created), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync(organiser, "/sessions", sessionBody with { capacity = 6 }, sessionKey)).StatusCode);

        var grid = await SecurityKit.CreateAccountAsync(app, "te.k", "420103001002001", Roles.GridWorker);
        var enrolKey = Guid.NewGuid().ToString();
        var enrolment = await ReadAsync<EnrolmentResponse>(await PostAsync(organiser, $"/sessions/{session.Id}/enrolments", new { userName = grid }, enrolKey),
            HttpStatusCode.Created);
        Assert.Equal(enrolment.Id, (await ReadAsync<EnrolmentResponse>(await PostAsync(organiser, $"/sessions/{session.Id}/enrolments", new { userName = grid }, enrolKey),
            HttpStatusCode.OK)).Id);
        var another = await SecurityKit.CreateAccountAsync(app, "te.k2", "420103001002001", Roles.GridWorker);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync(organiser, $"/sessions/{session.Id}/enrolments", new { userName = another }, enrolKey)).StatusCode);
        Assert.Equal(1, (await DetailAsync(organiser, session.Id)).Session.Enrolled);

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var certificateBody = new { userName = grid, kind = "网格员资格", number = "K-" + Guid.NewGuid().ToString("N")[..10], issuedOn = today.AddDays(-1) };
        var certificateKey = Guid.NewGuid().ToString();
        var certificate = await ReadAsync<CertificateResponse>(await PostAsync(organiser, "/certificates", certificateBody, certificateKey), HttpStatusCode.Created);
        Assert.Equal(certificate.Id, (await ReadAsync<CertificateResponse>(await PostAsync(organiser, "/certificates", certificateBody, certificateKey),
            HttpStatusCode.OK)).Id);
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await PostAsync(organiser, "/certificates", certificateBody with { number = certificateBody.number + "X" }, certificateKey)).StatusCode);
        var tooLong = await PostAsync(organiser, "/certificates", certificateBody with { number = "K2" }, new string('k', 129));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("Idempotency-Key", await tooLong.Content.ReadAsStringAsync(Cancel));
    }
}
