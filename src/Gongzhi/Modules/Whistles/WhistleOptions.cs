namespace Gongzhi.Modules.Whistles;

/// <summary>The settings of 吹哨报到 (under <c>Cases</c>, where they were before whistles had a module of their own).</summary>
public sealed class WhistleOptions
{
    public const string Section = "Cases";

    /// <summary>Minutes a summoned department has to report in.</summary>
    public int WhistleReportInMinutes { get; set; } = 30;
}
