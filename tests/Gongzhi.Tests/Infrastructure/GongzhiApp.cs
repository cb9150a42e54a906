using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

[assembly: AssemblyFixture(typeof(Gongzhi.Tests.Infrastructure.GongzhiApp))]

namespace Gongzhi.Tests.Infrastructure;

/// <summary>
/// The whole application on a real database with the Wuhan demo data, shared by the test assembly.
/// Tests that change data create their own records so that they do not depend on each other's order.
/// A test may also start its own instances: on a database of its own, or on one <see cref="SharedDatabase"/>
/// with other instances (a restart, or several nodes), with its own <see cref="Clock"/>.
/// </summary>
public sealed class GongzhiApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, string> tokens = new();
    private TestDatabase? database;
    private bool ownsDatabase;

    public string Provider => TestDatabase.ProviderName;

    /// <summary>This instance's own folder for stored files, removed with it.</summary>
    public string FilesDirectory { get; } = Path.Combine(Path.GetTempPath(), $"gongzhi-files-{Guid.NewGuid():N}");

    public static string Password => StartupPreparation.DefaultDemoPassword;

    /// <summary>The errors this instance logged lately, to explain an unexpected 500.</summary>
    public ServerErrorLog ServerErrors { get; } = new();

    /// <summary>Settings that override the defaults below; set before <see cref="InitializeAsync"/>.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>
    /// A database another instance also uses; this instance neither creates nor drops it. Unset, the
    /// instance makes a fresh database and drops it when disposed.
    /// </summary>
    public TestDatabase? SharedDatabase { get; init; }

    /// <summary>Replaces the app's <see cref="TimeProvider"/>, e.g. with a FakeTimeProvider.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Further service replacements, applied after the app's own registrations.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>The database this instance runs on, to share with another instance.</summary>
    public TestDatabase Database => database ?? throw new InvalidOperationException("The app is not initialised yet.");

    public async ValueTask InitializeAsync()
    {
        ownsDatabase = SharedDatabase is null;
        database = SharedDatabase ?? await TestDatabase.CreateAsync();
        // Building the host runs Program: migrations, reference data and demo accounts; the derived
        // boundaries follow in the background, and tests locate points, so wait for them.
        await Services.GetRequiredService<Gongzhi.Modules.Jurisdictions.BoundaryPreparation>().Ready.WaitAsync(TimeSpan.FromMinutes(3));
        // The registry's demo data is placed in those grids in the background too; a test that counts records (a backup)
        // must not see it arrive halfway.
        await Services.GetRequiredService<Gongzhi.Modules.Registry.RegistryDemo>().Ready.WaitAsync(TimeSpan.FromMinutes(3));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", database!.Provider);
        builder.UseSetting("ConnectionStrings:Gongzhi", database.ConnectionString);
        builder.UseSetting("Gongzhi:Demo", "true");
        builder.UseSetting("GONGZHI_DEMO_PASSWORD", Password);
        builder.UseSetting("Files:Directory", FilesDirectory);
        // Every test signs in from the same (absent) address; RateLimitTests checks the limit on an instance of its own.
        builder.UseSetting("Access:LoginPermitsPerMinute", "100000");
        // Likewise for the failures an address may make across accounts (tests that fail on purpose share the address).
        builder.UseSetting("Access:FailuresPerAddress", "100000");
        builder.UseSetting("Cases:IntakePerMinute", "100000");
        builder.UseSetting("Cases:AnonymousIntakePerMinute", "100000");
        // Registration and reports without an account ask for phone codes from that same address.
        builder.UseSetting("PhoneCodes:CodesPerAddressPerHour", "100000");
        // Deadline scans would change records under other tests' feet; tests that want them call RunOnceAsync or set this.
        builder.UseSetting("Cases:DeadlineScanSeconds", "0");
        builder.UseSetting("Conferences:ReminderScanSeconds", "0");
        builder.UseSetting("Services:DeadlineScanSeconds", "0");
        // Likewise the sweep of abandoned uploads, which a test's fake clock moved by days would set off.
        builder.UseSetting("Files:SweepMinutes", "0");
        // Generated demo cases would change every count the tests make; CaseGenerationTests turns them on.
        builder.UseSetting("Cases:DemoCount", "0");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(ServerErrors));
        builder.ConfigureTestServices(services =>
        {
            if (Clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(Clock);
            }
            TestServices?.Invoke(services);
        });
    }

    /// <summary>A client signed in (bearer token) as a demo or test account.</summary>
    public async Task<HttpClient> ClientForAsync(string userName, string? password = null)
    {
        var token = tokens.GetOrAdd(userName, _ => "");
        // A sign-in can be revoked (Sessions): a test that signs an account out, locks it or changes its password ends the
        // cached token of every test after it, so a token the app refuses is taken again rather than reused.
        if (token.Length > 0)
        {
            using var check = CreateClient();
            check.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var me = await check.GetAsync("/api/v1/auth/me");
            if (me.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                token = "";
            }
        }
        if (token.Length == 0)
        {
            using var anonymous = CreateClient();
            var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password = password ?? Password });
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<TokenBody>();
            token = body!.AccessToken;
            tokens[userName] = token;
        }
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Runs the start-up seeder of type <paramref name="typeName"/> again, as the system, as the next start would.</summary>
    public async Task RunSeederAsync(string typeName)
    {
        var seeder = Services.GetServices<ISeeder>().Single(s => s.GetType().Name == typeName);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        await seeder.SeedAsync(db, new SeedContext(false, "", Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance),
            TestContext.Current.CancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> against the database as the system (no scope filter).</summary>
    public async Task<T> WithDbAsync<T>(Func<GongzhiDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        return await work(db);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null && ownsDatabase)
        {
            await database.DisposeAsync();
        }
        if (Directory.Exists(FilesDirectory))
        {
            Directory.Delete(FilesDirectory, recursive: true);
        }
    }

    private sealed record TokenBody(string AccessToken, long ExpiresIn);
}
