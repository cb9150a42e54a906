namespace Gongzhi.Modules.Cases.Reminders;

/// <summary>The <c>Cases</c> settings of the deadline service.</summary>
public sealed class DeadlineOptions
{
    public const string Section = "Cases";

    /// <summary>Seconds between scans; zero or less turns the timer off (tests call <see cref="DeadlineMonitor.RunOnceAsync"/> themselves).</summary>
    public int DeadlineScanSeconds { get; set; } = 30;

    /// <summary>
    /// The share of a step's standard working time after which a 催办 reminder goes out: at 0.8 the reminder
    /// fires when a fifth of the category's limit for the step and urgency is left before the deadline.
    /// </summary>
    public double ReminderShare { get; set; } = 0.8;

    /// <summary>Cases a scan handles per pass of overdue marks or reminders; the rest wait for the next scan, so one scan never runs for long.</summary>
    public int DeadlineScanBatch { get; set; } = 500;
}
