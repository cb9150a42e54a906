using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Queries;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Audit;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases.Api;

public sealed class CaseWorkflowApiTests(GongzhiApp app)
{
    [Fact]
    public async Task Journey_EachStepByTheRightRole_EndsEvaluated_WithEveryActionOnTheTimeline()
    {
        using var a = await ActorsAsync(app);
        var id = await CaseInStateAsync(app, a, "closed");
        var evaluated = await DoAsync(a.Resident, id, "evaluate", new() { ["satisfaction"] = "satisfied", ["comment"] = "很快" });

        Assert.Equal(CaseState.Evaluated, evaluated.State);
        var cgj = await app.WithDbAsync(db => db.FindByCodeAsync("420103.cgj", Cancel));
        Assert.Equal(cgj!.Id, evaluated.LeadOrganisationId);
        var timeline = await a.Street.GetFromJsonAsync<List<CaseTimelineEntry>>($"/api/v1/cases/{id}/timeline", Json, Cancel);
        Assert.NotNull(timeline);
        Assert.Equal(["submit", "register", "dispatch", "accept", "resolve", "verify", "close", "evaluate"], timeline.Select(t => t.Action));
        var accept = timeline.Single(t => t.Action == "accept");
        Assert.Equal((cgj.Id, cgj.Name), (accept.ActorOrganisationId, accept.ActorOrganisationName));
        Assert.Equal("已清理油污", timeline.Single(t => t.Action == "resolve").Note);
    }

    [Fact]
    public async Task ReturnRejectReworkExtensionReopen_TakeTheirAlternativePaths()
    {
        using var a = await ActorsAsync(app);
        var id = await CaseInStateAsync(app, a, "dispatched");
        var returned = await DoAsync(a.Department, id, "return", new() { ["reason"] = "不属于城管职责" }, a.Street);
        Assert.Equal(CaseState.Registered, returned.State);
        Assert.Equal(1, returned.ReturnCount);
        await DoAsync(a.Street, id, "dispatch");
        await DoAsync(a.Department, id, "accept");
        var asked = await DoAsync(a.Department, id, "extend", new() { ["hours"] = 7, ["reason"] = "需要协调施工单位" });
        Assert.Equal(7, asked.PendingExtensionHours);
        var approved = await DoAsync(a.Street, id, "extension/approve");
        Assert.True(approved.Deadline > asked.Deadline);
        await DoAsync(a.Department, id, "extend", new() { ["hours"] = 7, ["reason"] = "再延一次" });
        Assert.Null((await DoAsync(a.Street, id, "extension/refuse", new() { ["reason"] = "不同意" })).PendingExtensionHours);
        await DoAsync(a.Department, id, "resolve", new() { ["note"] = "处理完毕" });
        var rework = await DoAsync(a.Resident, id, "rework", new() { ["reason"] = "还没清理干净" });
        Assert.Equal(1, rework.ReworkCount);
        await DoAsync(a.Department, id, "resolve", new() { ["note"] = "再次处理" });
        await DoAsync(a.Resident, id, "verify");
        await DoAsync(a.Street, id, "close");
        await DoAsync(a.Resident, id, "evaluate", new() { ["satisfaction"] = "dissatisfied" });
        var reopened = await DoAsync(a.Resident, id, "reopen", new() { ["reason"] = "又脏了" });
        Assert.Equal(CaseState.Registered, reopened.State);

        var other = (await SubmitAsync(app, a.Resident)).Id;
        Assert.Equal(CaseState.Rejected, (await DoAsync(a.Street, other, "reject", new() { ["kind"] = "invalid", ["reason"] = "无效" })).State);
    }

