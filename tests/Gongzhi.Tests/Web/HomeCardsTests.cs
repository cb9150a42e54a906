using System.Security.Claims;
using System.Text.RegularExpressions;
using Gongzhi.Components;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Web;

/// <summary>The home page's first steps: every card links a page, and only to a role that may open it.</summary>
public sealed partial class HomeCardsTests(GongzhiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ClaimsPrincipal User(string role, string scope) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.Role, role), new Claim(HttpCallerAccessor.ScopeClaim, scope)],
        "Test", ClaimTypes.Name, ClaimTypes.Role));

    [Fact]
    public async Task PageAccess_AnswersAsThePagesOwnAuthorization()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var access = scope.ServiceProvider.GetRequiredService<PageAccess>();
        Assert.True(await access.CanOpenAsync(User(Roles.StreetStaff, "420103001"), "services/centre"));
        Assert.False(await access.CanOpenAsync(User(Roles.Resident, "420103001002"), "services/centre"));
        Assert.False(await access.CanOpenAsync(User(Roles.Resident, "420103001002"), "admin/organisations"));
        Assert.True(await access.CanOpenAsync(User(Roles.Admin, "4201"), "admin/organisations?x=1"));
        Assert.True(await access.CanOpenAsync(User(Roles.GridWorker, "420103001002001"), "registry"));
        Assert.False(await access.CanOpenAsync(User(Roles.DepartmentStaff, "420103"), "registry"));
        Assert.False(await access.CanOpenAsync(User(Roles.Admin, "4201"), "no/such/page"));
    }

    [Fact]
    public async Task PageAccess_AsOneRole_ForgetsTheUsersOtherRoles()
    {
        var both = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, Roles.Resident), new Claim(ClaimTypes.Role, Roles.StreetStaff)], "Test", ClaimTypes.Name, ClaimTypes.Role));
        var resident = PageAccess.InRole(both, Roles.Resident);
        Assert.True(resident.IsInRole(Roles.Resident));
        Assert.False(resident.IsInRole(Roles.StreetStaff));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PageAccess>().CanOpenAsync(resident, "services/centre"));
    }

    [Theory]
    [InlineData("street.420103001", "ServiceCentre", "services/centre")]
    [InlineData("grid.420103001002001", "BasicData", "registry")]
    [InlineData("community.420103001002", "Deliberation", "participation")]
    [InlineData("resident1", "Notices", "participation")]
    public async Task Home_LinksEachCardToItsPage_AndNoneIsComingSoon(string userName, string card, string href)
    {
        using var browser = await WebSignIn.WithFormAsync(app, userName);
        var home = await browser.GetStringAsync("/", Cancel);
        Assert.Matches($"<li class=\"card\" data-card=\"{card}\">\\s*<h3><a href=\"{Regex.Escape(href)}\"", home);
        Assert.DoesNotContain("card-soon", home, StringComparison.Ordinal);
        Assert.DoesNotContain("data-card=\"Patrol\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain("data-card=\"Accounts\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_ShowsAResidentNoCardOfAStaffPage()
    {
        using var browser = await WebSignIn.WithFormAsync(app, "resident1");
        var home = await browser.GetStringAsync("/", Cancel);
        foreach (var href in CardLinks().Matches(home).Select(m => m.Groups[1].Value))
        {
            Assert.DoesNotMatch("^(services/centre|registry|admin/|conferences|dashboard)", href);
        }
    }

    [GeneratedRegex("<li class=\"card\" data-card=\"[^\"]+\">\\s*<h3><a href=\"([^\"]+)\"")]
    private static partial Regex CardLinks();

    [Fact]
    public async Task Home_OfAnAdministrator_LinksTheAccountsCardToTheAccountsPage()
    {
        using var browser = await WebSignIn.WithFormAsync(app, "admin");
        var home = await browser.GetStringAsync("/", Cancel);
        Assert.Matches("<li class=\"card\" data-card=\"Accounts\">\\s*<h3><a href=\"admin/accounts\"", home);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.GetAsync("/admin/accounts", Cancel)).StatusCode);
    }
}
