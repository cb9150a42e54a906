namespace Gongzhi.Modules.Participation.Proposals;

/// <summary>
/// A community's rule for putting a proposal on the agenda: a number of supporters, a share of its households,
/// or both (whichever is reached first), within a window of days. Communities differ, so each may have its own.
/// </summary>
public sealed class SupportThreshold
{
    public const int MaxSupporters = 100_000;

    private SupportThreshold()
    {
    }

    /// <summary>The community (or street) the rule applies to; the nearest node above a proposal's node is used.</summary>
    public string JurisdictionCode { get; private set; } = "";

    /// <summary>Supporting households (one household counts once, however many of its residents support).</summary>
    public int? MinSupporters { get; private set; }

    /// <summary>Share of households, e.g. 0.2 for the one fifth of the residents' committee law.</summary>
    public decimal? HouseholdShare { get; private set; }

    public int? Households { get; private set; }

    public int WindowDays { get; private set; }

    public static SupportThreshold For(string jurisdictionCode, int? minSupporters, decimal? householdShare, int? households, int windowDays) => new()
    {
        JurisdictionCode = jurisdictionCode,
        MinSupporters = minSupporters,
        HouseholdShare = householdShare,
        Households = households,
        WindowDays = windowDays,
    };

    public void Change(int? minSupporters, decimal? householdShare, int? households, int windowDays)
    {
        MinSupporters = minSupporters;
        HouseholdShare = householdShare;
        Households = households;
        WindowDays = windowDays;
    }

    public int Required => RequiredSupporters(MinSupporters, HouseholdShare, Households);

    /// <summary>
    /// The supporters needed: the share of households rounded up (one fifth of 101 households is 21, not 20.2), or the
    /// fixed number, whichever is smaller when both are set; never fewer than one.
    /// </summary>
    public static int RequiredSupporters(int? minSupporters, decimal? householdShare, int? households)
    {
        int? byShare = householdShare is > 0m && households is > 0
            ? (int)Math.Ceiling(householdShare.Value * households.Value)
            : null;
        var required = (minSupporters, byShare) switch
        {
            ({ } fixedCount, { } share) => Math.Min(fixedCount, share),
            ({ } fixedCount, null) => fixedCount,
            (null, { } share) => share,
            _ => 1,
        };
        return Math.Max(1, required);
    }
}
