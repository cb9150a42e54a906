using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Modules.Services.Catalogue;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Tests.Services;

public sealed class ApplicationRuleTests
{
    // Monday 30 November 2026, 09:00 in Wuhan; the calendar counts Monday to Friday (no holidays that fortnight).
    private static readonly DateTimeOffset Monday9 = new(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly WorkingCalendar Calendar = WorkingCalendar.ForDays([]);

    internal static ServiceItem Item(bool immediate = false, int promised = 5, ServiceLevel level = ServiceLevel.Street) =>
        ServiceItem.Create(new ServiceItemSpec("MZ-LS-01", "临时救助申请", ServiceItemKind.PublicService, level, null, 15, promised, immediate,
            [new ServiceMaterial("居民身份证", true, false, true)], "不收费", true, 1, "《社会救助暂行办法》", ["assistance"]), Monday9, "发布").Item;

    private static ServiceApplication Submitted(ServiceItem? item = null) =>
        ServiceApplication.Submit(item ?? Item(), "420103001", ApplicationChannel.Online, "u1", "u1", "居民一",
            new ProtectedApplicant("x", "张*", "x", "h", "420103********1234", "x", "h", "138****5678"), [], null, "R-1", Monday9.AddHours(-1));

    [Fact]
    public void Accept_SetsTheDueDate_ThePromisedWorkingDaysLater()
    {
        var application = Submitted();
        application.Accept("clerk", Monday9, Calendar, null);
        Assert.Equal(ApplicationState.Accepted, application.State);
        Assert.Equal(new DateOnly(2026, 12, 7), application.DueDate);
    }

    [Fact]
    public void RequestMaterials_AWeekWaiting_DoesNotCount_TheDueDateMovesByTheWorkingDaysWaited()
    {
        var application = Submitted();
        application.Accept("clerk", Monday9, Calendar, null);
        application.RequestMaterials("clerk", Monday9.AddDays(1), ["户口簿", " 户口簿 ", "收入证明"], null);
        Assert.Equal(ApplicationState.AwaitingMaterials, application.State);
        Assert.Equal(["户口簿", "收入证明"], application.Missing);
        // While the clock stands still the application is never overdue.
        Assert.False(application.IsOverdue(new DateOnly(2026, 12, 8)));

        // Supplied one week later, Tuesday to Tuesday: five working days did not count.
        application.Supply("居民一", Monday9.AddDays(8), Calendar, [], null, atWindow: false);
        Assert.Equal(ApplicationState.Accepted, application.State);
        Assert.Equal(5, application.StoppedWorkingDays);
        Assert.Equal(new DateOnly(2026, 12, 14), application.DueDate);
        Assert.Empty(application.Missing);
        Assert.False(application.IsOverdue(new DateOnly(2026, 12, 14)));
        Assert.True(application.IsOverdue(new DateOnly(2026, 12, 15)));
    }

    [Fact]
    public void RequestMaterials_WithoutAList_NamesTheField()
    {
        var application = Submitted();
        application.Accept("clerk", Monday9, Calendar, null);
        var e = Assert.Throws<FieldValidationException>(() => application.RequestMaterials("clerk", Monday9, [" "], null));
        Assert.Contains("missing", e.Errors.Keys);
        Assert.Equal(ApplicationState.Accepted, application.State);
    }

    [Fact]
    public void Actions_InTheWrongState_AreRefused()
    {
        var application = Submitted();
        Assert.Throws<RuleViolationException>(() => application.Approve("clerk", Monday9, Calendar, null));
        Assert.Throws<RuleViolationException>(() => application.Deliver("clerk", Monday9, null));
        Assert.Throws<RuleViolationException>(() => application.Supply("u1", Monday9, Calendar, [], null, atWindow: false));
        Assert.Throws<RuleViolationException>(() => application.RequestMaterials("clerk", Monday9, ["户口簿"], null));
        application.Accept("clerk", Monday9, Calendar, null);
        Assert.Throws<RuleViolationException>(() => application.Accept("clerk", Monday9, Calendar, null));
        Assert.Throws<RuleViolationException>(() => application.NotAccept("clerk", Monday9, "材料不全"));
        application.RequestMaterials("clerk", Monday9, ["户口簿"], null);
        Assert.Throws<RuleViolationException>(() => application.Approve("clerk", Monday9, Calendar, null));
        Assert.Equal(ApplicationState.AwaitingMaterials, application.State);
    }

    [Fact]
    public void NotAcceptAndRefuse_WithoutAReason_NameTheReason()
    {
        var application = Submitted();
        Assert.Contains("reason", Assert.Throws<FieldValidationException>(() => application.NotAccept("clerk", Monday9, " ")).Errors.Keys);
        application.Accept("clerk", Monday9, Calendar, null);
        Assert.Contains("reason", Assert.Throws<FieldValidationException>(() => application.Refuse("clerk", Monday9, Calendar, null)).Errors.Keys);
        application.Refuse("clerk", Monday9, Calendar, "不符合条件");
        Assert.Equal(ApplicationState.Refused, application.State);
        application.Deliver("clerk", Monday9, null);
        Assert.Equal(ApplicationState.Delivered, application.State);
    }

    [Fact]
    public void Approve_AnImmediateItem_AcceptsAndApprovesInOneStep()
    {
        var application = Submitted(Item(immediate: true, promised: 1));
        application.Approve("clerk", Monday9, Calendar, null);
        Assert.Equal(ApplicationState.Approved, application.State);
        Assert.Equal(new DateOnly(2026, 11, 30), application.DueDate);
        Assert.Equal([ApplicationActions.Submit, ApplicationActions.Accept, ApplicationActions.Approve], application.Steps.Select(s => s.Action));
    }

    [Fact]
    public void Evaluate_Once_AfterADecision_ABadRatingOpensAFollowUp()
    {
        var application = Submitted();
        Assert.Throws<RuleViolationException>(() => application.Evaluate("u1", Monday9, Calendar, 5, null, 5));
        application.Accept("clerk", Monday9, Calendar, null);
        application.Approve("clerk", Monday9, Calendar, null);
        Assert.Contains("level", Assert.Throws<FieldValidationException>(() => application.Evaluate("u1", Monday9, Calendar, 6, null, 5)).Errors.Keys);

        application.Evaluate("u1", Monday9, Calendar, 2, "等了很久", 5);
        Assert.True(application.FollowUpOpen);
        Assert.Equal(new DateOnly(2026, 12, 7), application.FollowUpDue);
        Assert.Throws<RuleViolationException>(() => application.Evaluate("u1", Monday9, Calendar, 5, null, 5));

        application.CloseFollowUp("clerk", Monday9.AddDays(1), Calendar, "已电话回访，窗口增加引导员。");
        Assert.False(application.FollowUpOpen);
        Assert.Throws<RuleViolationException>(() => application.CloseFollowUp("clerk", Monday9, Calendar, "again"));
    }

    [Fact]
    public void ForgetApplicantsComment_RemovesTheCommentFromTheRowAndTheTimeline_KeepsTheRatingAndTheFollowUp()
    {
        var application = Submitted();
        application.Accept("clerk", Monday9, Calendar, null);
        application.Approve("clerk", Monday9, Calendar, null);
        application.Evaluate("u1", Monday9, Calendar, 2, "窗口的王姐态度差", 5);

        application.ForgetApplicantsComment();

        Assert.Null(application.RatingComment);
        Assert.Equal(2, application.Rating);
        Assert.True(application.FollowUpOpen);
        Assert.DoesNotContain(application.Steps, s => s.Note?.Contains("王姐", StringComparison.Ordinal) == true);
        Assert.Equal("2", application.Steps.Single(s => s.Action == ApplicationActions.Evaluate).Note);
    }

    [Fact]
    public void Evaluate_AGoodRating_OpensNoFollowUp()
    {
        var application = Submitted(Item(immediate: true));
        application.Approve("clerk", Monday9, Calendar, null);
        application.Evaluate("u1", Monday9, Calendar, 4, null, 5);
        Assert.Null(application.FollowUpDue);
        Assert.Throws<RuleViolationException>(() => application.CloseFollowUp("clerk", Monday9, Calendar, "x"));
    }

    [Theory]
    [InlineData("420103198003151234", true)]
    [InlineData("420103198003151235", false)] // wrong check digit
    [InlineData("11010519491231002x", true)] // X as the check character, lower-case
    [InlineData("420103198002301234", false)] // 30 February
    [InlineData("42010319800315123", false)]
    public void IdNumber_CheckDigit(string number, bool valid) => Assert.Equal(valid, IdNumbers.IsValid(number));

    [Fact]
    public void Devolve_MovesAnItemDownAsANewVersion()
    {
        var item = Item(level: ServiceLevel.District);
        var version = item.Devolve(ServiceLevel.Street, Monday9, "能下尽下：下放街道办理");
        Assert.Equal(2, item.VersionNumber);
        Assert.Equal(ServiceLevel.Street, version.Level);
        Assert.Equal(2, version.Number);
        Assert.Throws<RuleViolationException>(() => item.Devolve(ServiceLevel.District, Monday9, "上收"));
        Assert.Null(item.Change(item.Spec() with { Fees = "免费" }, Monday9, ""));
    }
}
