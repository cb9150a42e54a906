namespace Gongzhi.Modules.Cases.Whistles;

/// <summary>The <c>Cases</c> settings of 吹哨报到.</summary>
public sealed class WhistleOptions
{
    public const string Section = "Cases";

    /// <summary>Minutes a summoned department has to report in.</summary>
    public int WhistleReportInMinutes { get; set; } = 30;
}
