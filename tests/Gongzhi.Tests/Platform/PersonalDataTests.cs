using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Platform;

public sealed class IdNumberTests
{
    [Theory]
    [InlineData("11010519491231002X")] // the standard's own example
    [InlineData("11010519491231002x")]
    [InlineData("110105 19491231 002X")]
    [InlineData("420103-19900307-0017")]
    public void IsValid_AcceptsRealNumbersAsPeopleTypeThem(string id) => Assert.True(IdNumbers.IsValid(id));

    [Theory]
    [InlineData("110105194912310021")] // check character changed
    [InlineData("11010519491331002X")] // month 13
    [InlineData("11010518000101002X")] // before 1900
    [InlineData("01010519491231002X")] // no region starts with 0
    [InlineData("1101051949123100")]
    [InlineData("")]
    [InlineData(null)]
    public void IsValid_RefusesWrongNumbers(string? id) => Assert.False(IdNumbers.IsValid(id));

    [Fact]
    public void BirthDateAndSex_ComeFromTheNumber()
    {
        Assert.Equal(new DateOnly(1949, 12, 31), IdNumbers.BirthDate("11010519491231002X"));
        Assert.Equal(Sex.Female, IdNumbers.SexOf("11010519491231002X"));
        Assert.Equal(Sex.Male, IdNumbers.SexOf("420103199003070017"));
    }

    [Fact]
    public void CheckCharacter_MatchesEveryGeneratedNumber()
    {
        // A number built with the check character the rule asks for is valid; any other last character is not.
        var body = "42010319851107123";
        var check = IdNumbers.CheckCharacter(body);
        Assert.True(IdNumbers.IsValid(body + check));
        foreach (var other in "0123456789X".Where(c => c != check))
        {
            Assert.False(IdNumbers.IsValid(body + other));
        }
    }

    [Fact]
    public void Mask_KeepsTheAreaAndTheLastFour() => Assert.Equal("420103********0017", IdNumbers.Mask("420103199003070017"));

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    [InlineData("9135 0100 M000 100Y 43")]
    public void CreditCode_AcceptsRealCodes(string code) => Assert.True(CreditCodes.IsValid(code));

    [Theory]
    [InlineData("91350100M000100Y44")]
    [InlineData("91350100M000100I43")] // I is not in the code set
    [InlineData("91350100M000100Y4")]
    [InlineData(null)]
    public void CreditCode_RefusesWrongCodes(string? code) => Assert.False(CreditCodes.IsValid(code));
}

public sealed class PersonalDataProtectionTests(GongzhiApp app)
{
    [Fact]
    public void Protect_HidesTheValueAndRoundTrips()
    {
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        var cipher = protector.Protect("420103199003070017");

        Assert.DoesNotContain("199003070017", cipher);
        Assert.Equal("420103199003070017", protector.Unprotect(cipher));
        Assert.NotEqual(cipher, protector.Protect("420103199003070017"));
    }

    [Fact]
    public async Task Hash_IsKeyedAndStable_AcrossInstancesOnOneDatabase()
    {
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        var hash = protector.Hash("420103199003070017");
        Assert.Equal(hash, protector.Hash("420103199003070017"));
        Assert.NotEqual(hash, protector.Hash("420103199003070025"));
        // An unkeyed SHA-256 of the number would let anyone with the table test every possible number.
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("420103199003070017"u8)), hash);

        await using var second = new GongzhiApp { SharedDatabase = app.Database };
        await second.InitializeAsync();
        Assert.Equal(hash, second.Services.GetRequiredService<PersonalDataProtector>().Hash("420103199003070017"));
    }

    [Fact]
    public async Task RevealLog_WritesTheAuditLine_AndRefusesAnUnknownPurpose()
    {
        var key = Guid.NewGuid().ToString("N");
        var caller = new Caller("u-1", "community.test", "420103001002", new HashSet<string> { "CommunityStaff" }, null, "127.0.0.1", false);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var reveals = scope.ServiceProvider.GetRequiredService<RevealLog>();
            var refused = await Assert.ThrowsAsync<FieldValidationException>(() =>
                reveals.RecordAsync(caller, "Person", key, "420103001002", "curiosity", ["idNumber"], TestContext.Current.CancellationToken));
            Assert.NotNull(refused.For("purpose"));
            await reveals.RecordAsync(caller, "Person", key, "420103001002", RevealPurposes.CareVisit, ["idNumber", "phone"],
                TestContext.Current.CancellationToken);
        }
        var lines = await app.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(e => e.SubjectKey == key).ToListAsync());
        var line = Assert.Single(lines);
        Assert.Equal(AuditActions.Revealed, line.Action);
        Assert.Equal("community.test", line.Actor);
        Assert.Equal("idNumber,phone: care-visit", line.Detail);
    }
}