    [Fact]
    public async Task ReclassifyTransferMergeEscalateSupervise_ByTheirRoles()
    {
        using var a = await ActorsAsync(app);
        var id = (await SubmitAsync(app, a.Resident)).Id;
        var reclassified = await DoAsync(a.Street, id, "reclassify", new() { ["categoryCode"] = "0104", ["urgency"] = "urgent" });
        Assert.Equal(("0104", CaseUrgency.Urgent), (reclassified.CategoryCode, reclassified.Urgency));
        await DoAsync(a.Street, id, "register");
        Assert.Equal("District", (await DoAsync(a.Street, id, "escalate", new() { ["reason"] = "需区级协调" })).HandlingLevel);
        using var command = await app.ClientForAsync("command.420103");
        Assert.Equal(1, (await DoAsync(command, id, "supervise", new() { ["kind"] = "urge", ["note"] = "请尽快派遣" })).SupervisionCount);

        var (_, _, hualouGrid) = await PointInAsync(app, HuaLouJieStreet);
        var moved = await DoAsync(a.Street, id, "transfer", new() { ["toJurisdictionCode"] = hualouGrid, ["reason"] = "位置在花楼街" });
        Assert.Equal(hualouGrid, moved.GridCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Street.GetAsync($"/api/v1/cases/{id}", Cancel)).StatusCode);

