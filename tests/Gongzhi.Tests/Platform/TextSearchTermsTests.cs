using Gongzhi.Platform.Data;

namespace Gongzhi.Tests.Platform;

/// <summary>What a search asks PostgreSQL's pair index for: every pair of the query, and the area when it narrows.</summary>
public sealed class TextSearchTermsTests
{
    [Fact]
    public void EveryPairOnce_Quoted()
    {
        Assert.Equal("'噪音' & '音扰' & '扰民'", TextSearch.Terms("噪音扰民", null));
        Assert.Equal("'ab' & 'ba'", TextSearch.Terms("ABAB", null));
        Assert.Equal("'it' & 't''' & '''s'", TextSearch.Terms("it's", null));
        Assert.Null(TextSearch.Terms("噪", "420103"));
    }

    [Theory]
    [InlineData("4201", "'噪音'")]
    [InlineData("420103", "'噪音' & '@420103'")]
    [InlineData("420103001", "'噪音' & '@420103001'")]
    [InlineData("420103001002", "'噪音' & '@420103001002'")]
    [InlineData("420103001002003", "'噪音' & '@420103001002003'")]
    [InlineData("42010x", "'噪音'")]
    public void TheAreaIsATermFromADistrictDown(string area, string expected) =>
        Assert.Equal(expected, TextSearch.Terms("噪音", area));

    [Fact]
    public void ACharacterOutsideTheBmp_IsOneCharacter() =>
        Assert.Equal("'响😀' & '😀太'", TextSearch.Terms("响😀太", null));
}
