using System.Collections;
using System.Reflection;
using Gongzhi.Modules.Cases;
using Gongzhi.Platform.PersonalData;

namespace Gongzhi.Tests.Cases;

/// <summary>Cases built in every state through the public methods only, at a fixed time.</summary>
internal static class CaseScenarios
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly CaseActor Dispatcher = new("street.420103001", "u-dispatcher", Guid.Parse("0193f000-0000-7000-8000-000000000001"));

    public static readonly CaseActor Department = new("dept.420103.cgj", "u-dept", Guid.Parse("0193f000-0000-7000-8000-000000000002"));

    public static readonly Guid LeadOrganisation = Guid.Parse("0193f000-0000-7000-8000-000000000002");

    public static readonly Guid AssistingOrganisation = Guid.Parse("0193f000-0000-7000-8000-000000000003");

    public const string Grid = "420103001002001";

    public const string OtherGrid = "420103002001001";

    private static int sequence;

    public static readonly TimeLimits Limits = new(
        new StepLimit(4, 2, 1), new StepLimit(2, 1, 0.5), new StepLimit(2, 1, 0.5), new StepLimit(24, 8, 4), new StepLimit(8, 4, 2));

    public static readonly CaseCategory Rubbish = CaseCategory.Create("0101", "01", "暴露垃圾", "Exposed rubbish", ["垃圾"], true, 50, 72, Limits,
        [new CategoryAttribute("volume", "垃圾量", "Amount", AttributeType.Choice, false, ["少量", "一车以内", "一车以上"])]);

    public static readonly CaseCategory Spoil = CaseCategory.Create("0102", "01", "积存垃圾渣土", "Accumulated spoil", ["渣土"], false, 50, 72, Limits);

    public static string NextReference() =>
        CaseReference.Format(Grid, Now, Interlocked.Increment(ref sequence) % CaseReference.MaxSequence + 1);

    /// <summary>A reporter's name as intake keeps it; the ciphertext is a stand-in, since entity rules never read it.</summary>
    public static ProtectedValue Name(string name) => new("sealed:" + Guid.NewGuid(), null, Masks.Name(name)!);

    public static ProtectedValue Phone(string phone) => new("sealed:" + Guid.NewGuid(), null, Masks.Phone(phone)!);

    public static Case Submitted(string reporter = "u-resident") => Case.Submit(
        new CaseIntake(CaseUrgency.Normal, "小区门口垃圾堆积", "万年社区南门外垃圾三天没人清运，气味很大。", 30.58, 114.27, "江汉区民族街万年社区南门",
            Grid, CaseChannel.Web, reporter, Name("张三"), Phone("13812341234")),
        Rubbish, NextReference(), CaseActor.System with { Name = "resident1", UserId = reporter }, Now, Now.AddHours(4));

    public static Case Registered()
    {
        var c = Submitted();
        c.Register(Dispatcher, Now, Now.AddHours(2));
        return c;
    }

    public static Case Rejected()
    {
        var c = Submitted();
        c.Reject(Dispatcher, Now, RejectionKind.Invalid, "描述不属实");
        return c;
    }

    public static Case Dispatched()
    {
        var c = Registered();
        c.Dispatch(Dispatcher, Now, LeadOrganisation, [AssistingOrganisation], Now.AddHours(2), Now.AddHours(24));
        return c;
    }

    public static Case Accepted()
    {
        var c = Dispatched();
        c.Accept(Department, Now);
        return c;
    }

    public static Case AcceptedWithPendingExtension()
    {
        var c = Accepted();
        c.RequestExtension(Department, Now, 16, "需要协调环卫车辆");
        return c;
    }

    public static Case Resolved()
    {
        var c = Accepted();
        c.Resolve(Department, Now, "已清运", [Guid.CreateVersion7()], Now.AddHours(8));
        return c;
    }

    public static Case Verified()
    {
        var c = Resolved();
        c.Verify(Dispatcher, Now, "现场核查已清理");
        return c;
    }

    public static Case Closed()
    {
        var c = Verified();
        c.Close(Dispatcher, Now);
        return c;
    }

    public static Case Evaluated(Satisfaction satisfaction)
    {
        var c = Closed();
        c.Evaluate(CaseActor.System with { Name = "resident1", UserId = "u-resident" }, Now, satisfaction, "评价");
        return c;
    }

    public static Case Merged()
    {
        var c = Submitted("u-other");
        c.MergeInto(Registered(), Dispatcher, Now);
        return c;
    }

    /// <summary>Every public property and the timeline length, to prove a refused action changed nothing.</summary>
    public static string Snapshot(Case c)
    {
        var parts = typeof(Case).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != nameof(Case.Events))
            .Select(p => $"{p.Name}={Format(p.GetValue(c))}");
        return string.Join("|", parts) + $"|events={c.Events.Count}";
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => s,
        IDictionary d => string.Join(",", d.Keys.Cast<object>().Select(k => $"{k}:{d[k]}")),
        IEnumerable e => string.Join(",", e.Cast<object>()),
        _ => value.ToString() ?? "",
    };
}
