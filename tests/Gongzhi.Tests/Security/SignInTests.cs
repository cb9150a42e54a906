using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Access;
using Gongzhi.Platform.Identity;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static Gongzhi.Tests.Security.SecurityKit;

namespace Gongzhi.Tests.Security;

/// <summary>An instance of its own whose requests come from the address a test names (the test server has none), and whose password checks are counted.</summary>
public sealed class SignInApp : IAsyncLifetime
{
    public const string AddressHeader = "X-Test-Address";

    public CountingHasher Hasher { get; } = new();

    public GongzhiApp App { get; }

    public SignInApp() => App = new GongzhiApp
    {
        TestServices = services =>
        {
            services.AddTransient<IStartupFilter, FromNamedAddress>();
            services.RemoveAll<IPasswordHasher<GongzhiUser>>();
            services.AddSingleton<IPasswordHasher<GongzhiUser>>(Hasher);
        },
    };

    public ValueTask InitializeAsync()
    {
        // Failures from one address across accounts are counted too: low enough here to test it.
        App.Settings["Access:FailuresPerAddress"] = "12";
        return App.InitializeAsync();
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    /// <summary>Counts every password verification, to show an unknown name costs the same work as a known one.</summary>
    public sealed class CountingHasher : IPasswordHasher<GongzhiUser>
    {
        private readonly PasswordHasher<GongzhiUser> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(GongzhiUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(GongzhiUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private sealed class FromNamedAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue(AddressHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }
                return following(context);
            });
            next(app);
        };
    }
}

/// <summary>
/// Wrong passwords cannot lock anyone out: they hold back the name from the address they came from, not the account. And
/// the answer to a sign-in tells nothing about which names exist: the same words and the same work for both.
/// </summary>
public sealed class SignInTests(SignInApp signIn) : IClassFixture<SignInApp>
{
    private GongzhiApp App => signIn.App;

    [Fact]
    public async Task WrongPasswords_FromOneAddress_DoNotStopTheRightPasswordFromAnother()
    {
        var userName = await CreateAccountAsync(App, "lockout", "420103001002", "Resident");

        var attacker = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            attacker.Add((await LoginAsync(userName, "wrong-password-9", "203.0.113.7")).StatusCode);
        }
        var attackerWithRightPassword = await LoginAsync(userName, Password, "203.0.113.7");
        var owner = await LoginAsync(userName, Password, "198.51.100.20");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), attacker);
        Assert.Equal(HttpStatusCode.TooManyRequests, attackerWithRightPassword.StatusCode);
        Assert.True(attackerWithRightPassword.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        // The account itself is not locked.
        Assert.False(await App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == userName).LockoutEnd is not null)));
    }

    [Fact]
    public async Task AnAddress_FailingForManyNames_IsHeldBack_OthersAreNot()
    {
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync($"guess.{i}", "wrong-password-9", "203.0.113.99")).StatusCode);
        }
        var userName = await CreateAccountAsync(App, "spray", "420103001002", "Resident");

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(userName, Password, "203.0.113.99")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(userName, Password, "198.51.100.99")).StatusCode);
    }

    [Fact]
    public async Task UnknownName_GetsTheAnswerOfAWrongPassword_AfterTheSameWork()
    {
        var userName = await CreateAccountAsync(App, "enum", "420103001002", "Resident");

        var before = signIn.Hasher.Verifications;
        var wrongPassword = await LoginAsync(userName, "wrong-password-9", "192.0.2.10");
        var afterWrong = signIn.Hasher.Verifications;
        var unknownName = await LoginAsync("nobody." + Guid.NewGuid().ToString("N")[..8], "wrong-password-9", "192.0.2.11");
        var afterUnknown = signIn.Hasher.Verifications;

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(wrongPassword.StatusCode, unknownName.StatusCode);
        Assert.Equal(await AnswerAsync(wrongPassword), await AnswerAsync(unknownName));
        // One password check each: an unknown name is checked against a dummy hash, so the answer takes as long.
        Assert.Equal(1, afterWrong - before);
        Assert.Equal(1, afterUnknown - afterWrong);
    }

    [Fact]
    public async Task UnknownName_IsHeldBackLikeAKnownOne()
    {
        var unknown = "nobody." + Guid.NewGuid().ToString("N")[..8];
        var known = await CreateAccountAsync(App, "held", "420103001002", "Resident");

        var statuses = new List<(HttpStatusCode Known, HttpStatusCode Unknown)>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add(((await LoginAsync(known, "wrong-password-9", "192.0.2.20")).StatusCode,
                (await LoginAsync(unknown, "wrong-password-9", "192.0.2.21")).StatusCode));
        }

        Assert.All(statuses, s => Assert.Equal(s.Known, s.Unknown));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1].Unknown);
    }

    private async Task<HttpResponseMessage> LoginAsync(string userName, string password, string address)
    {
        using var client = App.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { username = userName, password }),
        };
        request.Headers.Add(SignInApp.AddressHeader, address);
        return await client.SendAsync(request, Cancel);
    }

    /// <summary>What the answer says, without the trace id that differs for every request.</summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return $"{response.Content.Headers.ContentType?.MediaType} {body.GetProperty("status")} {body.GetProperty("title")} {body.GetProperty("detail")}";
    }
}
