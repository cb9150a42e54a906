using Gongzhi.Modules.Access;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Tests.Organisations;

public sealed class OrganisationRulesTests
{
    [Fact]
    public void Create_TrimsAndKeepsValues()
    {
        var o = Organisation.Create(" 420103001.xiehe ", " 协和医院 ", " ", OrganisationKind.ResidentUnit, "420103001", phone: " 027-85726114 ");
        Assert.Equal("420103001.xiehe", o.Code);
        Assert.Equal("协和医院", o.Name);
        Assert.Null(o.NameEn);
        Assert.Equal("027-85726114", o.Phone);
        Assert.True(o.Active);
        Assert.NotEqual(Guid.Empty, o.Id);
    }

    [Theory]
    [InlineData("cgj")]
    [InlineData("420103")]
    [InlineData("420103.CGJ")]
    [InlineData("420103.城管")]
    [InlineData("420103.1cgj")]
    [InlineData("430103.cgj")]
    [InlineData("4201031.cgj")]
    public void CodeError_ForMalformedCode_IsReported(string code)
    {
        Assert.NotNull(Organisation.CodeError(code, null));
        Assert.Contains("code", Organisation.Validate(code, "江汉区城管局", null, OrganisationKind.Department, "420103", null, null).Keys);
    }

    [Fact]
    public void CodeError_ForCodeOfAnotherJurisdiction_IsReported()
    {
        Assert.Contains("420103.", Organisation.CodeError("420104.cgj", "420103"), StringComparison.Ordinal);
        Assert.Null(Organisation.CodeError("420103.cgj", "420103"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Create_WithoutCode_IsRefused(string code) =>
        Assert.Throws<RuleViolationException>(() => Organisation.Create(code, "江汉区城管局", null, OrganisationKind.Department, "420103"));

    [Fact]
    public void Update_WithoutNameOrWithBadJurisdiction_IsRefused()
    {
        var o = Organisation.Create("420103.cgj", "江汉区城管局", null, OrganisationKind.Department, "420103");
        Assert.Throws<RuleViolationException>(() => o.Update(" ", null, OrganisationKind.Department, "420103", null, null, null));
        Assert.Throws<RuleViolationException>(() => o.Update("江汉区城管局", null, OrganisationKind.Department, "12345", null, null, null));
        Assert.Equal("江汉区城管局", o.Name);
    }

    [Fact]
    public void Validate_NamesEveryBadField()
    {
        var errors = Organisation.Validate("bad", "", new string('x', 200), (OrganisationKind)99, "4201", "call me", new string('x', 300));
        Assert.Equal(["address", "code", "jurisdictionCode", "kind", "name", "nameEn", "phone"], errors.Keys.Order());
    }

    [Fact]
    public void Validate_AcceptsAGoodOrganisation() =>
        Assert.Empty(Organisation.Validate("420103001002.committee", "万年社区居民委员会", null, OrganisationKind.CommunityCommittee, "420103001002",
            "027 8283 0000", "民族路"));

    [Fact]
    public void DeactivateAndActivate_Toggle()
    {
        var o = Organisation.Create("420103.cgj", "江汉区城管局", null, OrganisationKind.Department, "420103");
        o.Deactivate();
        Assert.False(o.Active);
        o.Activate();
        Assert.True(o.Active);
    }

    [Theory]
    [InlineData(Roles.Admin, OrganisationKind.Department, true)]
    [InlineData(Roles.StreetStaff, OrganisationKind.ResidentUnit, true)]
    [InlineData(Roles.StreetStaff, OrganisationKind.Enterprise, true)]
    [InlineData(Roles.StreetStaff, OrganisationKind.SocialOrganisation, true)]
    [InlineData(Roles.StreetStaff, OrganisationKind.StreetOffice, false)]
    [InlineData(Roles.StreetStaff, OrganisationKind.Department, false)]
    [InlineData(Roles.CommunityStaff, OrganisationKind.ResidentUnit, false)]
    public void MayEdit_FollowsRole(string role, OrganisationKind kind, bool expected)
    {
        var caller = new Caller("u1", "someone", "420103001", new HashSet<string> { role }, null, null, IsSystem: false);
        Assert.Equal(expected, OrganisationPermissions.MayEdit(caller, kind));
    }
}
