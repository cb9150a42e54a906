using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Tests.Infrastructure;

namespace Gongzhi.Tests.Access;

public sealed class AuditTests(GongzhiApp app)
{
    [Fact]
    public async Task Audit_Anonymous_Returns401()
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync("/api/v1/audit?scope=420103001", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Audit_OfAnotherStreet_Returns403()
    {
        using var client = await app.ClientForAsync("street.420103001");
        var response = await client.GetAsync("/api/v1/audit?scope=420103002", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Audit_OfOwnStreetAndItsCommunities_Returns200()
    {
        using var client = await app.ClientForAsync("street.420103001");
        var own = await client.GetAsync("/api/v1/audit?scope=420103001", TestContext.Current.CancellationToken);
        var community = await client.GetAsync("/api/v1/audit?scope=420103001002", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, community.StatusCode);
    }

    [Fact]
    public async Task Audit_ForResident_Returns403()
    {
        using var client = await app.ClientForAsync("resident1");
        var response = await client.GetAsync("/api/v1/audit?scope=420103001002", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Audit_Admin_SeesAnyScopeIncludingSignIns()
    {
        using (var anonymous = app.Anonymous())
        {
            // An unknown name: a failed attempt on a shared demo account would race with other tests' sign-ins on its row.
            await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = "audit.nobody", password = "wrong-password-1" },
                TestContext.Current.CancellationToken);
        }
        using var admin = await app.ClientForAsync("admin");
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?scope=420100&action=sign-in-failed&take=100",
            TestContext.Current.CancellationToken);

        Assert.Contains(page.GetProperty("items").EnumerateArray(), e => e.GetProperty("subjectKey").GetString() == "audit.nobody");
        var street = await admin.GetAsync("/api/v1/audit?scope=420103002", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, street.StatusCode);
    }

    [Fact]
    public async Task Audit_WithMalformedScope_Returns400()
    {
        using var admin = await app.ClientForAsync("admin");
        var response = await admin.GetAsync("/api/v1/audit?scope=abc", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
