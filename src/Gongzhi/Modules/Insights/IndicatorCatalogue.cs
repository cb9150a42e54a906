using System.Globalization;

namespace Gongzhi.Modules.Insights;

/// <summary>The rates in the order reports show them; the keys name resources <c>Indicator.{key}</c>.</summary>
public static class IndicatorCatalogue
{
    public static readonly IReadOnlyList<string> RatioKeys =
    [
        nameof(IndicatorSet.ResponseRate), nameof(IndicatorSet.OnTimeResolutionRate), nameof(IndicatorSet.ClosureRate),
        nameof(IndicatorSet.OnTimeClosureRate), nameof(IndicatorSet.ReworkRate), nameof(IndicatorSet.ReturnRate),
        nameof(IndicatorSet.ExtensionRate), nameof(IndicatorSet.SolvedRate), nameof(IndicatorSet.SatisfactionRate),
        nameof(IndicatorSet.HandOffsPerCase), nameof(IndicatorSet.ReturnedShare), nameof(IndicatorSet.MultiOrganisationShare),
    ];

    public static IEnumerable<Ratio> Ratios(IndicatorSet set) =>
    [
        set.ResponseRate, set.OnTimeResolutionRate, set.ClosureRate, set.OnTimeClosureRate, set.ReworkRate, set.ReturnRate,
        set.ExtensionRate, set.SolvedRate, set.SatisfactionRate, set.HandOffsPerCase, set.ReturnedShare, set.MultiOrganisationShare,
    ];

    /// <summary>Hand-offs per case is a mean, not a share; every other ratio reads as a percentage.</summary>
    public static bool IsPercentage(string key) => key != nameof(IndicatorSet.HandOffsPerCase);

    /// <summary>The ratio as the pages show it: a percentage with one decimal, or a mean with two; a dash when it has no value.</summary>
    public static string Display(string key, Ratio ratio) => ratio.Value is not { } value ? "—"
        : IsPercentage(key) ? value.ToString("P1", CultureInfo.CurrentCulture) : value.ToString("0.00", CultureInfo.CurrentCulture);
}
