namespace Gongzhi.Modules.SocialForces;

/// <summary>The module's settings (section <c>SocialForces</c>); cities differ, so none of these is a constant.</summary>
public sealed class SocialForcesOptions
{
    public const string Section = "SocialForces";

    /// <summary>How long a check-in code shown by the organiser stays valid.</summary>
    public int CheckInCodeMinutes { get; set; } = 10;

    /// <summary>Check-in opens this long before an activity starts and check-out closes this long after it ends.</summary>
    public int AttendanceMarginMinutes { get; set; } = 120;

    /// <summary>Points a volunteer earns for an hour of service (时间银行).</summary>
    public int PointsPerHour { get; set; } = 10;

    /// <summary>
    /// The total a capacity assessment must reach (of 25: five dimensions scored 1–5) before an incubated organisation may
    /// graduate.
    /// </summary>
    public int GraduationThreshold { get; set; } = 18;
}
