namespace Gongzhi.Browser.Tests;

/// <summary>
/// An administrator opens a street's account with the pickers (a jurisdiction found by name, roles ticked), passes on the
/// temporary password the page shows once, and the new account signs in with it.
/// </summary>
public sealed class AccountJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Admin_CreatesAStreetAccountWithThePickers_AndTheNewAccountSignsIn()
    {
        var userName = $"hlj.{Guid.NewGuid():N}"[..16];
        await using var context = await app.NewContextAsync("admin");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator(".card[data-card='Accounts'] a").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("账号管理");
        await page.Locator("[data-new-account]").ClickAsync();

        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#displayName").FillAsync("花楼街测试员");
        await page.GetByLabel("街道工作人员").CheckAsync();
        await page.Locator("#scopeCode-search").FillAsync("花楼街");
        await page.Locator("[data-jurisdiction-picker='scopeCode'] [data-jurisdiction-find]").ClickAsync();
        // The form comes back with the matches and what was typed.
        await Expect(page.Locator("#userName")).ToHaveValueAsync(userName);
        await Expect(page.GetByLabel("街道工作人员")).ToBeCheckedAsync();
        await page.Locator("#scopeCode").SelectOptionAsync(new SelectOptionValue { Label = "江汉区 › 花楼街街道" });
        await page.Locator("[data-create-account]").ClickAsync();

        var password = page.Locator("[data-temporary-password]");
        await Expect(password).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[a-z2-9]{12}$"));
        var temporary = await password.TextContentAsync();
        Directory.CreateDirectory(BrowserApp.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "account-created-desktop.png"), FullPage = true });

        await using var fresh = await app.NewContextAsync(width: 390, height: 844);
        var signIn = await fresh.NewPageAsync();
        await BrowserApp.SignInAsync(signIn, userName, temporary);
        await signIn.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await Expect(signIn.Locator("h1")).ToContainTextAsync("花楼街测试员");
        await Expect(signIn.Locator(".profile")).ToContainTextAsync("花楼街街道");
    }

    [Fact]
    public async Task AccountPages_OnAPhone_HaveNoHorizontalOverflow()
    {
        await using var context = await app.NewContextAsync("admin", width: 390, height: 844);
        var page = await context.NewPageAsync();
        foreach (var path in new[] { "/admin/accounts", "/admin/accounts/new", "/admin/accounts?scopeq=%E6%B0%91%E6%97%8F%E8%A1%97" })
        {
            await page.GotoAsync(path);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
                $"{path} is wider than a 390 px phone.");
        }
        await page.Locator("tbody tr a").First.ClickAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
            "An account's page is wider than a 390 px phone.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "account-phone.png"), FullPage = true });
    }
}
