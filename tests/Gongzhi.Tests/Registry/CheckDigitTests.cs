using Gongzhi.Platform.PersonalData;

namespace Gongzhi.Tests.Registry;

/// <summary>The check characters the registry relies on, on numbers shaped like real ones.</summary>
public sealed class CheckDigitTests
{
    [Theory]
    // The GB 11643-1999 standard's own example, and a number ending in X.
    [InlineData("11010519491231002X", true)]
    [InlineData("110105194912310021", false)]
    [InlineData("440524198001010013", true)]
    [InlineData("440524198001010014", false)]
    // A born-on-29-February number of a non-leap year is no number at all, whatever its check digit.
    [InlineData("420103190102290011", false)]
    public void IdNumber_CheckCharacter_DecidesValidity(string id, bool valid) => Assert.Equal(valid, IdNumbers.IsValid(id));

    [Fact]
    public void IdNumber_SexAndBirthDate_ComeFromTheNumber()
    {
        var man = RegistryTestData.IdNumber(new DateOnly(1956, 7, 22), male: true);
        var woman = RegistryTestData.IdNumber(new DateOnly(1942, 3, 15), male: false);
        Assert.Equal(Sex.Male, IdNumbers.SexOf(man));
        Assert.Equal(Sex.Female, IdNumbers.SexOf(woman));
        Assert.Equal(new DateOnly(1942, 3, 15), IdNumbers.BirthDate(woman));
        Assert.False(IdNumbers.IsValid(RegistryTestData.WithBadCheck(woman)));
    }

    [Theory]
    // Published codes of well-known registered bodies: 腾讯 (深圳), 华为 (深圳).
    [InlineData("91440300708461136T", true)]
    [InlineData("914403001922038216", true)]
    [InlineData("914403001922038217", false)]
    // I, O, S, V, Z are not in the alphabet.
    [InlineData("91440300708461136I", false)]
    public void CreditCode_CheckCharacter_DecidesValidity(string code, bool valid) => Assert.Equal(valid, CreditCodes.IsValid(code));
}
