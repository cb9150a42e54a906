namespace Gongzhi.Browser.Tests;

/// <summary>
/// The everyday pages each role opens fit a 390 px phone: nothing makes the page scroll sideways. A page that once did
/// (the task board, 426 px wide because a card's file input would not shrink) stays on this list.
/// </summary>
public sealed class PhoneWidthTests(BrowserApp app)
{
    [Theory]
    [InlineData("dept.420103.cgj", "/conferences/tasks")]
    [InlineData("street.420103001", "/conferences/tasks")]
    [InlineData("street.420103001", "/conferences")]
    [InlineData("street.420103001", "/conferences/bookings")]
    [InlineData("street.420103001", "/cases")]
    [InlineData("community.420103001002", "/conferences/venues")]
    [InlineData("resident1", "/report")]
    [InlineData("command.420103", "/screen/420103")]
    [InlineData("street.420103002", "/services/centre/window")]
    [InlineData("street.420103002", "/services/centre/groups")]
    public async Task Page_FitsAPhoneWithoutScrollingSideways(string account, string path)
    {
        await using var context = await app.NewContextAsync(account, width: 390, height: 844);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path}: {response?.Status}");
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth + 1, $"{path} as {account} is {scrollWidth} px wide on a {innerWidth} px phone");
    }
}
