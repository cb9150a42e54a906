using Gongzhi.Modules.SocialForces.Incubation;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Tests.SocialForces;

/// <summary>The incubation record's own rules, without a database: its stages, support only in incubation, graduation's threshold.</summary>
public sealed class IncubationRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static IncubationRecord Applied()
    {
        var incubator = IncubationBase.Open("民族街社区社会组织孵化园", "420103001", "万年社区党群服务中心二楼", 4, null, Now);
        return IncubationRecord.Apply(incubator, Guid.NewGuid(), "民族街邻里互助志愿服务队", "420103001002", "需要场地", null, null, Now);
    }

    private static CapacityAssessment Assessed(IncubationRecord record, int each, int publicTrust) =>
        record.Assess(Today, Today, "江汉区社会组织服务中心", new CapacityScores.Input(each, each, each, each, publicTrust), null, "测试", null, null, Now);

    [Fact]
    public void Stages_MoveOnlyForward_AndAWrongMoveIsARuleViolation()
    {
        var record = Applied();
        Assert.Throws<RuleViolationException>(() => record.Graduate([], 18, null, Now));
        Assert.Throws<RuleViolationException>(() => record.GiveSupport(SupportKind.Space, Today, Today, "工位", null, "测试", null, null, Now));

        record.Admit(null, "陈思远", Now);
        Assert.Equal(IncubationStage.Incubating, record.Stage);
        Assert.Equal("陈思远", record.MentorName);
        Assert.Throws<RuleViolationException>(() => record.Admit(null, "黄静", Now));

        record.Leave("负责人工作调动", Now);
        Assert.Equal(IncubationStage.Left, record.Stage);
        Assert.Throws<RuleViolationException>(() => record.Leave("再次退出", Now));
        Assert.Throws<RuleViolationException>(() => Assessed(record, 4, 4));
    }

    [Fact]
    public void Admit_WithoutAMentor_AndLeave_WithoutAReason_NameTheirFields()
    {
        var record = Applied();
        Assert.Contains("mentor", Assert.Throws<FieldValidationException>(() => record.Admit(null, " ", Now)).Errors.Keys);
        Assert.Contains("reason", Assert.Throws<FieldValidationException>(() => record.Leave("", Now)).Errors.Keys);
        Assert.Equal(IncubationStage.Applied, record.Stage);
    }

    [Fact]
    public void Graduate_NeedsAnAssessmentAtOrAboveTheThreshold()
    {
        var record = Applied();
        record.Admit(null, "陈思远", Now);
        var below = Assessed(record, 3, 5);
        Assert.Equal(17, below.Total);
        Assert.Throws<RuleViolationException>(() => record.Graduate([below], 18, null, Now));
        // Another record's assessment does not count for this one.
        var other = Applied();
        Assert.Throws<RuleViolationException>(() => record.Graduate([below, Assessed(other, 4, 4)], 18, null, Now));

        var reaching = Assessed(record, 4, 2);
        Assert.Equal(18, reaching.Total);
        record.Graduate([below, reaching], 18, "已独立承接项目", Now);
        Assert.Equal(IncubationStage.Graduated, record.Stage);
    }

    [Fact]
    public void Support_OnlyFundsCarryAnAmount_AndScoresOutOfRangeNameTheirDimension()
    {
        var record = Applied();
        record.Admit(null, "陈思远", Now);
        Assert.Contains("amount", Assert.Throws<FieldValidationException>(() =>
            record.GiveSupport(SupportKind.Space, Today, Today, "工位", 100m, "测试", null, null, Now)).Errors.Keys);
        Assert.Contains("amount", Assert.Throws<FieldValidationException>(() =>
            record.GiveSupport(SupportKind.Funds, Today, Today, "启动资金", null, "测试", null, null, Now)).Errors.Keys);
        Assert.Contains("on", Assert.Throws<FieldValidationException>(() =>
            record.GiveSupport(SupportKind.Training, Today.AddDays(1), Today, "培训", null, "测试", null, null, Now)).Errors.Keys);
        Assert.Equal(500_000, record.GiveSupport(SupportKind.Funds, Today, Today, "启动资金", 5_000m, "测试", null, null, Now).Amount);

        var errors = Assert.Throws<FieldValidationException>(() => record.Assess(Today, Today, "专家", new CapacityScores.Input(0, 3, 6, null, 3), null,
            "测试", null, null, Now)).Errors;
        Assert.Equal(["governance", "people", "projects"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Trend_ComparesTheFirstAssessmentWithTheLatest()
    {
        var record = Applied();
        var first = record.Assess(Today.AddMonths(-6), Today, "专家", new CapacityScores.Input(2, 2, 3, 2, 3), null, "测试", null, null, Now);
        var latest = record.Assess(Today, Today, "专家", new CapacityScores.Input(4, 4, 4, 3, 4), null, "测试", null, null, Now);
        var middle = record.Assess(Today.AddMonths(-3), Today, "专家", new CapacityScores.Input(3, 3, 4, 3, 4), null, "测试", null, null, Now);

        var trend = CapacityTrend.Of([latest, first, middle])!;
        Assert.Equal(12, trend.First.Total);
        Assert.Equal(19, trend.Latest.Total);
        Assert.Equal(7, trend.Change);
        Assert.Equal(2, trend.ChangeOf("finance"));
        Assert.Null(CapacityTrend.Of([first]));
    }
}
