using System.Diagnostics.Metrics;

namespace Gongzhi.Platform.Observability;

/// <summary>
/// The platform's own meter: what the operator watches besides requests and the database. Prometheus shows the
/// counters as <c>gongzhi_cases_taken_in_total</c>, <c>gongzhi_case_actions_total</c>, <c>gongzhi_deadline_scans_total</c>,
/// <c>gongzhi_deliveries_total</c> and <c>gongzhi_sign_in_failures_total</c>.
/// </summary>
public static class GongzhiMetrics
{
    public const string MeterName = "Gongzhi";

    private static readonly Meter Meter = new(MeterName, typeof(GongzhiMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> CasesTakenIn = Meter.CreateCounter<long>("gongzhi.cases.taken_in", "{case}",
        "Reports that became cases, by channel.");

    private static readonly Counter<long> CaseActions = Meter.CreateCounter<long>("gongzhi.case.actions", "{action}",
        "Actions taken on cases, by action.");

    private static readonly Counter<long> DeadlineScans = Meter.CreateCounter<long>("gongzhi.deadline.scans", "{scan}",
        "Scans of the cases' deadlines.");

    private static readonly Counter<long> DeadlineMarks = Meter.CreateCounter<long>("gongzhi.deadline.marks", "{case}",
        "What the deadline scans did, by kind (overdue, reminded, missed).");

    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("gongzhi.deliveries", "{delivery}",
        "Notifications pushed out, by channel and outcome.");

    private static readonly Counter<long> SignInFailures = Meter.CreateCounter<long>("gongzhi.sign_in.failures", "{attempt}",
        "Refused sign-ins, by verdict.");

    public static void CaseTakenIn(string channel) => CasesTakenIn.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public static void CaseAction(string action) => CaseActions.Add(1, new KeyValuePair<string, object?>("action", action));

    public static void DeadlineScan(int overdue, int reminded, int missed)
    {
        DeadlineScans.Add(1);
        DeadlineMarks.Add(overdue, new KeyValuePair<string, object?>("kind", "overdue"));
        DeadlineMarks.Add(reminded, new KeyValuePair<string, object?>("kind", "reminded"));
        DeadlineMarks.Add(missed, new KeyValuePair<string, object?>("kind", "missed"));
    }

    public static void Delivery(string channel, bool succeeded, int count = 1) => Deliveries.Add(count,
        new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", succeeded ? "sent" : "failed"));

    public static void SignInFailure(string verdict) => SignInFailures.Add(1, new KeyValuePair<string, object?>("verdict", verdict));
}
