using System.Text.RegularExpressions;

namespace Gongzhi.Browser.Tests;

public sealed partial class JourneyTests(BrowserApp app)
{
    private const string GridWorker = "grid.420103001002001";
    private const string GridCode = "420103001002001";

    [Fact]
    public async Task GridWorker_OpensMyJurisdiction_SeesTheGridBoundaryOnTheMap()
    {
        await using var context = await app.NewContextAsync(GridWorker);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToContainTextAsync("万年社区第一网格网格员");

        await page.Locator("[data-my-jurisdiction]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/jurisdictions/{GridCode}$"));
        await Expect(page.Locator(".breadcrumb")).ToContainTextAsync("万年社区");
        await Expect(page.Locator("#jurisdiction-map")).ToHaveAttributeAsync("data-drawn", "true");
        await Expect(page.Locator("#jurisdiction-map .leaflet-overlay-pane svg path").First).ToBeAttachedAsync();
        // The demo's grid boundaries are derived, and the page says so.
        await Expect(page.Locator(".node-heading .badge-derived")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SwitchingToEnglish_ShowsEnglishLabels_AndBack()
    {
        await using var context = await app.NewContextAsync(GridWorker);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/jurisdictions");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/jurisdictions$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator(".main-nav")).ToContainTextAsync("My jurisdiction");
        await Expect(page.Locator("label[for=q]")).ToHaveTextAsync("Find a jurisdiction by name");
        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToContainTextAsync("Hello");
        await Expect(page.Locator(".profile")).ToContainTextAsync("Grid worker");

        await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("您好");
    }

    [Fact]
    public async Task SigningOut_ReturnsToTheSignInPage_AndPagesAskForSignInAgain_TheAccountsOtherComputerStaysSignedIn()
    {
        // A sign-in of its own: signing out ends it, and the suite's shared sign-in of the account must stand.
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, GridWorker);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        await page.Locator(".sign-out button").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?signedOut=true$"));
        await Expect(page.Locator(".notice")).ToBeVisibleAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2F$"));

        await using var otherComputer = await app.NewContextAsync(GridWorker);
        var other = await otherComputer.NewPageAsync();
        await other.GotoAsync("/");
        await Expect(other.Locator("h1")).ToContainTextAsync("您好");
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_ShowsTheMessageAtThePasswordField()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await BrowserApp.SignInAsync(page, "resident2", "not-the-password-1");

        await Expect(page.Locator("#password-messages")).ToHaveTextAsync("用户名或密码错误。");
        await Expect(page.Locator("#password")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#password")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task SignIn_ReturnsToThePageThatAskedForIt()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/jurisdictions?q=%E4%B8%87%E5%B9%B4");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl="));

        await page.Locator("#username").FillAsync("resident1");
        await page.Locator("#password").FillAsync(BrowserApp.Password);
        await page.Locator(".auth-panel button[type=submit]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/jurisdictions\\?q="));
        await Expect(page.Locator(".results")).ToContainTextAsync("万年社区");
    }

    [Fact]
    public async Task OnAPhone_TheMenuFoldsBehindAToggle()
    {
        await using var context = await app.NewContextAsync(GridWorker, width: 390, height: 844);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var toggle = page.Locator("[data-nav-toggle]");
        await Expect(page.Locator(".main-nav")).ToBeHiddenAsync();

        await toggle.ClickAsync();

        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.Locator(".main-nav")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Screenshots_OfHomeAndMap_AtPhoneWidth()
    {
        Directory.CreateDirectory(BrowserApp.ScreenshotDirectory);
        await using var context = await app.NewContextAsync(GridWorker, width: 390, height: 844);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "home-phone.png"), FullPage = true });

        await page.GotoAsync($"/jurisdictions/{GridCode}");
        await Expect(page.Locator("#jurisdiction-map")).ToHaveAttributeAsync("data-drawn", "true");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "map-phone.png"), FullPage = true });

        await using var desktop = await app.NewContextAsync("street.420103001");
        var wide = await desktop.NewPageAsync();
        await wide.GotoAsync("/jurisdictions/420103001");
        await Expect(wide.Locator("#jurisdiction-map")).ToHaveAttributeAsync("data-drawn", "true");
        await wide.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "street-desktop.png") });

        Assert.True(File.Exists(Path.Combine(BrowserApp.ScreenshotDirectory, "map-phone.png")));
    }
}
