using System.Net;
using System.Net.Http.Json;
using Gongzhi.Tests.Infrastructure;

namespace Gongzhi.Tests.Access;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Login_BeyondThePermitsOfAMinute_Answers429()
    {
        await using var app = new GongzhiApp();
        app.Settings["Access:LoginPermitsPerMinute"] = "3";
        await app.InitializeAsync();
        using var client = app.Anonymous();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "nobody.rate", password = "wrong-password-1" },
                TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
