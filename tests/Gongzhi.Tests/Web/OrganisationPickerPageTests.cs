using System.Text.RegularExpressions;
using Gongzhi.Tests.Infrastructure;

namespace Gongzhi.Tests.Web;

/// <summary>The routing rule form's organisation picker, without script: its search box reloads the page filtered.</summary>
public sealed partial class OrganisationPickerPageTests(GongzhiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RoutingRuleForm_WithASearch_ListsOnlyTheMatchingAssistingOrganisations()
    {
        using var admin = await WebSignIn.WithFormAsync(app, "admin");
        var all = Options(await admin.GetStringAsync("/admin/routing-rules/new", Cancel));
        var filtered = Options(await admin.GetStringAsync("/admin/routing-rules/new?orgq=" + Uri.EscapeDataString("水务"), Cancel));

        Assert.True(all.Count > 50, $"The form offers {all.Count} assisting organisations.");
        Assert.NotEmpty(filtered);
        Assert.True(filtered.Count < all.Count / 5, $"{filtered.Count} of {all.Count} left by the search.");
        Assert.All(filtered, text => Assert.Contains("水务", text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RoutingRuleForm_HasTheSearchBoxInAGetFormOutsideTheRuleForm()
    {
        using var admin = await WebSignIn.WithFormAsync(app, "admin");
        var page = await admin.GetStringAsync("/admin/routing-rules/new", Cancel);
        Assert.Matches("<input id=\"assisting-filter\" type=\"search\" name=\"orgq\" form=\"assisting-search\"", page);
        Assert.Matches("<form id=\"assisting-search\" method=\"get\"", page);
        // The rule's own form ends before the search form begins: forms do not nest.
        Assert.True(page.IndexOf("<form id=\"assisting-search\"", StringComparison.Ordinal) > page.IndexOf("</form>", StringComparison.Ordinal));
    }

    // The texts of the assisting select's options.
    private static List<string> Options(string page)
    {
        var select = AssistingSelect().Match(page);
        Assert.True(select.Success, "The page has no assisting organisations' select.");
        return OptionText().Matches(select.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex("<select id=\"assisting\"[^>]*>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex AssistingSelect();

    [GeneratedRegex("<option [^>]*>([^<]*)</option>")]
    private static partial Regex OptionText();
}
