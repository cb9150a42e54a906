using Gongzhi.Modules.Cases;
using Gongzhi.Tests.Infrastructure;

namespace Gongzhi.Tests.Insights;

/// <summary>
/// Ten cases in 古二社区 (硚口区古田街道), a community no other test touches, played through the case's own
/// methods at fixed times. The expected indicators in <see cref="IndicatorTests"/> are counted by hand
/// from the table below; change a case here and recount them there.
/// </summary>
/// <remarks>
/// Times are hours after <see cref="T0"/>; accept limit = dispatch + 2 h, resolve limit = dispatch + 24 h.
/// <code>
/// #  grid cat  story                                                               state
/// 1  1    0101 A accepts +2 (in time), resolves +10, closed +12, 满意                   Evaluated
/// 2  1    0101 A returns +1.5; B dispatched +4, accepts +5, resolves +20, closed +22, 基本满意 Evaluated
/// 3  1    0101 A (+C assisting) misses the accept limit (overdue +3.5), accepts +4,
///              resolves +30 (late), closed +31, 不满意                                  Evaluated
/// 4  2    0101 A accepts +2, resolves +10, rework +11, resolves +20, closed +21, no rating Closed
/// 5  2    0101 A accepts +2, extension approved +6 (limit +49), resolves +40, closed +41, 满意 Evaluated
/// 6  2    0101 A returns +1.25; B dispatched +2, accepts +2.25                         Accepted
/// 7  1    0101 A returns +2; redispatch limit +4 passes, marked overdue +5              Registered
/// 8  1    0301 registered only                                                         Registered
/// 9  1    0101 rejected (never registered: not in the cohort)                          Rejected
/// 10 2    0101 registered in October, closed 3 November +24 (trend only)              Closed
/// </code>
/// </remarks>
internal static class InsightsScenario
{
    public const string Community = "420104001005";
    public const string Grid1 = "420104001005001";
    public const string Grid2 = "420104001005002";
    public const string From = "2026-11-01";
    public const string To = "2026-12-01";

    public static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly Guid A = Guid.Parse("0193f104-0000-7000-8000-00000000000a");
    public static readonly Guid B = Guid.Parse("0193f104-0000-7000-8000-00000000000b");
    public static readonly Guid C = Guid.Parse("0193f104-0000-7000-8000-00000000000c");

    private static readonly CaseActor Dispatcher = new("street.420104001", "u-qk-dispatcher", null);
    private static readonly CaseActor Resident = new("resident", "u-qk-resident", null);
    private static readonly CaseActor GridWorker = new("grid.420104001005001", "u-qk-grid", null);

    private static readonly CaseCategory Rubbish = CaseCategory.Create("0101", "01", "暴露垃圾", "Exposed rubbish", ["垃圾"], true, 50, 72,
        new TimeLimits(new StepLimit(4, 2, 1), new StepLimit(2, 1, 0.5), new StepLimit(2, 1, 0.5), new StepLimit(24, 8, 4), new StepLimit(8, 4, 2)));

    private static readonly CaseCategory Roads = CaseCategory.Create("0301", "03", "道路破损", "Damaged road", ["道路"], true, 50, 72,
        new TimeLimits(new StepLimit(4, 2, 1), new StepLimit(2, 1, 0.5), new StepLimit(2, 1, 0.5), new StepLimit(24, 8, 4), new StepLimit(8, 4, 2)));

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool seeded;

