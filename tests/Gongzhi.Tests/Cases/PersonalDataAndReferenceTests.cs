using Gongzhi.Modules.Cases;
using Gongzhi.Platform.PersonalData;

namespace Gongzhi.Tests.Cases;

public sealed class PersonalDataAndReferenceTests
{
    [Theory]
    [InlineData("13812341234", "138****1234")]
    [InlineData(" 13812341234 ", "138****1234")]
    [InlineData("027-85551234", "027-****1234")]
    [InlineData("+86 138 1234 5678", "+86 1** **** 5678")]
    [InlineData("12345", "***45")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void MaskPhone_KeepsHeadAndTail(string? phone, string? expected) => Assert.Equal(expected, Masks.Phone(phone));

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("王", "*")]
    [InlineData(" 李小明 ", "李**")]
    [InlineData(null, null)]
    public void MaskName_KeepsTheFirstCharacterOnly(string? name, string? expected) => Assert.Equal(expected, Masks.Name(name));

    [Fact]
    public void Reference_IsDistrictChinaDayAndSixDigitSequence()
    {
        // 17:30 UTC on the 25th is already the 26th in Wuhan.
        var at = new DateTimeOffset(2026, 11, 25, 17, 30, 0, TimeSpan.Zero);
        Assert.Equal("420103-20261126-000123", CaseReference.Format("420103001002001", at, 123));
        Assert.Equal("420103-20261126", CaseReference.CounterKey("420103001", at));
        Assert.Equal("420103-20261125-999999", CaseReference.Format("420103", at.AddHours(-2), 999_999));
    }

    [Fact]
    public void Reference_RefusesCityCodesAndOutOfRangeSequences()
    {
        var at = DateTimeOffset.UtcNow;
        Assert.Throws<ArgumentException>(() => CaseReference.Format("420100", at, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseReference.Format("420103", at, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseReference.Format("420103", at, 1_000_000));
    }

    [Theory]
    [InlineData("420103-20261126-000123", true)]
    [InlineData("420103-20260229-000123", false)]
    [InlineData("420103-20261126-000000", false)]
    [InlineData("420103-20261126-00123", false)]
    [InlineData("42010A-20261126-000123", false)]
    [InlineData("420103_20261126_000123", false)]
    [InlineData(null, false)]
    public void Reference_IsWellFormed(string? reference, bool expected) => Assert.Equal(expected, CaseReference.IsWellFormed(reference));
}
