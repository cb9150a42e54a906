using System.Net;
using System.Net.Http.Json;
using Gongzhi.Platform.Commands;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Access;

/// <summary>Outside demo mode there is no account until an operator creates one on the command line.</summary>
public sealed class ProductionModeTests
{
    [Fact]
    public async Task WithoutDemo_NoAccountExists_UntilAdminCreateMakesOne()
    {
        await using var app = new GongzhiApp();
        app.Settings["Gongzhi:Demo"] = "false";
        await app.InitializeAsync();
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));

        var commandLine = app.Services.GetRequiredService<CommandLine>();
        var exit = await commandLine.RunAsync(app.Services, ["admin", "create", "ops", "--password", "Operations-2026"], TestContext.Current.CancellationToken);
        var again = await commandLine.RunAsync(app.Services, ["admin", "create", "ops", "--password", "Operations-2026"], TestContext.Current.CancellationToken);

        Assert.Equal((0, 1), (exit, again));
        using var client = app.Anonymous();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "ops", password = "Operations-2026" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var demo = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = GongzhiApp.Password }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, demo.StatusCode);
    }

    [Fact]
    public async Task AdminCreate_WithAMalformedScope_IsAUsageError()
    {
        await using var app = new GongzhiApp();
        app.Settings["Gongzhi:Demo"] = "false";
        await app.InitializeAsync();

        var exit = await app.Services.GetRequiredService<CommandLine>()
            .RunAsync(app.Services, ["admin", "create", "ops2", "--scope", "abc"], TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
    }
}
