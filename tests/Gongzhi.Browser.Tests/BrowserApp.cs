using System.Collections.Concurrent;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Startup;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

[assembly: AssemblyFixture(typeof(Gongzhi.Browser.Tests.BrowserApp))]

namespace Gongzhi.Browser.Tests;

/// <summary>
/// The whole application on Kestrel (a real port, so a real browser can reach it) over a throwaway SQLite
/// database with the Wuhan demo, and Debian's Chromium driven by Playwright. Shared by the test assembly.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly string databaseFile = Path.Combine(Path.GetTempPath(), $"gongzhi-browser-{Guid.NewGuid():N}.db");

    // GONGZHI_TEST_PROVIDER=Postgres (with GONGZHI_TEST_POSTGRES, a server connection string) runs the journeys on a
    // throwaway PostgreSQL database instead, as the API suite does; SQLite stays the default.
    private static readonly string? PostgresServer =
        string.Equals(Environment.GetEnvironmentVariable("GONGZHI_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? Environment.GetEnvironmentVariable("GONGZHI_TEST_POSTGRES")
                ?? throw new InvalidOperationException("GONGZHI_TEST_PROVIDER=Postgres needs GONGZHI_TEST_POSTGRES.")
            : null;

    private readonly string postgresDatabase = $"gongzhi_browser_{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<string, Task<string>> sessions = new();
    private IPlaywright? playwright;

    public BrowserApp() => UseKestrel(0);

    public static string Password => StartupPreparation.DefaultDemoPassword;

    /// <summary>Where the journeys leave their screenshots for a person to look at.</summary>
    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("GONGZHI_SCREENSHOTS") is { Length: > 0 } d ? d : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (PostgresServer is not null)
        {
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {postgresDatabase}", connection);
            await create.ExecuteNonQueryAsync();
        }
        StartServer();
        // The maps need the derived boundaries, which are prepared in the background after a first start.
        await Services.GetRequiredService<Gongzhi.Modules.Jurisdictions.BoundaryPreparation>().Ready.WaitAsync(TimeSpan.FromMinutes(3));
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's Chromium; the suite never downloads a browser of its own.
            ExecutablePath = Environment.GetEnvironmentVariable("GONGZHI_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // The app runs from build output, not a publish folder: its CSS and scripts come from the static web assets manifest.
        builder.UseStaticWebAssets();
        if (PostgresServer is not null)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Gongzhi", new NpgsqlConnectionStringBuilder(PostgresServer) { Database = postgresDatabase }.ToString());
        }
        else
        {
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Gongzhi", new SqliteConnectionStringBuilder { DataSource = databaseFile, DefaultTimeout = 30 }.ToString());
        }
        builder.UseSetting("Gongzhi:Demo", "true");
        // The journeys count what they create on the dashboard; generated demo cases would blur that.
        builder.UseSetting("Cases:DemoCount", "0");
        builder.UseSetting("GONGZHI_DEMO_PASSWORD", Password);
        // The journeys sign in more demo accounts than the production limit of 20 sign-in requests a minute per address allows
        // when they run together; the limit itself is tested in Gongzhi.Tests (RateLimitTests).
        builder.UseSetting("Access:LoginPermitsPerMinute", "200");
    }

    /// <summary>
    /// A fresh browser context (own cookies), signed in as <paramref name="userName"/> when given. Each account signs in
    /// through the form once and later contexts reuse its cookie, which keeps the suite under the sign-in rate limit.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(string? userName = null, int width = 1280, int height = 800)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        };
        if (userName is not null)
        {
            options.StorageState = await sessions.GetOrAdd(userName, SignInOnceAsync);
        }
        return await Browser.NewContextAsync(options);
    }

    /// <summary>A point inside the grid (its centroid), checked to fall in that grid, for reports a journey files there.</summary>
    public async Task<(double Lat, double Lon)> PointInGridAsync(string grid)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        // Read as nobody in particular: the jurisdiction tree is reference data, outside any caller's scope.
        var node = await db.Set<Jurisdiction>().IgnoreQueryFilters().AsNoTracking().FirstAsync(j => j.Code == grid);
        var point = (node.CentroidLat!.Value, node.CentroidLon!.Value);
        var located = await scope.ServiceProvider.GetRequiredService<JurisdictionIndex>().LocateAsync(point.Item1, point.Item2);
        Assert.Equal(grid, located);
        return point;
    }

    public static async Task SignInAsync(IPage page, string userName, string? password = null)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync(password ?? Password);
        await page.Locator(".auth-panel button[type=submit]").ClickAsync();
    }

    private async Task<string> SignInOnceAsync(string userName)
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        var page = await context.NewPageAsync();
        await SignInAsync(page, userName);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return await context.StorageStateAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        playwright?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(databaseFile + suffix);
        }
        if (PostgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
