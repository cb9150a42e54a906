using System.Text.RegularExpressions;

namespace Gongzhi.Browser.Tests;

/// <summary>
/// The window queue through the pages: a resident takes a ticket on the phone, the clerk calls it at a window, the hall's
/// display shows it at that window, and the resident's ticket tells them where to go; the clerk calls it again (重呼), finds
/// the resident needs another group's window and transfers it there (转组), where it is called and served.
/// </summary>
public sealed class QueueJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task ResidentTakesATicket_ClerkCallsIt_TheDisplayShowsItAtTheWindow()
    {
        await using var residentContext = await app.NewContextAsync("resident1", width: 390, height: 844);
        var resident = await residentContext.NewPageAsync();
        await resident.GotoAsync("/services/centres/420103001/queue");
        await resident.Locator("[data-take=C]").ClickAsync();
        await Expect(resident).ToHaveURLAsync(new Regex("/services/tickets/[0-9a-f-]{36}$"));
        await Expect(resident.Locator("[data-state]").First).ToHaveAttributeAsync("data-state", "Waiting");
        var label = (await resident.Locator("[data-label]").TextContentAsync())!.Trim();
        Assert.Matches("^C[0-9]{3}$", label);

        // The clerk opens window 5 for group C, from the navigation, and calls the next ticket.
        await using var clerkContext = await app.NewContextAsync("street.420103001");
        var clerk = await clerkContext.NewPageAsync();
        await clerk.GotoAsync("/");
        await clerk.Locator("[data-nav-window]").ClickAsync();
        await clerk.Locator("#window-number").FillAsync("5");
        await clerk.Locator("[data-window-form] input[name=groups][value=C]").CheckAsync();
        await clerk.Locator("[data-window-form] button[type=submit]").ClickAsync();
        await clerk.Locator("[data-call-next]").ClickAsync();
        await Expect(clerk.Locator("[data-current-label]")).ToHaveTextAsync(label);

        // The hall's display, open to anyone, shows the ticket at window 5.
        await using var hallContext = await app.NewContextAsync();
        var hall = await hallContext.NewPageAsync();
        await hall.GotoAsync("/services/centres/420103001/display");
        await Expect(hall.Locator("[data-display] [data-window='5'] [data-label]")).ToHaveTextAsync(label);

        // The resident's ticket says where to go.
        await resident.ReloadAsync();
        await Expect(resident.Locator("[data-window]")).ToContainTextAsync("5");

        // Nobody comes up: the clerk calls again, and the hall reads the ticket out once more.
        await clerk.Locator("[data-recall]").ClickAsync();
        await Expect(clerk.Locator("[data-message]")).ToContainTextAsync(label);
        await hall.ReloadAsync();
        await Expect(hall.Locator("[data-announce]")).ToContainTextAsync(label);
        await Expect(hall.Locator("[data-announce]")).ToHaveAttributeAsync("data-recalls", "1");

        // The resident came for 民政救助: the ticket moves to group B's line, and window 5 takes group B and calls it.
        await clerk.Locator("#transfer-group").SelectOptionAsync("B");
        await clerk.Locator("[data-transfer]").ClickAsync();
        await Expect(clerk.Locator("[data-message]")).ToContainTextAsync(label);
        await Expect(clerk.Locator("[data-call-next]")).ToBeVisibleAsync();
        await clerk.GotoAsync("/services/centre/window?centre=420103001&window=5&groups=B");
        await clerk.Locator("[data-call-next]").ClickAsync();
        await Expect(clerk.Locator("[data-current-label]")).ToHaveTextAsync(label);
        await clerk.Locator("[data-serve]").ClickAsync();
        await Expect(clerk.Locator("[data-ticket='" + label + "']")).ToHaveAttributeAsync("data-state", "Served");
    }
}
