using System.Globalization;
using System.Text.Json;
using Gongzhi.Modules.Cases;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using static Gongzhi.Tests.Cases.CaseScenarios;

namespace Gongzhi.Tests.Cases;

public sealed class CaseRuleTests
{
    [Fact]
    public void Submit_RecordsTheReportAndTheRegisterDeadline()
    {
        var c = Submitted();

        Assert.Equal(CaseState.Submitted, c.State);
        Assert.Equal("0101", c.CategoryCode);
        Assert.Equal(Grid, c.JurisdictionCode);
        Assert.Equal(CaseStep.Register, c.DeadlineStep);
        Assert.Equal(Now.AddHours(4), c.Deadline);
        Assert.Equal(JurisdictionLevel.Street, c.HandlingLevel);
        Assert.Equal(7, c.Id.Version);
        var line = Assert.Single(c.Events);
        Assert.Equal(CaseActions.Submit, line.Action);
        Assert.Equal(Grid, line.JurisdictionCode);
    }

    [Fact]
    public void Submit_Anonymous_KeepsNoNameOrPhone()
    {
        var c = Case.Submit(new CaseIntake(CaseUrgency.Normal, "垃圾", "路口垃圾", 30.58, 114.27, null, Grid, CaseChannel.Web,
            "u-1", new ProtectedValue("secret-name", null, "张*"), new ProtectedValue("secret-phone", "hash", "138****1234"), Anonymous: true),
            Rubbish, NextReference(), CaseActor.System, Now, Now.AddHours(4));

        Assert.True(c.Anonymous);
        Assert.All(new[] { c.ReporterNameProtected, c.ReporterNameMasked, c.ReporterPhoneProtected, c.ReporterPhoneMasked }, Assert.Null);
        Assert.Equal("u-1", c.ReporterUserId);
    }

