using Gongzhi.Modules.Accountability.Duties;
using Gongzhi.Modules.Cases;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Tests.Accountability;

/// <summary>Overlaps, gaps and contradicting rules read off a hand-made duty list of a district with two streets.</summary>
public sealed class DutyMapTests
{
    private const string District = "420103";
    private const string Minzu = "420103001";
    private const string Hualou = "420103002";
    private static readonly string[] Streets = [Minzu, Hualou];
    private static readonly string[] Categories = ["0201", "0502", "0605", "0802", "1001"];

    private static readonly Guid Cgj = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    private static readonly Guid Yllyj = Guid.Parse("00000000-0000-0000-0000-0000000000c2");
    private static readonly Guid Sthjj = Guid.Parse("00000000-0000-0000-0000-0000000000c3");
    private static readonly Guid MinzuOffice = Guid.Parse("00000000-0000-0000-0000-0000000000a1");

    private static Duty Line(Guid organisation, string organisationArea, DutyKind kind, params string[] categories) =>
        Duty.Define(organisation, organisationArea, organisationArea, new DutyInput("职责", kind, "《城市绿化条例》第七条", categories, []));

    private static List<Duty> HandMade() =>
    [
        Line(Cgj, District, DutyKind.Lead, "0201", "0502", "0802"),
        Line(Yllyj, District, DutyKind.Lead, "0502"),
        Line(MinzuOffice, Minzu, DutyKind.Lead, "0201", "1001"),
        Line(Sthjj, District, DutyKind.Assist, "0802"),
    ];

    [Fact]
    public void TwoDistrictLeads_AreOneOverlapOfTheDistrict_AndAStreetClaim_IsAnOverlapOfThatStreetOnly()
    {
        var overlaps = DutyMap.Overlaps(HandMade(), District, Streets, Categories, []);

        Assert.Equal(2, overlaps.Count);
        var trees = Assert.Single(overlaps, o => o.CategoryCode == "0502");
        Assert.Equal(District, trees.JurisdictionCode);
        Assert.Equal(new[] { Cgj, Yllyj }, trees.Claimants.Select(c => c.OrganisationId).Order());
        var trading = Assert.Single(overlaps, o => o.CategoryCode == "0201");
        Assert.Equal(Minzu, trading.JurisdictionCode);
        Assert.Equal(new[] { MinzuOffice, Cgj }, trading.Claimants.Select(c => c.OrganisationId).OrderBy(id => id));
    }

    [Fact]
    public void ACategoryNobodyLeads_IsAGapOfTheDistrict_AndOneLedInOneStreet_IsAGapOfTheOthers()
    {
        var gaps = DutyMap.Gaps(HandMade(), District, Streets, Categories);

        Assert.Equal(new[] { ("0605", District), ("1001", Hualou) }, gaps.Select(g => (g.CategoryCode, g.JurisdictionCode)));
    }

    [Fact]
    public void AnAssistingDuty_IsNoLead_SoItsCategoryStillHasAGap()
    {
        var gaps = DutyMap.Gaps([Line(Sthjj, District, DutyKind.Assist, "0605")], District, Streets, ["0605"]);

        Assert.Equal(District, Assert.Single(gaps).JurisdictionCode);
    }

    [Fact]
    public void ARuleSendingACategoryToAnOrganisationThatClaimsNothingOfIt_IsFlagged_AssistingCounts_AMoreSpecificRuleDecides()
    {
        var noiseToEcology = new RoutingRuleEntry(Guid.NewGuid(), "08", District, Sthjj, []);
        var treesToCgj = new RoutingRuleEntry(Guid.NewGuid(), "05", District, Cgj, []);
        var disputesToEcology = new RoutingRuleEntry(Guid.NewGuid(), "1001", District, Sthjj, []);
        var disputesInMinzu = new RoutingRuleEntry(Guid.NewGuid(), "1001", Minzu, MinzuOffice, []);
        var rules = new[] { noiseToEcology, treesToCgj, disputesToEcology, disputesInMinzu };

        var flagged = DutyMap.Contradictions(HandMade(), District, rules, Categories);

        // 0802 → 生态环境, which assists on it: no contradiction; 0502 → 城管, which leads it: none; 1001 → 生态环境, which lists nothing of it:
        // flagged at the district; in 民族街 the street's own rule sends it to the street office, which leads it.
        var only = Assert.Single(flagged);
        Assert.Equal((disputesToEcology.Id, "1001", District, Sthjj), (only.RuleId, only.CategoryCode, only.JurisdictionCode, only.OrganisationId));

        var withoutAssist = HandMade().Where(d => d.Kind == DutyKind.Lead).ToList();
        Assert.Contains(DutyMap.Contradictions(withoutAssist, District, rules, Categories), c => c.RuleId == noiseToEcology.Id && c.CategoryCode == "0802");
    }

    [Fact]
    public void ADecidedOverlap_IsNotOpen_UntilAnotherOrganisationClaimsTheLead()
    {
        var duties = HandMade();
        var trees = DutyMap.Overlaps(duties, District, Streets, Categories, []).Single(o => o.CategoryCode == "0502");
        var admin = new Caller("u1", "district.admin", District, new HashSet<string> { Roles.Admin }, null, null, false);
        var decision = DutyDecision.Decide(trees, Yllyj, YieldOutcome.Assist, "园林部门统一管护行道树", admin, DateTimeOffset.UtcNow);

        Assert.DoesNotContain(DutyMap.Overlaps(duties, District, Streets, Categories, [decision]), o => o.CategoryCode == "0502");

        duties.Add(Line(Sthjj, District, DutyKind.Lead, "0502"));
        Assert.Contains(DutyMap.Overlaps(duties, District, Streets, Categories, [decision]), o => o.CategoryCode == "0502");
    }

    [Fact]
    public void ADecision_NeedsALeadAmongTheClaimants_AndAReason()
    {
        var trees = DutyMap.Overlaps(HandMade(), District, Streets, Categories, []).Single(o => o.CategoryCode == "0502");
        var admin = new Caller("u1", "district.admin", District, new HashSet<string> { Roles.Admin }, null, null, false);

        var refused = Assert.Throws<FieldValidationException>(() => DutyDecision.Decide(trees, Sthjj, YieldOutcome.Remove, " ", admin, DateTimeOffset.UtcNow));

        Assert.Contains("leadOrganisationId", refused.Errors.Keys);
        Assert.Contains("reason", refused.Errors.Keys);
    }

    [Fact]
    public void ADutyOfAStreetOffice_CannotHoldInAnotherStreet_AndYieldingTheLastCategoryEmptiesIt()
    {
        Assert.Throws<FieldValidationException>(() => Duty.Define(MinzuOffice, Minzu, Hualou, new DutyInput("调解", DutyKind.Lead, "《人民调解法》", ["1001"], [])));

        var duty = Line(Yllyj, District, DutyKind.Lead, "0502");
        duty.YieldLead("0502");
        Assert.True(duty.IsEmpty);
        Assert.Throws<Gongzhi.Platform.Problems.RuleViolationException>(() => duty.YieldLead("0502"));
    }
}
