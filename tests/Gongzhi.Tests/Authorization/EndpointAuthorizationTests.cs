using System.Net;
using System.Net.Http.Json;
using System.Text;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Authorization;

/// <summary>
/// Enumerates the endpoints the running app really has, so that an endpoint nobody classified fails here, and calls
/// every cell of the matrix: each endpoint as each role on its own and on a foreign record, and anonymously.
/// </summary>
public sealed class EndpointAuthorizationTests(GongzhiApp app)
{
    [Fact]
    public void EveryApiEndpoint_HasARowInTheMatrix()
    {
        var live = ApiEndpoints();
        var missing = live.Where(e => !EndpointAccessMatrix.Rows.Any(r => r.Method == e.Method && r.Route == e.Route))
            .Select(e => $"{e.Method} {e.Route}").ToList();
        Assert.True(missing.Count == 0, "Endpoints without an access row in EndpointAccessMatrix: " + string.Join(", ", missing));

        var stale = EndpointAccessMatrix.Rows.Where(r => !live.Contains((r.Method, r.Route))).Select(r => $"{r.Method} {r.Route}").ToList();
        Assert.True(stale.Count == 0, "Matrix rows for endpoints that no longer exist: " + string.Join(", ", stale));

        var twice = EndpointAccessMatrix.Rows.GroupBy(r => (r.Method, r.Route)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Method} {g.Key.Route}").ToList();
        Assert.True(twice.Count == 0, "Endpoints with two rows: " + string.Join(", ", twice));
        var malformed = EndpointAccessMatrix.Rows.Where(r => !System.Text.RegularExpressions.Regex.IsMatch(r.Cells, "^([AFU?]{2} ){8}[AFU]$"))
            .Select(r => $"{r.Method} {r.Route}: {r.Cells}").ToList();
        Assert.True(malformed.Count == 0, "Rows whose cells are not 8 role pairs and the anonymous outcome: " + string.Join(", ", malformed));
    }

    /// <summary>
    /// Every cell, in one pass on one app. Reads go first and the calls that end a record (withdraw, cancel, revoke, delete …)
    /// last, so a record is still there for the rows that read it. All differences are reported together.
    /// </summary>
    [Fact]
    public async Task EveryEndpoint_AsEveryRole_OnOwnAndForeignRecords_AndAnonymously_AnswersAsTheMatrixSays()
    {
        var records = await MatrixRecords.CreateAsync(app);
        var differences = new List<string>();
        var observedRows = new List<string>();
        foreach (var row in EndpointAccessMatrix.Rows.Where(r => !r.Route.Equals(SignOut, StringComparison.Ordinal)).OrderBy(Stage))
        {
            var observed = new StringBuilder();
            foreach (var (role, _) in MatrixRecords.Roles)
            {
                foreach (var foreign in new[] { false, true })
                {
                    var path = records.Resolve(row.Path, role, foreign);
                    var (outcome, status, body) = await CallAsync(records, records.Clients[role], row, path, role, foreign);
                    observed.Append(outcome);
                    var expected = row.Cells[((int)role * 3) + (foreign ? 1 : 0)];
                    // Public rows (Open311) publish every request by design; the rest must not name a foreign record to an outsider.
                    if (row.Cells[^1] != 'A' && !CoversForeignStreet.Contains(role) && records.ForeignMarkers.FirstOrDefault(m => body.Contains(m, StringComparison.OrdinalIgnoreCase)) is { } leaked)
                    {
                        differences.Add($"{row.Method} {path} as {role} ({(foreign ? "foreign" : "own")}) answered {status} naming the foreign record {leaked}: {Clip(body)}");
                    }
                    if (outcome != expected && !(expected == '?' && outcome is 'A' or 'F'))
                    {
                        // A 500 brings what the server logged, to tell a flaw from a flake.
                        differences.Add($"{row.Method} {path} as {role} ({(foreign ? "foreign" : "own")}): expected {expected}, got {status} {Clip(body)}"
                            + (status == 500 ? "\nLogged lately:\n" + string.Join("\n", app.ServerErrors.Latest(1)) : ""));
                    }
                }
                observed.Append(' ');
            }
            var anonymousPath = records.Resolve(row.Path, null, false);
            var (anonymous, anonymousStatus, anonymousBody) = await CallAsync(records, records.Anonymous, row, anonymousPath, null, false);
            observed.Append(anonymous);
            if (anonymous != row.Cells[^1])
            {
                differences.Add($"{row.Method} {anonymousPath} anonymously: expected {row.Cells[^1]}, got {anonymousStatus} {Clip(anonymousBody)}");
            }
            if (!Matches(observed.ToString(), row.Cells))
            {
                observedRows.Add($"{row.Method} {row.Route} \"{observed}\"");
            }
        }
        Assert.True(differences.Count == 0, $"{differences.Count} cells differ from the matrix:\n" + string.Join("\n", differences)
            + "\n\nRows as observed:\n" + string.Join("\n", observedRows));
    }