        var master = (await SubmitAsync(app, a.Resident)).Id;
        using var neighbour = await app.ClientForAsync("resident2");
        var duplicate = (await SubmitAsync(app, neighbour)).Id;
        var merged = await DoAsync(a.Street, duplicate, "merge", new() { ["masterCaseId"] = master });
        Assert.Equal(CaseState.Merged, merged.State);
        // The duplicate's reporter now follows the master.
        Assert.Equal(master, (await GetAsync(neighbour, master)).Id);
    }

    public static TheoryData<string, string, string> WrongRoles() => new()
    {
        { "submitted", "register", "resident1" },
        { "submitted", "register", "grid.420103001002001" },
        { "dispatched", "accept", "street.420103001" },
        { "accepted", "resolve", "grid.420103001002001" },
        { "resolved", "verify", "community.420103001002" },
        { "verified", "close", "grid.420103001002001" },
        { "closed", "evaluate", "street.420103001" },
        { "submitted", "supervise", "street.420103001" },
        { "registered", "escalate", "grid.420103001002001" },
    };

    [Theory]
    [MemberData(nameof(WrongRoles))]
    public async Task Action_ByTheWrongRole_Returns403(string state, string action, string account)
    {
        using var a = await ActorsAsync(app);
        var id = await CaseInStateAsync(app, a, state);
        using var client = await app.ClientForAsync(account);
        var version = (await GetAsync(a.Street, id)).Version;
        var response = await ActAsync(client, id, action, new { version, note = "x", reason = "x", satisfaction = "satisfied" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public static TheoryData<string, string, string> ForeignCallers() => new()
    {
        { "submitted", "register", "street.420103002" },
        { "dispatched", "accept", "street.420103002" },
        { "resolved", "verify", "resident2" },
        { "closed", "evaluate", "resident2" },
        { "submitted", "register", "dept.420103.cgj" },
    };

    [Theory]
    [MemberData(nameof(ForeignCallers))]
    public async Task Action_OnACaseOutsideTheCallersSight_Returns404(string state, string action, string account)
    {
        using var a = await ActorsAsync(app);
        var id = await CaseInStateAsync(app, a, state);
        using var client = await app.ClientForAsync(account);
        var version = (await GetAsync(a.Street, id)).Version;
        var response = await ActAsync(client, id, action, new { version, reason = "x", satisfaction = "satisfied" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public static TheoryData<string, string, string> WrongStates() => new()
    {
        { "registered", "register", "street.420103001" },
        { "submitted", "dispatch", "street.420103001" },
        { "accepted", "accept", "dept.420103.cgj" },
        { "accepted", "return", "dept.420103.cgj" },
        { "dispatched", "close", "street.420103001" },
        { "resolved", "evaluate", "resident1" },
        { "accepted", "extension/approve", "street.420103001" },
        { "closed", "transfer", "street.420103001" },
    };

    [Theory]
    [MemberData(nameof(WrongStates))]
    public async Task Action_InAStateThatDoesNotAllowIt_Returns409WithTheRule(string state, string action, string account)
    {
        using var a = await ActorsAsync(app);
        var id = await CaseInStateAsync(app, a, state);
        using var client = await app.ClientForAsync(account);
        var version = (await GetAsync(a.Street, id)).Version;
        var response = await ActAsync(client, id, action, new { version, reason = "x", satisfaction = "satisfied", toJurisdictionCode = "420103002" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(" / ", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_WithAStaleVersion_Returns409_AndWithoutAVersion_Returns400()
    {
        using var a = await ActorsAsync(app);
        var id = (await SubmitAsync(app, a.Resident)).Id;
        var stale = (await GetAsync(a.Street, id)).Version;
        await DoAsync(a.Street, id, "reclassify", new() { ["urgency"] = "urgent" });

        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync(a.Street, id, "register", new { version = stale })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ActAsync(a.Street, id, "register", new { })).StatusCode);
    }

    [Fact]
    public async Task Accept_TwoAtOnce_ExactlyOneSucceeds_TheOtherGets409()
    {
        using var a = await ActorsAsync(app);
        var id = await CaseInStateAsync(app, a, "dispatched");
        var version = (await GetAsync(a.Street, id)).Version;
        using var second = await app.ClientForAsync("dept.420103.cgj");

        var responses = await Task.WhenAll(ActAsync(a.Department, id, "accept", new { version }), ActAsync(second, id, "accept", new { version }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        var accepts = await app.WithDbAsync(db => db.Set<CaseEvent>().CountAsync(e => e.CaseId == id && e.Action == "accept", Cancel));
        Assert.Equal(1, accepts);
    }

    [Fact]
    public async Task Dispatch_NotifiesTheLeadOrganisationsStaff()
    {
        using var a = await ActorsAsync(app);
        var id = await CaseInStateAsync(app, a, "dispatched");
        var inbox = await a.Department.GetFromJsonAsync<Gongzhi.Modules.Notifications.NotificationList>("/api/v1/notifications/?take=200", Json, Cancel);
        Assert.Contains(inbox!.Items, n => n.Kind == "case.dispatch" && n.Link == $"/cases/{id}");
    }

    [Fact]
    public async Task Detail_MasksTheReporter_AndTheRevealNeedsAPurpose_AndIsAudited()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var (lat, lon, _) = await PointInAsync(app, WanNianGrid);
        var response = await PostCaseAsync(street, new
        {
            categoryCode = "0103", title = "热线来电", description = "路面油污", lat, lon, channel = "hotline", reporterName = "张三",
            reporterPhone = "13812341234",
        });
        var id = (await response.Content.ReadFromJsonAsync<Gongzhi.Modules.Cases.Intake.CaseSubmitted>(Json, Cancel))!.Id;

        var detail = await GetAsync(street, id);
        Assert.Equal(("张*", "138****1234"), (detail.ReporterName, detail.ReporterPhone));
        Assert.Equal(HttpStatusCode.BadRequest, (await street.GetAsync($"/api/v1/cases/{id}/reporter", Cancel)).StatusCode);
        // Only a purpose of the fixed list, so that the audit log can be read and judged.
        Assert.Equal(HttpStatusCode.BadRequest, (await street.GetAsync($"/api/v1/cases/{id}/reporter?purpose=好奇", Cancel)).StatusCode);
        var revealed = await street.GetFromJsonAsync<ReporterDetails>($"/api/v1/cases/{id}/reporter?purpose=contact-resident", Json, Cancel);
        Assert.Equal(("张三", "13812341234"), (revealed!.Name, revealed.Phone));
        var reference = detail.Reference;
        var audited = await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Revealed && e.SubjectKey == reference
            && e.Actor == "street.420103001" && e.Detail == "reporter: contact-resident", Cancel));
        Assert.True(audited);

        using var community = await app.ClientForAsync("community.420103001002");
        Assert.Equal(HttpStatusCode.Forbidden, (await community.GetAsync($"/api/v1/cases/{id}/reporter?purpose=x", Cancel)).StatusCode);
        using var foreign = await app.ClientForAsync("street.420103002");
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"/api/v1/cases/{id}/reporter?purpose=x", Cancel)).StatusCode);
        using var admin = await app.ClientForAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/cases/{id}/reporter?purpose=case-handling", Cancel)).StatusCode);
    }
}