    [Fact]
    public void Submit_AnonymousWhereTheCategoryForbidsIt_Throws()
    {
        var error = Assert.Throws<FieldValidationException>(() => Case.Submit(
            new CaseIntake(CaseUrgency.Normal, "渣土", "路边渣土", 30.58, 114.27, null, Grid, CaseChannel.Web, Anonymous: true),
            Spoil, NextReference(), CaseActor.System, Now, Now.AddHours(4)));
        Assert.Contains("匿名", error.For("anonymous"), StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_UnderAMajorCategory_Throws()
    {
        var major = CaseCategory.Create("01", null, "市容环境", "City appearance", [], true, 50, 72, Limits);
        var error = Assert.Throws<FieldValidationException>(() => Case.Submit(
            new CaseIntake(CaseUrgency.Normal, "垃圾", "路口垃圾", 30.58, 114.27, null, Grid, CaseChannel.Web),
            major, NextReference(), CaseActor.System, Now, Now.AddHours(4)));
        Assert.NotNull(error.For("categoryCode"));
    }

    [Theory]
    [InlineData("", "描述", 30.5, 114.2, null, "title")]
    [InlineData("标题", " ", 30.5, 114.2, null, "description")]
    [InlineData("标题", "描述", 95.0, 114.2, null, "location")]
    [InlineData("标题", "描述", 30.5, null, null, "location")]
    [InlineData("标题", "描述", null, null, null, "location")]
    public void Submit_WithInvalidInput_NamesTheField(string title, string description, double? lat, double? lon, string? address, string field)
    {
        var error = Assert.Throws<FieldValidationException>(() => Case.Submit(
            new CaseIntake(CaseUrgency.Normal, title, description, lat, lon, address, Grid, CaseChannel.Hotline),
            Rubbish, "420103-20261126-000001", CaseActor.System, Now, Now.AddHours(4)));
        Assert.Equal([field], error.Errors.Keys);
    }

    [Theory]
    [InlineData("4201030", "420103-20261126-000001")]
    [InlineData(Grid, "420103-2026-1126-0001")]
    public void Submit_WithAMalformedPlaceOrReference_Throws(string code, string reference)
    {
        Assert.Throws<RuleViolationException>(() => Case.Submit(
            new CaseIntake(CaseUrgency.Normal, "标题", "描述", 30.5, 114.2, null, code, CaseChannel.Hotline),
            Rubbish, reference, CaseActor.System, Now, Now.AddHours(4)));
    }

    [Fact]
    public void Submit_WithAddressOnly_IsAccepted()
    {
        var c = Case.Submit(new CaseIntake(CaseUrgency.Urgent, "垃圾", "来电反映路口垃圾", null, null, "民族街万年社区", Grid, CaseChannel.Hotline,
            null, CaseScenarios.Name("李四"), CaseScenarios.Phone("02785551234")), Rubbish, NextReference(), CaseActor.System, Now, Now.AddHours(2));
        Assert.Null(c.Latitude);
        Assert.Equal(CaseChannel.Hotline, c.Channel);
    }

    [Fact]
    public void Submit_NormalisesAndChecksTheCategoryAttributes()
    {
        var ok = Case.Submit(new CaseIntake(CaseUrgency.Normal, "垃圾", "路口垃圾", 30.5, 114.2, null, Grid, CaseChannel.Web,
            Attributes: new Dictionary<string, string> { ["volume"] = "少量" }), Rubbish, NextReference(), CaseActor.System, Now, Now.AddHours(4));
        Assert.Equal("少量", ok.Attributes["volume"]);

        var error = Assert.Throws<FieldValidationException>(() => Case.Submit(new CaseIntake(CaseUrgency.Normal, "垃圾", "路口垃圾", 30.5, 114.2, null, Grid,
            CaseChannel.Web, Attributes: new Dictionary<string, string> { ["volume"] = "很多" }), Rubbish, NextReference(), CaseActor.System, Now,
            Now.AddHours(4)));
        Assert.NotNull(error.For("attributes.volume"));
    }

    [Fact]
    public void CheckAttributes_ReportsEachFieldByItsLabel_InTheUsersLanguage()
    {
        var culture = CultureInfo.CurrentUICulture;
        var category = CaseCategory.Create("0702", "07", "电梯故障", "Lift breakdown", ["电梯"], false, 30, 168, Limits,
        [
            new CategoryAttribute("peopleTrapped", "是否困人", "People trapped", AttributeType.Boolean, true),
            new CategoryAttribute("floors", "楼层", "Floors", AttributeType.Number, false),
        ]);

        var bad = new Dictionary<string, string> { ["floors"] = "十二", ["colour"] = "red" };
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            var (values, errors) = category.CheckAttributes(bad);
            Assert.Empty(values);
            Assert.Equal(["colour", "floors", "peopleTrapped"], errors.Keys.Order());
            Assert.Equal("Floors must be a number.", errors["floors"][0]);
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            Assert.Equal("楼层应为数字。", category.CheckAttributes(bad).Errors["floors"][0]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
        var (good, none) = category.CheckAttributes(new Dictionary<string, string> { ["peopleTrapped"] = "True", ["floors"] = "12" });
        Assert.Empty(none);
        Assert.Equal("true", good["peopleTrapped"]);
        Assert.Equal("12", good["floors"]);
    }

    [Fact]
    public void Return_CountsABounceAndClearsTheOrganisations()
    {
        var c = Dispatched();
        c.Return(Department, Now, "不属于本单位职责", Now.AddHours(2));
        c.Dispatch(Dispatcher, Now, AssistingOrganisation, [], Now.AddHours(2), Now.AddHours(24));
        c.Return(Department, Now, "也不属于我们", Now.AddHours(2));

        Assert.Equal(2, c.ReturnCount);
        Assert.Equal(2, c.HandOffCount);
        Assert.Null(c.LeadOrganisationId);
        Assert.Empty(c.AssistingOrganisationIds);
        Assert.Equal(CaseStep.Dispatch, c.DeadlineStep);
        Assert.Contains(LeadOrganisation.ToString(), c.Events.First(e => e.Action == CaseActions.Return).Data, StringComparison.Ordinal);
    }

    [Fact]
    public void Return_WithoutReason_Throws()
    {
        var c = Dispatched();
        Assert.Throws<RuleViolationException>(() => c.Return(Department, Now, "  ", Now.AddHours(2)));
        Assert.Equal(CaseState.Dispatched, c.State);
        Assert.Equal(0, c.ReturnCount);
    }

    [Fact]
    public void Reject_NeedsAReasonAndKeepsTheKind()
    {
        var c = Submitted();
        Assert.Throws<RuleViolationException>(() => c.Reject(Dispatcher, Now, RejectionKind.Duplicate, ""));
        c.Reject(Dispatcher, Now, RejectionKind.Duplicate, "与 420103-20261126-000001 重复");
        Assert.Equal(RejectionKind.Duplicate, c.RejectionKind);
        Assert.Null(c.Deadline);
    }

    [Fact]
    public void Dispatch_KeepsLeadOutOfAssistingAndSetsBothDeadlines()
    {
        var c = Registered();
        c.Dispatch(Dispatcher, Now, LeadOrganisation, [LeadOrganisation, AssistingOrganisation, AssistingOrganisation], Now.AddHours(2), Now.AddHours(24));

        Assert.Equal([AssistingOrganisation], c.AssistingOrganisationIds);
        Assert.Equal(Now.AddHours(2), c.Deadline);
        Assert.Equal(CaseStep.Accept, c.DeadlineStep);
        Assert.Equal(Now.AddHours(24), c.ResolveDeadline);
        Assert.Equal(1, c.HandOffCount);

        c.Accept(Department, Now);
        Assert.Equal(Now.AddHours(24), c.Deadline);
        Assert.Equal(CaseStep.Resolve, c.DeadlineStep);
    }

    [Fact]
    public void Dispatch_WithDeadlinesInThePastOrOutOfOrder_Throws()
    {
        var c = Registered();
        Assert.Throws<RuleViolationException>(() => c.Dispatch(Dispatcher, Now, LeadOrganisation, null, Now, Now.AddHours(24)));
        Assert.Throws<RuleViolationException>(() => c.Dispatch(Dispatcher, Now, LeadOrganisation, null, Now.AddHours(4), Now.AddHours(2)));
        Assert.Throws<RuleViolationException>(() => c.Dispatch(Dispatcher, Now, Guid.Empty, null, Now.AddHours(2), Now.AddHours(24)));
        Assert.Equal(CaseState.Registered, c.State);
    }

    [Fact]
    public void Rework_IsCountedAndClearsTheResolution()
    {
        var c = Resolved();
        c.Rework(Dispatcher, Now, "现场仍有垃圾", Now.AddHours(8));
        c.Resolve(Department, Now, "再次清运", [], Now.AddHours(8));
        c.Rework(Dispatcher, Now, "仍未清理干净", Now.AddHours(8));

        Assert.Equal(2, c.ReworkCount);
        Assert.Equal(CaseState.Accepted, c.State);
        Assert.Null(c.ResolvedAt);
        Assert.Equal(CaseStep.Resolve, c.DeadlineStep);
    }

    [Fact]
    public void Extension_OnePendingAtATime_ApprovalMovesTheDeadlineAndCounts()
    {
        var c = Accepted();
        c.RequestExtension(Department, Now, 16, "需要协调");
        Assert.Throws<RuleViolationException>(() => c.RequestExtension(Department, Now, 8, "再申请"));

        c.ApproveExtension(Dispatcher, Now, Now.AddHours(48));

        Assert.Equal(1, c.ExtensionCount);
        Assert.Equal(Now.AddHours(48), c.Deadline);
        Assert.Equal(Now.AddHours(48), c.ResolveDeadline);
        Assert.Null(c.PendingExtensionHours);

        c.RequestExtension(Department, Now, 8, "还需时间");
        c.RefuseExtension(Dispatcher, Now, "理由不充分");
        Assert.Equal(1, c.ExtensionCount);
        Assert.Equal(Now.AddHours(48), c.Deadline);
        Assert.Null(c.PendingExtensionReason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    [InlineData(241)]
    public void Extension_OutOfRange_Throws(double hours)
    {
        var c = Accepted();
        Assert.Throws<RuleViolationException>(() => c.RequestExtension(Department, Now, hours, "理由"));
        Assert.Null(c.PendingExtensionHours);
    }

    [Fact]
    public void ApproveExtension_ThatDoesNotMoveTheDeadlineLater_Throws()
    {
        var c = AcceptedWithPendingExtension();
        Assert.Throws<RuleViolationException>(() => c.ApproveExtension(Dispatcher, Now, Now.AddHours(24)));
        Assert.Equal(0, c.ExtensionCount);
        Assert.NotNull(c.PendingExtensionHours);
    }

    [Fact]
    public void Resolve_WithAPendingExtension_WithdrawsIt()
    {
        var c = AcceptedWithPendingExtension();
        c.Resolve(Department, Now, "已处置", [], Now.AddHours(8));
        Assert.Null(c.PendingExtensionHours);
        Assert.Equal(0, c.ExtensionCount);
    }

    [Fact]
    public void Transfer_MovesTheCaseAndCountsAHandOff()
    {
        var c = Dispatched();
        c.Transfer(Dispatcher, Now, OtherGrid, "位置属于花楼街", Now.AddHours(4));

        Assert.Equal(CaseState.Submitted, c.State);
        Assert.Equal(OtherGrid, c.JurisdictionCode);
        Assert.Null(c.LeadOrganisationId);
        Assert.Equal(2, c.HandOffCount);
        var line = c.Events[^1];
        Assert.Equal(Grid, line.JurisdictionCode);
        using var data = JsonDocument.Parse(line.Data!);
        Assert.Equal(Grid, data.RootElement.GetProperty("from").GetString());
        Assert.Equal(OtherGrid, data.RootElement.GetProperty("to").GetString());
    }

    [Fact]
    public void Transfer_ToItsOwnJurisdictionOrAMalformedCode_Throws()
    {
        var c = Registered();
        Assert.Throws<RuleViolationException>(() => c.Transfer(Dispatcher, Now, Grid, "理由", Now.AddHours(4)));
        Assert.Throws<RuleViolationException>(() => c.Transfer(Dispatcher, Now, "1234", "理由", Now.AddHours(4)));
        Assert.Equal(0, c.HandOffCount);
    }

    [Fact]
    public void MergeInto_EndsTheDuplicateAndTheMasterGainsItsFollowers()
    {
        var master = Registered();
        var duplicate = Submitted("u-neighbour");
        duplicate.AddFollowers(["u-watcher", "u-resident"]);

        duplicate.MergeInto(master, Dispatcher, Now, "同一地点同一问题");

        Assert.Equal(CaseState.Merged, duplicate.State);
        Assert.Equal(master.Id, duplicate.MasterCaseId);
        Assert.Null(duplicate.Deadline);
        // The master's own reporter is not listed twice.
        Assert.Equal(["u-watcher", "u-neighbour"], master.FollowerUserIds);
        Assert.Equal(CaseActions.MergedIn, master.Events[^1].Action);
        Assert.Equal(CaseState.Registered, master.State);
    }

    [Fact]
    public void MergeInto_ItselfOrAFinishedMaster_Throws()
    {
        var c = Registered();
        Assert.Throws<RuleViolationException>(() => c.MergeInto(c, Dispatcher, Now));
        Assert.Throws<RuleViolationException>(() => c.MergeInto(Closed(), Dispatcher, Now));
        Assert.Throws<RuleViolationException>(() => c.MergeInto(Rejected(), Dispatcher, Now));
        Assert.Equal(CaseState.Registered, c.State);
    }

    [Fact]
    public void Escalate_ClimbsStreetDistrictCityThenStops()
    {
        var c = Registered();
        c.Escalate(Dispatcher, Now, "需要区级协调");
        Assert.Equal(JurisdictionLevel.District, c.HandlingLevel);
        c.Escalate(Dispatcher, Now, "需要市级协调");
        Assert.Equal(JurisdictionLevel.City, c.HandlingLevel);
        Assert.Throws<RuleViolationException>(() => c.Escalate(Dispatcher, Now, "再上报"));
        Assert.Equal(JurisdictionLevel.City, c.HandlingLevel);
    }

    [Fact]
    public void Supervise_CountsEveryNotice()
    {
        var c = Accepted();
        c.Supervise(Dispatcher, Now, SupervisionKind.Urge, "请尽快办理");
        c.Supervise(Dispatcher, Now, SupervisionKind.Supervise, "区指挥中心督办");
        Assert.Equal(2, c.SupervisionCount);
        Assert.Throws<RuleViolationException>(() => c.Supervise(Dispatcher, Now, SupervisionKind.Urge, ""));
    }

    [Fact]
    public void Reopen_OnlyOnce()
    {
        var c = Evaluated(Satisfaction.Dissatisfied);
        c.Reopen(Dispatcher, Now, "问题仍然存在", Now.AddHours(2));
        Assert.Equal(1, c.ReopenCount);
        Assert.Null(c.Satisfaction);
        Assert.Null(c.ClosedAt);
        Assert.Equal(CaseStep.Dispatch, c.DeadlineStep);

        c.Dispatch(Dispatcher, Now, LeadOrganisation, [], Now.AddHours(2), Now.AddHours(24));
        c.Accept(Department, Now);
        c.Resolve(Department, Now, "再次处置", [], Now.AddHours(8));
        c.Verify(Dispatcher, Now);
        c.Close(Dispatcher, Now);
        c.Evaluate(Dispatcher, Now, Satisfaction.Dissatisfied);

        var error = Assert.Throws<RuleViolationException>(() => c.Reopen(Dispatcher, Now, "还是不满意", Now.AddHours(2)));
        Assert.Contains("一次", error.Message, StringComparison.Ordinal);
        Assert.Equal(CaseState.Evaluated, c.State);
        Assert.Equal(1, c.ReopenCount);
    }

    [Fact]
    public void Reopen_AfterASatisfiedVerdict_Throws()
    {
        var c = Evaluated(Satisfaction.BasicallySatisfied);
        var error = Assert.Throws<RuleViolationException>(() => c.Reopen(Dispatcher, Now, "想重新办理", Now.AddHours(2)));
        Assert.Contains("不满意", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkOverdue_FiresOncePerDeadline()
    {
        var c = Dispatched();
        Assert.False(c.MarkOverdue(Now.AddHours(1)));
        Assert.True(c.MarkOverdue(Now.AddHours(3)));
        Assert.False(c.MarkOverdue(Now.AddHours(4)));
        Assert.True(c.Overdue);
        Assert.Equal(Now.AddHours(3), c.OverdueMarkedAt);
        Assert.Single(c.Events, e => e.Action == CaseActions.Overdue);

        // A new step has a new deadline and starts on time.
        c.Accept(Department, Now.AddHours(4));
        Assert.False(c.Overdue);
        Assert.True(c.MarkOverdue(Now.AddHours(25)));
        Assert.False(Closed().MarkOverdue(Now.AddYears(1)));
    }

    [Fact]
    public void FullJourney_KeepsEveryTimestampAndAnOrderedTimeline()
    {
        var c = Closed();
        c.Evaluate(CaseActor.System with { Name = "resident1", UserId = "u-resident" }, Now, Satisfaction.Satisfied);

        Assert.NotNull(c.RegisteredAt);
        Assert.NotNull(c.DispatchedAt);
        Assert.NotNull(c.AcceptedAt);
        Assert.NotNull(c.ResolvedAt);
        Assert.NotNull(c.VerifiedAt);
        Assert.NotNull(c.ClosedAt);
        Assert.NotNull(c.EvaluatedAt);
        Assert.Equal(
            [CaseActions.Submit, CaseActions.Register, CaseActions.Dispatch, CaseActions.Accept, CaseActions.Resolve, CaseActions.Verify,
             CaseActions.Close, CaseActions.Evaluate],
            c.Events.Select(e => e.Action));
        Assert.Equal(Department.OrganisationId, c.Events.Single(e => e.Action == CaseActions.Accept).ActorOrganisationId);
    }

    [Fact]
    public void CaseActor_FromCaller_TakesNameUserAndOrganisation()
    {
        var organisation = Guid.CreateVersion7();
        var caller = new Caller("u-7", "street.420103001", "420103001", new HashSet<string>(), organisation.ToString(), null, false);
        Assert.Equal(new CaseActor("street.420103001", "u-7", organisation), CaseActor.From(caller));
        Assert.Equal("system", CaseActor.From(Caller.System).Name);
    }
}
