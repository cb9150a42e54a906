using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Gongzhi.Modules.Cases;
using Gongzhi.Platform.Api;
using Gongzhi.Tests.Cases.Api;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Security.SecurityKit;

namespace Gongzhi.Tests.Security;

/// <summary>
/// An enumeration value the code does not define (urgency 99, a rejection kind 99, a channel "fax") is refused wherever it
/// comes in, a JSON body of any module or a query string, as a ValidationProblem naming the field; nothing is stored.
/// </summary>
public sealed class UndefinedEnumTests(GongzhiApp app)
{
    [Theory]
    [InlineData("99")]
    [InlineData("\"extreme\"")]
    [InlineData("\"99\"")]
    [InlineData("true")]
    public async Task Intake_WithAnUndefinedUrgency_Is400NamingUrgency_AndStoresNothing(string urgency)
    {
        using var resident = await app.ClientForAsync("resident1");
        var (lat, lon, _) = await CaseApiKit.PointInAsync(app, CaseApiKit.WanNianGrid);
        var title = $"未定义紧急程度 {Guid.NewGuid():N}"[..20];
        var body = $$"""{"categoryCode":"0103","title":"{{title}}","description":"路口油污","lat":{{lat}},"lon":{{lon}},"urgency":{{urgency}}}""";

        var response = await resident.PostAsync("/api/v1/cases", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);

        await AssertNamesFieldAsync(response, "urgency");
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Case>().CountAsync(c => c.Title == title, Cancel)));
    }

    [Fact]
    public async Task Intake_WithADefinedUrgencyAsNameOrNumber_IsTaken()
    {
        using var resident = await app.ClientForAsync("resident1");
        var (lat, lon, _) = await CaseApiKit.PointInAsync(app, CaseApiKit.WanNianGrid);
        foreach (var urgency in new[] { "\"urgent\"", "1" })
        {
            var body = $$"""{"categoryCode":"0103","title":"紧急程度","description":"路口油污","lat":{{lat}},"lon":{{lon}},"urgency":{{urgency}}}""";
            var response = await resident.PostAsync("/api/v1/cases", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
        }
    }

    [Fact]
    public async Task Reject_WithAnUndefinedKind_Is400NamingKind_AndTheCaseStaysSubmitted()
    {
        using var resident = await app.ClientForAsync("resident1");
        using var street = await app.ClientForAsync("street.420103001");
        var submitted = await CaseApiKit.SubmitAsync(app, resident);
        var version = (await CaseApiKit.GetAsync(street, submitted.Id)).Version;

        var response = await street.PostAsJsonAsync($"/api/v1/cases/{submitted.Id}/reject", new { version, kind = 99, reason = "不属于" }, Cancel);

        await AssertNamesFieldAsync(response, "kind");
        Assert.Equal(CaseState.Submitted, (await CaseApiKit.GetAsync(street, submitted.Id)).State);
    }

    [Fact]
    public async Task ServiceApplication_WithAnUndefinedChannel_Is400NamingChannel()
    {
        using var resident = await app.ClientForAsync("resident1");
        var response = await resident.PostAsJsonAsync("/api/v1/services/applications", new
        {
            itemCode = "MZ-LS-01",
            jurisdictionCode = "420103001",
            applicant = new { name = "张三", idNumber = "420103198003151234", phone = "13800001234" },
            channel = 7,
        }, Cancel);

        await AssertNamesFieldAsync(response, "channel");
    }

    [Theory]
    [InlineData("99")]
    [InlineData("loudest")]
    [InlineData("hot,new")]
    public async Task Proposals_SortedByAnUndefinedOrder_Is400NamingSort(string sort)
    {
        using var resident = await app.ClientForAsync("resident1");
        var response = await resident.GetAsync($"/api/v1/participation/proposals?sort={Uri.EscapeDataString(sort)}", Cancel);
        await AssertNamesFieldAsync(response, "sort");
        Assert.Equal(HttpStatusCode.OK, (await resident.GetAsync("/api/v1/participation/proposals?sort=newest", Cancel)).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/conferences/bookings?state=", "street.420103001")]
    [InlineData("/api/v1/participation/residents?state=", "community.420103001002")]
    public async Task ListFilteredByAnUndefinedState_Is400NamingState_ADefinedOneInAnyCaseIsRead(string path, string userName)
    {
        using var staff = await app.ClientForAsync(userName);
        await AssertNamesFieldAsync(await staff.GetAsync(path + "99", Cancel), "state");
        await AssertNamesFieldAsync(await staff.GetAsync(path + "approvedd", Cancel), "state");
        var defined = path.Contains("bookings", StringComparison.Ordinal) ? "approved" : "VERIFIED";
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(path + defined, Cancel)).StatusCode);
    }

    /// <summary>
    /// The class, not the examples: no API endpoint lets the framework bind an enumeration from the route or the query,
    /// where it takes any number ("?sort=99"). They take a string and check it with <see cref="DefinedEnums.Filter{T}"/>.
    /// </summary>
    [Fact]
    public void NoApiEndpoint_BindsAnEnumerationFromTheRouteOrQuery()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true);
        var offenders = new List<string>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { } method)
            {
                continue;
            }
            foreach (var parameter in method.GetParameters())
            {
                var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
                var fromBody = parameter.GetCustomAttributes().Any(a => a is Microsoft.AspNetCore.Http.Metadata.IFromBodyMetadata);
                if (type.IsEnum && !fromBody)
                {
                    offenders.Add($"{endpoint.RoutePattern.RawText} {parameter.Name}: {type.Name}");
                }
            }
        }
        Assert.Empty(offenders);
    }

    [Fact]
    public void DefinedEnums_TakeNamesInAnyCase_NeverNumbersOrLists()
    {
        Assert.True(DefinedEnums.TryParse<CaseUrgency>("Urgent", out var urgent));
        Assert.Equal(CaseUrgency.Urgent, urgent);
        Assert.False(DefinedEnums.TryParse<CaseUrgency>("1", out _));
        Assert.False(DefinedEnums.TryParse<CaseUrgency>("99", out _));
        Assert.False(DefinedEnums.TryParse<CaseUrgency>("normal,urgent", out _));
        Assert.False(DefinedEnums.TryParse<CaseUrgency>("", out _));
    }

    private static async Task AssertNamesFieldAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        using var problem = JsonDocument.Parse(text);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out var messages), text);
        Assert.True(messages.GetArrayLength() > 0);
        Assert.DoesNotContain("Gongzhi.", text, StringComparison.Ordinal);
    }
}
