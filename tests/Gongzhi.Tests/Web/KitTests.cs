using System.Globalization;
using Gongzhi.Components.Kit;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Web;

public sealed class KitTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ShownTime_ReadsTheInstantInItsZone_NotInChinaAlways()
    {
        Assert.Equal("2026-12-07 12:00", new ShownTime(TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "CST", "CST")).Text(Noon));
        Assert.Equal("2026-12-06 23:00", new ShownTime(TimeZoneInfo.CreateCustomTimeZone("EST", TimeSpan.FromHours(-5), "EST", "EST")).Text(Noon));
        Assert.Equal("—", new ShownTime(TimeZoneInfo.Utc).Text((DateTimeOffset?)null));
    }

    [Fact]
    public void PickerFilter_KeepsMatchesAndChosenOptions_IgnoringCase()
    {
        PickerOption[] options =
        [
            new("1", "江岸区城市管理执法局", false), new("2", "江岸区水务局", true), new("3", "Jiang'an Parks Bureau", false),
            new("4", "大智街道办事处", false),
        ];
        Assert.Equal(["1", "2"], PickerOption.Matching(options, "城市管理").Select(o => o.Value));
        Assert.Equal(["2", "3"], PickerOption.Matching(options, " parks ").Select(o => o.Value));
        Assert.Equal(4, PickerOption.Matching(options, "").Count);
        Assert.Equal(["2"], PickerOption.Matching(options, "no such organisation").Select(o => o.Value));
    }

    [Theory]
    [InlineData(1, 10, 3, "1,2,3,4")]
    [InlineData(6, 10, 3, "3,4,5,6,7,8,9")]
    [InlineData(10, 10, 2, "8,9,10")]
    [InlineData(2, 0, 3, "1,2")]
    public void Pager_LinksThePagesAroundTheCurrentOne_WithinTheCount(int page, int count, int around, string expected) =>
        Assert.Equal(expected, string.Join(",", Pager.PageNumbers(page, count, around)));

    [Fact]
    public void PostedForm_GivesTheTypedValueOfTheFormThatWasPosted_AndTheFallbackOtherwise()
    {
        var get = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        Assert.Equal("30", PostedForm.Value(get, "capacity", "30"));

        var post = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        post.Request.Method = "POST";
        post.Request.ContentType = "application/x-www-form-urlencoded";
        post.Request.Form = new Microsoft.AspNetCore.Http.FormCollection(new()
        {
            ["_handler"] = "create-fund", ["name"] = "楼道灯", ["capacity"] = "",
        });
        Assert.Equal("楼道灯", PostedForm.Value(post, "name"));
        Assert.Equal("", PostedForm.Value(post, "capacity", "30"));
        Assert.Equal("楼道灯", PostedForm.Value(post, "name", form: "create-fund"));
        Assert.Null(PostedForm.Value(post, "name", form: "apply"));
    }

    [Fact]
    public async Task FormCall_TurnsRefusalsIntoMessages_FieldsUnderTheirForm_AndLetsFaultsThrough()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            var errors = new FieldErrors();
            var ran = false;
            Assert.Equal(FormOutcome.Success, await FormCall.RunAsync(errors, () => { ran = true; return Task.CompletedTask; }));
            Assert.True(ran);

            var invalid = await FormCall.RunAsync(errors, () => throw FieldValidationException.Field("name", "Name is required."), "fund");
            Assert.False(invalid.Done);
            Assert.Equal(["Name is required."], errors["fund.name"]);
            Assert.Equal(KitText.Get("Form.FixErrors"), invalid.Message);

            Assert.Equal(new FormOutcome(false, "Closed already."), await FormCall.RunAsync(errors, () => throw new RuleViolationException("Closed already.")));
            Assert.Equal(KitText.Get("Form.Stale"), (await FormCall.RunAsync(errors, () => throw new DbUpdateConcurrencyException())).Message);
            Assert.Equal(KitText.Get("Form.OutOfScope"),
                (await FormCall.RunAsync(errors, () => throw new ScopeViolationException("Fund in 420103 is outside your jurisdiction (420104)."))).Message);
            await Assert.ThrowsAsync<InvalidOperationException>(() => FormCall.RunAsync(errors, () => throw new InvalidOperationException()));
            Assert.Single(errors);

            // A form of buttons only has no field to show a field error under: its text is the message.
            Assert.Equal(new FormOutcome(false, "No such slot."), await FormCall.RunAsync(() => throw FieldValidationException.Field("slotId", "No such slot.")));
            Assert.Equal(FormOutcome.Success, await FormCall.RunAsync(() => Task.CompletedTask));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
