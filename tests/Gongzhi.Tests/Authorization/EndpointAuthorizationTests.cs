using System.Net;
using System.Net.Http.Json;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Authorization;

/// <summary>
/// Enumerates the endpoints the running app really has, so that an endpoint nobody classified fails
/// here, and checks anonymous, foreign-scope and non-admin callers against each.
/// </summary>
public sealed partial class EndpointAuthorizationTests(GongzhiApp app)
{
    private static readonly string[] NonAdminProbes = ["street.420103001", "resident1", "dept.420103.cgj"];

    [Fact]
    public void EveryApiEndpoint_HasARowInTheMatrix()
    {
        var missing = ApiEndpoints()
            .Where(e => !EndpointAccessMatrix.Rows.Any(r => r.Method == e.Method && r.Route == e.Route))
            .Select(e => $"{e.Method} {e.Route}")
            .ToList();
        Assert.True(missing.Count == 0, "Endpoints without an access row in EndpointAccessMatrix: " + string.Join(", ", missing));

        var stale = EndpointAccessMatrix.Rows.Where(r => !ApiEndpoints().Contains((r.Method, r.Route))).Select(r => $"{r.Method} {r.Route}").ToList();
        Assert.True(stale.Count == 0, "Matrix rows for endpoints that no longer exist: " + string.Join(", ", stale));
    }

    public static TheoryData<string, string> Protected() => new(EndpointAccessMatrix.Rows
        .Where(r => r.Audience != Audience.Public).Select(r => (r.Method, r.Route)));

    [Theory]
    [MemberData(nameof(Protected))]
    public async Task ProtectedEndpoint_Anonymous_Returns401(string method, string route)
    {
        var row = Row(method, route);
        using var client = app.Anonymous();
        var response = await client.SendAsync(Request(row, row.OwnPath is null ? Concrete(route) : await ResolveAsync(row.OwnPath)),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, string> Scoped() => new(EndpointAccessMatrix.Rows
        .Where(r => r.Audience == Audience.Scoped).Select(r => (r.Method, r.Route)));

    [Theory]
    [MemberData(nameof(Scoped))]
    public async Task ScopedEndpoint_FromAnotherStreet_Returns403Or404_AndOwnScopeIsAllowed(string method, string route)
    {
        var row = Row(method, route);
        Assert.False(row.ForeignPath is null || row.OwnPath is null, $"{method} {route} is scoped and needs both an own and a foreign path.");
        using var client = await app.ClientForAsync(EndpointAccessMatrix.Prober);

        var foreign = await client.SendAsync(Request(row, await ResolveAsync(row.ForeignPath!)), TestContext.Current.CancellationToken);
        Assert.True(foreign.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
            $"{method} {row.ForeignPath} as {EndpointAccessMatrix.Prober} returned {(int)foreign.StatusCode}");

        var own = await client.SendAsync(Request(row, await ResolveAsync(row.OwnPath!)), TestContext.Current.CancellationToken);
        Assert.True(own.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound),
            $"{method} {row.OwnPath} as {EndpointAccessMatrix.Prober} returned {(int)own.StatusCode}");
    }

    /// <summary>
    /// Every staff account of the demo whose scope lies outside 花楼街街道, whatever its role: none may reach that street's data.
    /// (Residents are not scoped by place but by reporter: they see the cases they reported, wherever those are.)
    /// </summary>
    private static readonly string[] Outsiders = ["street.420103001", "community.420103001002", "grid.420103001002001"];

    public static TheoryData<string, string, string> ScopedByOutsider() => new(EndpointAccessMatrix.Rows
        .Where(r => r.Audience == Audience.Scoped)
        .SelectMany(r => Outsiders.Select(account => (r.Method, r.Route, account))));

    [Theory]
    [MemberData(nameof(ScopedByOutsider))]
    public async Task ScopedEndpoint_ForeignPath_NeverSucceeds_ForAnyRoleOutsideThatStreet(string method, string route, string account)
    {
        var row = Row(method, route);
        using var client = await app.ClientForAsync(account);
        var response = await client.SendAsync(Request(row, await ResolveAsync(row.ForeignPath!)), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        // 400 (the body or role is refused before any data is read) is no leak either; any success is.
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest
            && !ForeignRecord().IsMatch(body),
            $"{method} {row.ForeignPath} as {account} returned {(int)response.StatusCode}: {body}");
    }

    public static TheoryData<string, string> AdminOnly() => new(EndpointAccessMatrix.Rows
        .Where(r => r.Audience == Audience.Admin).Select(r => (r.Method, r.Route)));

    [Theory]
    [MemberData(nameof(AdminOnly))]
    public async Task AdminEndpoint_ForOtherRoles_Returns403(string method, string route)
    {
        var row = Row(method, route);
        foreach (var probe in NonAdminProbes)
        {
            using var client = await app.ClientForAsync(probe);
            var response = await client.SendAsync(Request(row, row.OwnPath ?? Concrete(route)), TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {route} as {probe} returned {(int)response.StatusCode}");
        }
    }

    private HashSet<(string Method, string Route)> ApiEndpoints() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/", StringComparison.Ordinal) || raw.StartsWith("/open311/", StringComparison.Ordinal))
            && !raw.Contains("**", StringComparison.Ordinal))
        .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => (m, e.RoutePattern.RawText!)))
        .ToHashSet();

    /// <summary>Replaces <c>{org:CODE}</c> and <c>{body:CODE}</c> in a matrix path with the seeded organisation's or body's id.</summary>
    private async Task<string> ResolveAsync(string path)
    {
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(path, @"\{org:([^}]+)\}"))
        {
            var code = match.Groups[1].Value;
            var organisation = await app.WithDbAsync(db => Gongzhi.Modules.Organisations.OrganisationDirectory.FindByCodeAsync(db, code, CancellationToken.None));
            Assert.True(organisation is not null, $"The matrix names organisation {code}, which the demo data does not have.");
            path = path.Replace(match.Value, organisation!.Id.ToString(), StringComparison.Ordinal);
        }
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(path, @"\{body:([^}]+)\}"))
        {
            var code = match.Groups[1].Value;
            var body = await app.WithDbAsync(db => db.Set<Gongzhi.Modules.Conferences.ConferenceBody>()
                .FirstOrDefaultAsync(b => b.JurisdictionCode == code, CancellationToken.None));
            Assert.True(body is not null, $"The matrix names the body of {code}, which the demo data does not have.");
            path = path.Replace(match.Value, body!.Id.ToString(), StringComparison.Ordinal);
        }
        return path;
    }

    private static EndpointAccess Row(string method, string route) =>
        EndpointAccessMatrix.Rows.Single(r => r.Method == method && r.Route == route);

    /// <summary>Fills route parameters with harmless values for the checks that stop before the handler.</summary>
    private static string Concrete(string route) => System.Text.RegularExpressions.Regex.Replace(route, @"\{([a-zA-Z]+)(:[^}]*)?\}", m =>
        m.Groups[1].Value switch
        {
            "code" => "420103001",
            "id" => Guid.Empty.ToString(),
            "date" => "2026-10-01",
            "year" => "2026",
            _ => "x",
        });

    private static HttpRequestMessage Request(EndpointAccess row, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(row.Method), path);
        if (row.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = JsonContent.Create(row.Body ?? new { });
        }
        return request;
    }

    /// <summary>A jurisdiction code below 花楼街街道 (its communities and grids): what a record of that street carries.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("420103002[0-9]{3}")]
    private static partial System.Text.RegularExpressions.Regex ForeignRecord();
}
