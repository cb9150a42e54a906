namespace Gongzhi.Modules.Services;

/// <summary>Settings of the service centre (section <c>Services</c>); cities differ, so limits are settings.</summary>
public sealed class ServicesOptions
{
    public const string Section = "Services";

    /// <summary>Working days the centre has to follow up a bad rating (整改/回访); 5 and 15 are both in use.</summary>
    public int FollowUpWorkingDays { get; set; } = 5;

    /// <summary>Seconds between scans for reminders and overdue notices; zero or less turns them off (tests scan themselves).</summary>
    public int DeadlineScanSeconds { get; set; } = 300;

    /// <summary>Applications one scan notices per kind; the rest wait for the next scan, so one scan never runs for long.</summary>
    public int DeadlineScanBatch { get; set; } = 500;
}