    public static async Task EnsureAsync(GongzhiApp app)
    {
        await Gate.WaitAsync();
        try
        {
            if (seeded)
            {
                return;
            }
            await app.WithDbAsync(async db =>
            {
                db.AddRange(Build());
                return await db.SaveChangesAsync();
            });
            seeded = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static DateTimeOffset H(double hours) => T0.AddHours(hours);

    private static CaseActor Org(Guid id) => new("dept", "u-qk-dept", id);

    public static List<Case> Build()
    {
        var cases = new List<Case>();
        var sequence = 0;
        Case New(string grid, CaseCategory category, DateTimeOffset at, bool register = true)
        {
            var c = Case.Submit(new CaseIntake(CaseUrgency.Normal, "路边垃圾", "古二社区路边垃圾堆积。", 30.58, 114.22, null, grid, CaseChannel.Web,
                    Resident.UserId, Tests.Cases.CaseScenarios.Name("李四"), Tests.Cases.CaseScenarios.Phone("13912345678")),
                category, CaseReference.Format(grid, at, ++sequence), Resident, at, at.AddHours(4));
            if (register)
            {
                c.Register(Dispatcher, at, at.AddHours(2));
            }
            cases.Add(c);
            return c;
        }
        void Dispatch(Case c, Guid lead, double at, Guid? assisting = null) =>
            c.Dispatch(Dispatcher, H(at), lead, assisting is { } a ? [a] : [], H(at + 2), H(at + 24));
        void Finish(Case c, double resolve, double close, Satisfaction? rating)
        {
            c.Resolve(Org(c.LeadOrganisationId!.Value), H(resolve), "已处理", [], H(resolve + 8));
            c.Verify(GridWorker, H(close - 0.5));
            c.Close(Dispatcher, H(close));
            if (rating is { } r)
            {
                c.Evaluate(Resident, H(close + 1), r);
            }
        }

        var c1 = New(Grid1, Rubbish, T0);
        Dispatch(c1, A, 1);
        c1.Accept(Org(A), H(2));
        Finish(c1, 10, 12, Satisfaction.Satisfied);

        var c2 = New(Grid1, Rubbish, T0);
        Dispatch(c2, A, 1);
        c2.Return(Org(A), H(1.5), "不属于本单位职责", H(3.5));
        Dispatch(c2, B, 4);
        c2.Accept(Org(B), H(5));
        Finish(c2, 20, 22, Satisfaction.BasicallySatisfied);

        var c3 = New(Grid1, Rubbish, T0);
        Dispatch(c3, A, 1, C);
        Assert.True(c3.MarkOverdue(H(3.5)));
        c3.Accept(Org(A), H(4));
        Finish(c3, 30, 31, Satisfaction.Dissatisfied);

        var c4 = New(Grid2, Rubbish, T0);
        Dispatch(c4, A, 1);
        c4.Accept(Org(A), H(2));
        c4.Resolve(Org(A), H(10), "已清运", [], H(18));
        c4.Rework(GridWorker, H(11), "现场仍有垃圾", H(40));
        c4.Resolve(Org(A), H(20), "已彻底清运", [], H(28));
        c4.Verify(GridWorker, H(20.5));
        c4.Close(Dispatcher, H(21));

        var c5 = New(Grid2, Rubbish, T0);
        Dispatch(c5, A, 1);
        c5.Accept(Org(A), H(2));
        c5.RequestExtension(Org(A), H(5), 16, "需要协调环卫车辆");
        c5.ApproveExtension(Dispatcher, H(6), H(49));
        Finish(c5, 40, 41, Satisfaction.Satisfied);

        var c6 = New(Grid2, Rubbish, T0);
        Dispatch(c6, A, 1);
        c6.Return(Org(A), H(1.25), "不属于本单位职责", H(3));
        Dispatch(c6, B, 2);
        c6.Accept(Org(B), H(2.25));

        var c7 = New(Grid1, Rubbish, T0);
        Dispatch(c7, A, 1);
        c7.Return(Org(A), H(2), "不属于本单位职责", H(4));
        Assert.True(c7.MarkOverdue(H(5)));

        New(Grid1, Roads, T0);

        var c9 = New(Grid1, Rubbish, T0, register: false);
        c9.Reject(Dispatcher, T0, RejectionKind.Invalid, "描述不属实");

        var october = new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.FromHours(8));
        var c10 = New(Grid2, Rubbish, october);
        c10.Dispatch(Dispatcher, october.AddHours(1), A, [], october.AddHours(3), october.AddHours(25));
        c10.Accept(Org(A), october.AddHours(2));
        c10.Resolve(Org(A), october.AddHours(10), "已处理", [], october.AddHours(18));
        c10.Verify(GridWorker, october.AddHours(11));
        c10.Close(Dispatcher, H(24));
        return cases;
    }
}