    private static bool Matches(string observed, string cells) =>
        observed.Length == cells.Length && observed.Zip(cells).All(p => p.First == p.Second || (p.Second == '?' && p.First is 'A' or 'F'));

    private static async Task<(char Outcome, int Status, string Body)> CallAsync(MatrixRecords records, HttpClient client, EndpointAccess row, string path,
        MatrixRole? role, bool foreign)
    {
        using var request = new HttpRequestMessage(new HttpMethod(row.Method), path);
        if (row.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = row.Send switch
            {
                Send.Form => new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["api_key"] = records.Resolve("{apikey}", null, false),
                    ["service_code"] = "0103",
                    ["description"] = "矩阵 Open311 报件",
                }),
                // Bytes that are neither an image nor a CSV: whoever may upload is answered 400, whoever may not 403.
                Send.Upload => new MultipartFormDataContent { { new ByteArrayContent([0x00, 0x01, 0x02]), "file", "matrix.bin" } },
                _ => new StringContent(records.Resolve(row.Body ?? "{}", role, foreign), Encoding.UTF8, "application/json"),
            };
        }
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var status = (int)response.StatusCode;
        var outcome = status switch
        {
            >= 200 and < 300 or 400 or 409 or 422 => 'A',
            403 or 404 => 'F',
            401 => 'U',
            _ => '!',
        };
        return (outcome, status, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The roles whose scope (city or district) takes in 花楼街街道: for them the foreign records are in scope.</summary>
    private static readonly MatrixRole[] CoversForeignStreet = [MatrixRole.Admin, MatrixRole.CommandCentre, MatrixRole.DepartmentStaff];

    private static readonly string[] Ending = ["/withdraw", "/cancel", "/decline", "/revoke", "/leave", "/deactivate", "/follow"];

    // Signing out revokes every sign-in of the account (Sessions), and the matrix's accounts are the demo accounts every other
    // test of the shared app signs in as: probing it here signed them all out mid-run. SessionRevocationTests covers it with
    // accounts of its own; the row stays so that the endpoint keeps its place in the matrix.
    private const string SignOut = "/api/v1/auth/logout";

    private static int Stage(EndpointAccess row) =>
        row.Method == "GET" ? 0 : row.Method == "DELETE" || Ending.Any(e => row.Route.EndsWith(e, StringComparison.Ordinal)) ? 2 : 1;

    private static string Clip(string body) => body.Length > 160 ? body[..160] + "…" : body;

    private HashSet<(string Method, string Route)> ApiEndpoints() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/", StringComparison.Ordinal) || raw.StartsWith("/open311/", StringComparison.Ordinal))
            && !raw.Contains("**", StringComparison.Ordinal))
        .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => (m, e.RoutePattern.RawText!)))
        .ToHashSet();
}
