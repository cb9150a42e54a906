using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace Gongzhi.Tests.Authorization;

/// <summary>
/// The web pages' counterpart of <see cref="EndpointAuthorizationTests"/>: enumerates the pages the app can route to, so that
/// a page nobody classified fails here, and opens every page as each role (signed in through the web form, as a browser is)
/// on its own and on a foreign record, and anonymously.
/// </summary>
public sealed partial class PageAuthorizationTests(GongzhiApp app)
{
    [Fact]
    public void EveryPage_HasARowInTheMatrix()
    {
        var live = PageRoutes();
        var missing = live.Where(route => !PageAccessMatrix.Rows.Any(r => r.Route == route)).ToList();
        Assert.True(missing.Count == 0, "Pages without an access row in PageAccessMatrix: " + string.Join(", ", missing));

        var stale = PageAccessMatrix.Rows.Where(r => !live.Contains(r.Route)).Select(r => r.Route).ToList();
        Assert.True(stale.Count == 0, "Matrix rows for pages that no longer exist: " + string.Join(", ", stale));

        var twice = PageAccessMatrix.Rows.GroupBy(r => r.Route).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "Pages with two rows: " + string.Join(", ", twice));
        var malformed = PageAccessMatrix.Rows.Where(r => !CellPattern().IsMatch(r.Cells)).Select(r => $"{r.Route}: {r.Cells}").ToList();
        Assert.True(malformed.Count == 0, "Rows whose cells are not 8 role pairs and the anonymous outcome: " + string.Join(", ", malformed));
    }

    /// <summary>
    /// Every cell, in one pass on the shared app. A page rendered to a role whose scope does not reach 花楼街街道 must name
    /// none of the foreign records. All differences are reported together.
    /// </summary>
    [Fact]
    public async Task EveryPage_AsEveryRole_OnOwnAndForeignRecords_AndAnonymously_AnswersAsTheMatrixSays()
    {
        var records = await MatrixRecords.CreateAsync(app, settings: false);
        var browsers = new Dictionary<MatrixRole, HttpClient>();
        foreach (var (role, _) in MatrixRecords.Roles)
        {
            browsers[role] = await SignInWithFormAsync(records.UserNames[role]);
        }
        using var anonymous = app.Anonymous();
        // Ids and references of the foreign records, and the titles the matrix gave them (the foreign case and unit).
        var foreignMarkers = records.ForeignMarkers.Append("矩阵外街道").ToList();
        var markersShown = new HashSet<string>();
        var differences = new List<string>();
        var observedRows = new List<string>();
        foreach (var row in PageAccessMatrix.Rows)
        {
            var observed = new StringBuilder();
            foreach (var (role, _) in MatrixRecords.Roles)
            {
                // A path without a record or scope in it is the same call for both cells.
                var sameCall = !row.Path.Contains('{', StringComparison.Ordinal);
                (char Outcome, string Answer, string Body)? ownCall = null;
                foreach (var foreign in new[] { false, true })
                {
                    var path = records.Resolve(row.Path, role, foreign);
                    var (outcome, answer, body) = foreign && sameCall ? ownCall!.Value : await OpenAsync(browsers[role], path);
                    ownCall ??= (outcome, answer, body);
                    observed.Append(outcome);
                    var expected = row.Cells[((int)role * 3) + (foreign ? 1 : 0)];
                    if (outcome == 'A' && foreignMarkers.FirstOrDefault(m => body.Contains(m, StringComparison.OrdinalIgnoreCase)) is { } shown)
                    {
                        if (CoversForeignStreet.Contains(role))
                        {
                            markersShown.Add(shown);
                        }
                        else
                        {
                            differences.Add($"{path} as {role} ({(foreign ? "foreign" : "own")}) rendered the foreign record {shown}");
                        }
                    }
                    if (outcome != expected)
                    {
                        // An unexpected answer (a 500) brings what the server said, to tell a flaw from a flake.
                        differences.Add($"{path} as {role} ({(foreign ? "foreign" : "own")}): expected {expected}, got {answer}"
                            + (outcome == '!' ? " " + body[..Math.Min(body.Length, 1500)] + "\nLogged lately:\n" + string.Join("\n", app.ServerErrors.Latest(2)) : ""));
                    }
                }
                observed.Append(' ');
            }
            var anonymousPath = records.Resolve(row.Path, null, false);
            var (anonymousOutcome, anonymousAnswer, _) = await OpenAsync(anonymous, anonymousPath);
            observed.Append(anonymousOutcome);
            if (anonymousOutcome != row.Cells[^1])
            {
                differences.Add($"{anonymousPath} anonymously: expected {row.Cells[^1]}, got {anonymousAnswer}");
            }
            if (observed.ToString() != row.Cells)
            {
                observedRows.Add($"{row.Route} \"{observed}\"");
            }
        }
        foreach (var browser in browsers.Values)
        {
            browser.Dispose();
        }
        // The leak check is only worth something if the pages show what it looks for: the roles that may see the foreign records do.
        Assert.True(markersShown.Count >= 3, "Pages rendered to the city and district roles named too few foreign records for the leak check to mean anything: "
            + string.Join(", ", markersShown));
        Assert.True(differences.Count == 0, $"{differences.Count} cells differ from the matrix:\n" + string.Join("\n", differences)
            + "\n\nRows as observed:\n" + string.Join("\n", observedRows));
    }

    /// <summary>The roles whose scope (city or district) takes in 花楼街街道: for them the foreign records are in scope.</summary>
    private static readonly MatrixRole[] CoversForeignStreet = [MatrixRole.Admin, MatrixRole.CommandCentre, MatrixRole.DepartmentStaff];

    private static async Task<(char Outcome, string Answer, string Body)> OpenAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(path, TestContext.Current.CancellationToken);
        var status = (int)response.StatusCode;
        var location = response.Headers.Location is { } to ? PathOf(to) : "";
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var outcome = status switch
        {
            200 => 'A',
            403 => 'D',
            404 => 'N',
            302 when location.Contains("/account/denied", StringComparison.Ordinal) => 'D',
            302 when location.Contains("/account/login", StringComparison.Ordinal) => 'U',
            _ => '!',
        };
        return (outcome, $"{status}{(location.Length > 0 ? " → " + location : "")}", body);
    }

    /// <summary>A browser-like client: signed in through the sign-in form (antiforgery token and all), holding the cookie.</summary>
    private async Task<HttpClient> SignInWithFormAsync(string userName)
    {
        var browser = app.Anonymous();
        var form = await browser.GetStringAsync("/account/login", TestContext.Current.CancellationToken);
        using var signIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value),
            ["Input.UserName"] = userName,
            ["Input.Password"] = GongzhiApp.Password,
            ["Input.ReturnUrl"] = "/",
        }), TestContext.Current.CancellationToken);
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect && signIn.Headers.Location is { } home && PathOf(home) == "/",
            $"Signing in {userName} through the form answered {(int)signIn.StatusCode} {signIn.Headers.Location}");
        return browser;
    }

    private static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    /// <summary>The templates of every routable component in the app, as the router sees them.</summary>
    private static HashSet<string> PageRoutes() => typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
        .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("^([ADNU]{2} ){8}[ADNU]$")]
    private static partial Regex CellPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
