using Gongzhi.Modules.Conferences;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Tests.Conferences;

public sealed class ConferenceRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 2, 0, 0, TimeSpan.Zero);

    private static ConferenceBody Street() => ConferenceBody.Create("民族街街道区域化党建联席会议", "420103001", null, null);

    private static Meeting OpenMeeting(ConferenceBody body)
    {
        var meeting = Meeting.Schedule(body, MeetingKind.Planned, "月度联席会议", Now, "会议室");
        meeting.Open(Now, Zones.Wuhan);
        return meeting;
    }

    private static ConferenceTask Task(Resolution resolution, ConferenceTask? parent, decimal weight, decimal progress)
    {
        var task = ConferenceTask.Assign(resolution, parent, "任务", Guid.NewGuid(), null, "420103001", "420103001", Now.AddDays(10), weight);
        if (progress > 0)
        {
            task.Report(progress, null, [], "t", false, Now);
        }
        return task;
    }

    [Fact]
    public void Open_BeforeTheDayItIsSetFor_IsRefused_OnItsDayInChinaItOpens()
    {
        // Set for 01:00 on 2 September in Wuhan, which is still 1 September in UTC.
        var meeting = Meeting.Schedule(Street(), MeetingKind.Planned, "月度联席会议", new DateTimeOffset(2026, 9, 1, 17, 0, 0, TimeSpan.Zero), null);

        Assert.Throws<RuleViolationException>(() => meeting.Open(new DateTimeOffset(2026, 9, 1, 15, 59, 0, TimeSpan.Zero), Zones.Wuhan));
        Assert.Equal(MeetingState.Planned, meeting.State);
        meeting.Open(new DateTimeOffset(2026, 9, 1, 16, 0, 0, TimeSpan.Zero), Zones.Wuhan);
        Assert.Equal(MeetingState.Open, meeting.State);
    }

    [Fact]
    public void Adopt_OnlyWhileTheMeetingSits()
    {
        var planned = Meeting.Schedule(Street(), MeetingKind.Planned, "月度联席会议", Now, null);
        Assert.Throws<RuleViolationException>(() => Resolution.Adopt(planned, "整治", Now));
        var meeting = OpenMeeting(Street());
        Resolution.Adopt(meeting, "整治", Now);
        meeting.RecordMinutes("议定事项如下。");
        meeting.Close(Now);
        Assert.Throws<RuleViolationException>(() => Resolution.Adopt(meeting, "会后补充", Now));
    }

    [Fact]
    public void Close_WithoutMinutes_IsRefused_AndWithMinutesCloses()
    {
        var meeting = OpenMeeting(Street());
        Assert.Throws<RuleViolationException>(() => meeting.Close(Now));
        meeting.RecordMinutes("议定事项如下。");
        meeting.Close(Now);
        Assert.Equal(MeetingState.Closed, meeting.State);
    }

    [Fact]
    public void Progress_OfAParent_IsTheWeightedMeanOfItsChildren_RolledUpToTheResolution()
    {
        var resolution = Resolution.Adopt(OpenMeeting(Street()), "整治", Now);
        var parent = Task(resolution, null, 3m, 0m);
        var a = Task(resolution, parent, 1m, 100m);
        var b = Task(resolution, parent, 3m, 20m);
        var other = Task(resolution, null, 1m, 50m);
        ConferenceTask[] tasks = [parent, a, b, other];

        var progress = TaskProgress.Compute(tasks);

        // (100×1 + 20×3) / 4 = 40; the resolution: (40×3 + 50×1) / 4 = 42.5
        Assert.Equal(40m, progress[parent.Id]);
        Assert.Equal(42.5m, TaskProgress.Overall(tasks, progress));
    }

    [Fact]
    public void Progress_RollsUpThroughSeveralLevels()
    {
        var resolution = Resolution.Adopt(OpenMeeting(Street()), "整治", Now);
        var top = Task(resolution, null, 1m, 0m);
        var middle = Task(resolution, top, 1m, 0m);
        var leafA = Task(resolution, middle, 1m, 30m);
        var leafB = Task(resolution, middle, 2m, 60m);
        var sibling = Task(resolution, top, 1m, 100m);

        var progress = TaskProgress.Compute([top, middle, leafA, leafB, sibling]);

        Assert.Equal(50m, progress[middle.Id]);
        Assert.Equal(75m, progress[top.Id]);
    }

    [Fact]
    public void Resolution_IsDoneOnlyWhenEveryTaskIsDoneAndAccepted()
    {
        var resolution = Resolution.Adopt(OpenMeeting(Street()), "整治", Now);
        var a = Task(resolution, null, 1m, 100m);
        var b = Task(resolution, null, 1m, 90m);

        Assert.Throws<RuleViolationException>(() => resolution.Complete([a, b], Now));
        b.Report(100m, "完成", [], "t", false, Now);
        a.Accept(100m, Now);
        Assert.Throws<RuleViolationException>(() => resolution.Complete([a, b], Now));
        b.Accept(100m, Now);
        resolution.Complete([a, b], Now);
        Assert.Equal(ResolutionState.Done, resolution.State);
    }

    [Fact]
    public void Accept_BeforeTheTaskIsFinished_IsRefused()
    {
        var resolution = Resolution.Adopt(OpenMeeting(Street()), "整治", Now);
        var task = Task(resolution, null, 1m, 80m);
        Assert.Throws<RuleViolationException>(() => task.Accept(80m, Now));
    }

    [Fact]
    public void Assignment_IsLate_WhenNotDoneByTheDeadline()
    {
        var district = ConferenceBody.Create("江汉区区域化党建联席会议", "420103", null, null);
        var (_, assignments) = Directive.Issue(district, "通知", "报到", Now.AddDays(5), [("420103001", "民族街街道", null), ("420103002", "花楼街街道", null)], Now);
        var (onTime, late) = (assignments[0], assignments[1]);
        Assert.Throws<RuleViolationException>(() => onTime.Report(ExecutionStatus.Done, "完成", [], Now));
        onTime.Acknowledge("a", Now);
        onTime.Report(ExecutionStatus.Done, "完成", [], Now.AddDays(1));

        Assert.False(onTime.IsLate(Now.AddDays(10)));
        Assert.False(late.IsLate(Now.AddDays(4)));
        Assert.True(late.IsLate(Now.AddDays(6)));
    }
}
