using System.Net;
using System.Net.Http.Json;
using Gongzhi.BenchHost;
using Gongzhi.Platform.Commands;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Cases.Api;

/// <summary>
/// The anonymous insert-only endpoint the intake benchmark compares against, and the load generator, live in the
/// benchmarks' host (bench/Gongzhi.BenchHost), not in the product: whatever its settings, the product has neither.
/// </summary>
public sealed class BaselineIntakeEndpointTests(GongzhiApp app)
{
    [Fact]
    public async Task BaselineEndpoint_IsNotInTheProduct_EvenWhenTheBenchmarkSettingIsOn()
    {
        await using var product = new GongzhiApp();
        product.Settings[BaselineIntakeEndpoint.Setting] = "true";
        await product.InitializeAsync();
        var routes = product.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText);
        Assert.DoesNotContain(BaselineIntakeEndpoint.Route, routes);

        using var anonymous = product.Anonymous();
        var (lat, lon, grid) = await CaseApiKit.PointInAsync(product, CaseApiKit.WanNianGrid);
        var response = await anonymous.PostAsJsonAsync($"{BaselineIntakeEndpoint.Route}?grid={grid}",
            new { categoryCode = "0103", title = "路面油污", description = "基准测试", lat, lon }, CaseApiKit.Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("generate cases --count 10")]
    [InlineData("bench person-import --rows 10 --as community.420103001002")]
    public async Task BenchmarkCommands_AreNotCommandsOfTheProduct(string command)
    {
        var commands = app.Services.GetRequiredService<CommandLine>();

        var exit = await commands.RunAsync(app.Services, command.Split(' '), CaseApiKit.Cancel);

        // 2 is the answer to an unknown command (it lists the known ones); a known one would have run and returned 0.
        Assert.Equal(2, exit);
    }
}
