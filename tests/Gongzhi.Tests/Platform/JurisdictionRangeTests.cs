using Gongzhi.Platform.Scoping;

namespace Gongzhi.Tests.Platform;

/// <summary>The range of codes that stands for "inside an area" selects exactly what the prefix test selects.</summary>
public sealed class JurisdictionRangeTests
{
    [Theory]
    [InlineData("420103001", "420103001", "420103002")]
    [InlineData("420103009", "420103009", "42010301")]
    [InlineData("420199", "420199", "4202")]
    [InlineData("420100", "4201", "4202")]
    [InlineData("420103001009", "420103001009", "42010300101")]
    public void Range_OfAnArea(string code, string from, string before) =>
        Assert.Equal((from, before), JurisdictionCode.QueryRange(code));

    [Fact]
    public void Range_HoldsWhatThePrefixHolds()
    {
        string[] areas = ["420100", "420103", "420109", "420103001", "420103009", "420103001001", "420103001999"];
        string[] codes =
        [
            "420102", "420103", "420104", "420109", "420110", "420103001", "420103002", "420103009", "420103010", "420103001001",
            "420103001999", "420103002001", "420103009999", "420103001001001", "420109001", "4201", "420", "430100", "420103001999001",
        ];
        foreach (var area in areas)
        {
            var (from, before) = JurisdictionCode.QueryRange(area);
            foreach (var code in codes)
            {
                var inRange = string.CompareOrdinal(code, from) >= 0 && string.CompareOrdinal(code, before) < 0;
                Assert.True(inRange == code.StartsWith(JurisdictionCode.QueryPrefix(area), StringComparison.Ordinal), $"{code} in {area}");
            }
        }
    }

    [Fact]
    public void Range_OfSomethingElse_IsRefused() => Assert.Throws<ArgumentException>(() => JurisdictionCode.QueryRange("42a"));
}
