using Gongzhi.Modules.Cases;
using static Gongzhi.Tests.Cases.CaseScenarios;

namespace Gongzhi.Tests.Cases;

public sealed class CatalogueTests
{
    private static readonly Lazy<IReadOnlyList<CaseCategory>> Catalogue = new(() =>
        CategoryCatalogueFile.LoadAsync(CategoryCatalogueFile.DefaultPath).GetAwaiter().GetResult());

    [Fact]
    public void CatalogueFile_HasTheRequiredShape()
    {
        var all = Catalogue.Value;
        var majors = all.Where(c => c.IsMajor).ToList();
        var minors = all.Where(c => !c.IsMajor).ToList();

        Assert.True(majors.Count >= 12, $"{majors.Count} 大类");
        Assert.True(minors.Count >= 40, $"{minors.Count} 小类");
        Assert.Equal(all.Count, all.Select(c => c.Code).Distinct().Count());
        Assert.All(minors, m => Assert.Contains(majors, p => p.Code == m.ParentCode));
        Assert.All(all, c => Assert.True(CaseCategory.IsWellFormedCode(c.Code, c.ParentCode), c.Code));
        Assert.All(all, c => Assert.True(c.Limits.IsValid, c.Code));
        Assert.All(all, c => Assert.All(Enum.GetValues<CaseStep>(), s => Assert.True(c.Limits.WorkingHours(s, CaseUrgency.Critical) > 0)));
        Assert.All(minors, m => Assert.NotEmpty(m.Keywords));
        Assert.All(all, c => Assert.False(string.IsNullOrWhiteSpace(c.NameEn)));
    }

    [Theory]
    [InlineData("市容环境")]
    [InlineData("街面秩序")]
    [InlineData("施工管理")]
    [InlineData("公共设施")]
    [InlineData("园林绿化")]
    [InlineData("交通设施")]
    [InlineData("房屋物业")]
    [InlineData("噪音扰民")]
    [InlineData("水电气暖")]
    [InlineData("矛盾纠纷")]
    [InlineData("安全隐患")]
    [InlineData("社会保障")]
    public void CatalogueFile_HasTheExpectedMajorCategory(string name) =>
        Assert.Contains(Catalogue.Value, c => c.IsMajor && c.NameZh == name);

    [Fact]
    public void CatalogueFile_MinorsInheritWhatTheyDoNotSet()
    {
        var cover = Catalogue.Value.Single(c => c.Code == "0401");
        var light = Catalogue.Value.Single(c => c.Code == "0402");
        var facilities = Catalogue.Value.Single(c => c.Code == "04");

        Assert.Equal(4, cover.Limits.WorkingHours(CaseStep.Resolve, CaseUrgency.Normal));
        Assert.Equal(facilities.Limits, light.Limits);
        Assert.Equal(facilities.DuplicateRadiusMeters, light.DuplicateRadiusMeters);
        Assert.Equal(AttributeType.Choice, Assert.Single(cover.Attributes).Type);
    }

    [Fact]
    public void Category_WithInvalidLimitsOrCodes_IsRefused()
    {
        var inverted = Limits with { Resolve = new StepLimit(4, 8, 2) };
        Assert.Throws<Gongzhi.Platform.Problems.RuleViolationException>(() =>
            CaseCategory.Create("0101", "01", "暴露垃圾", "Rubbish", [], true, 50, 72, inverted));
        Assert.Throws<Gongzhi.Platform.Problems.RuleViolationException>(() =>
            CaseCategory.Create("0201", "01", "暴露垃圾", "Rubbish", [], true, 50, 72, Limits));
        Assert.Throws<Gongzhi.Platform.Problems.RuleViolationException>(() =>
            CaseCategory.Create("0101", "01", "暴露垃圾", "Rubbish", [], true, 50, 72, Limits,
                [new CategoryAttribute("kind", "类型", "Kind", AttributeType.Choice, true)]));
    }

    [Theory]
    [InlineData("小区门口的井盖缺失了，晚上很危险", "0401")]
    [InlineData("凌晨两点工地还在夜间施工，吵得睡不着", "0302")]
    [InlineData("楼下广场舞音响太吵", "0801")]
    [InlineData("楼道里有人飞线给电动车充电", "1102")]
    [InlineData("路边一堆垃圾袋好几天没人收", "0101")]
    [InlineData("小区电梯困人了", "0702")]
    [InlineData("闻到很浓的燃气味道，怀疑漏气", "0903")]
    [InlineData("共享单车乱停把人行道堵了", "0601")]
    [InlineData("隔壁噪音很大", "0801")]
    public void Suggest_RanksTheMatchingMinorCategoryFirst(string description, string expected)
    {
        var suggestions = new CategorySuggester(Catalogue.Value).Suggest(description);
        Assert.NotEmpty(suggestions);
        Assert.Equal(expected, suggestions[0].Code);
    }

    [Fact]
    public void Suggest_LongerKeywordsWeighMore()
    {
        var general = CaseCategory.Create("0801", "08", "社会生活噪音", "Neighbourhood noise", ["噪音"], true, 50, 24, Limits);
        var building = CaseCategory.Create("0301", "03", "施工扰民", "Construction disturbance", ["施工噪音"], true, 50, 24, Limits);
        var suggester = new CategorySuggester([general, building]);

        var ranked = suggester.Suggest("工地施工噪音太大");

        Assert.Equal(["0301", "0801"], ranked.Select(s => s.Code));
        Assert.True(ranked[0].Score > ranked[1].Score);
        Assert.Equal(["施工噪音"], ranked[0].Matched);
    }

    [Fact]
    public void Suggest_NothingForBlankOrUnrelatedText()
    {
        var suggester = new CategorySuggester(Catalogue.Value);
        Assert.Empty(suggester.Suggest("  "));
        Assert.Empty(suggester.Suggest("hello"));
        Assert.True(suggester.Suggest("垃圾", take: 3).Count <= 3);
    }
}
