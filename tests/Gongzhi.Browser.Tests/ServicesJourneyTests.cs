using System.Text.RegularExpressions;
using SkiaSharp;

namespace Gongzhi.Browser.Tests;

/// <summary>
/// 一网通办 through the pages: a resident finds an item by life event and applies with a photo of a document, the
/// street centre's clerk asks for a missing material at once (一次性告知), the resident supplies it, the clerk
/// approves and delivers, and the resident rates the service.
/// </summary>
public sealed class ServicesJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task ResidentApplies_ClerkAsksForAMaterial_ResidentSupplies_ClerkApprovesAndDelivers_ResidentRates()
    {
        await using var residentContext = await app.NewContextAsync("resident1", width: 390, height: 844);
        var resident = await residentContext.NewPageAsync();
        await resident.GotoAsync("/services");
        await resident.Locator("[data-life-events] [data-event=assistance]").ClickAsync();
        await Expect(resident).ToHaveURLAsync(new Regex("/services\\?event=assistance$"));
        await resident.Locator("[data-item=MZ-LS-01] a").ClickAsync();
        await Expect(resident.Locator("h1")).ToHaveTextAsync("临时救助申请");
        await Expect(resident.Locator("[data-materials]")).ToContainTextAsync("临时救助申请书");

        await resident.Locator("#apply-name").FillAsync("王小红");
        await resident.Locator("#apply-id").FillAsync("420103198003151235");
        await resident.Locator("#apply-phone").FillAsync("13800001234");
        await resident.Locator("#apply-photos").SetInputFilesAsync(new FilePayload { Name = "id-card.jpg", MimeType = "image/jpeg", Buffer = Jpeg() });
        await resident.Locator("[data-apply] button[type=submit]").ClickAsync();
        // The check digit is wrong: the message stands under the field.
        await Expect(resident.Locator("[data-field='applicant.idNumber']")).ToContainTextAsync("身份证号码不正确");
        await resident.Locator("#apply-id").FillAsync("420103198003151234");
        await resident.Locator("#apply-photos").SetInputFilesAsync(new FilePayload { Name = "id-card.jpg", MimeType = "image/jpeg", Buffer = Jpeg() });
        await resident.Locator("[data-apply] button[type=submit]").ClickAsync();
        await Expect(resident).ToHaveURLAsync(new Regex("/services/applications/[0-9a-f-]{36}$"));
        await Expect(resident.Locator("[data-state]").First).ToHaveAttributeAsync("data-state", "Submitted");
        await Expect(resident.Locator("[data-photos] img")).ToHaveCountAsync(1);
        var applicationUrl = resident.Url;
        var reference = (await resident.Locator("[data-reference]").TextContentAsync())!.Trim();

        // The street centre's clerk finds it in the queue, accepts it and asks for what is missing, all at once.
        await using var clerkContext = await app.NewContextAsync("street.420103001");
        var clerk = await clerkContext.NewPageAsync();
        await clerk.GotoAsync("/");
        await clerk.Locator("[data-nav-centre]").ClickAsync();
        await clerk.Locator("[data-applications] li", new() { HasText = reference }).Locator("a").ClickAsync();
        await clerk.Locator("[data-action=accept] button").ClickAsync();
        await Expect(clerk.Locator("[data-state]").First).ToHaveAttributeAsync("data-state", "Accepted");
        await clerk.Locator("#missing").FillAsync("户口簿\n遭遇困难的证明材料");
        await clerk.Locator("[data-action=request-materials] button").ClickAsync();
        await Expect(clerk.Locator("[data-state]").First).ToHaveAttributeAsync("data-state", "AwaitingMaterials");

        // The resident reads the complete list and sends the materials.
        await resident.GotoAsync(applicationUrl);
        await Expect(resident.Locator("[data-missing]")).ToContainTextAsync("遭遇困难的证明材料");
        await resident.Locator("#supply-photos").SetInputFilesAsync(new FilePayload { Name = "hukou.jpg", MimeType = "image/jpeg", Buffer = Jpeg(SKColors.Teal) });
        await resident.Locator("[data-supply] button[type=submit]").ClickAsync();
        await Expect(resident.Locator("[data-state]").First).ToHaveAttributeAsync("data-state", "Accepted");
        await Expect(resident.Locator("[data-photos] img")).ToHaveCountAsync(2);

        // The clerk approves and delivers.
        await clerk.ReloadAsync();
        await clerk.Locator("[data-action=approve] button").ClickAsync();
        await Expect(clerk.Locator("[data-state]").First).ToHaveAttributeAsync("data-state", "Approved");
        await clerk.Locator("[data-action=deliver] button").ClickAsync();
        await Expect(clerk.Locator("[data-state]").First).ToHaveAttributeAsync("data-state", "Delivered");

        // The resident rates it and sees the whole timeline.
        await resident.GotoAsync("/services/mine");
        await resident.Locator("[data-applications] li", new() { HasText = reference }).Locator("a").ClickAsync();
        await resident.Locator("[data-rate] input[name=level][value='5']").CheckAsync();
        await resident.Locator("#rate-comment").FillAsync("一次性告知很清楚，少跑了一趟。");
        await resident.Locator("[data-rate] button[type=submit]").ClickAsync();
        await Expect(resident.Locator("[data-rating]")).ToHaveAttributeAsync("data-rating", "5");
        await Expect(resident.Locator("[data-rate]")).ToHaveCountAsync(0);
        await Expect(resident.Locator("[data-timeline] [data-step]")).ToHaveCountAsync(7);
    }

    private static byte[] Jpeg(SKColor? color = null)
    {
        using var bitmap = new SKBitmap(64, 48);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(color ?? SKColors.SaddleBrown);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }
}
