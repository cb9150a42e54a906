using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

/// <summary>Many residents vote in one ballot at once, through the real API; then the counts are checked against the rows.</summary>
internal static class BallotRun
{
    public const string Password = "Gongzhi-Demo-2026";

    private static readonly string[] Choices = ["方案一", "方案二", "方案三"];

    public static async Task<bool> RunAsync(NpgsqlConnection db, HttpClient http, AuthenticationHeaderValue staff, int voters, int clients)
    {
        var clock = Stopwatch.StartNew();
        await Voters.CreateAsync(db, voters);
        Console.WriteLine();
        Console.WriteLine($"made {voters:N0} verified residents of {Voters.Community} in {clock.Elapsed.TotalSeconds:F1} s");
        // Each resident signs in once, before the timed minute: every sign-in checks the password hash (PBKDF2), which is
        // the cost of signing in, not of voting.
        clock.Restart();
        var tokens = new AuthenticationHeaderValue[voters];
        await Parallel.ForEachAsync(Enumerable.Range(1, voters), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (k, _) => tokens[k - 1] = await SignInAsync(http, $"bench-voter-{k}"));
        Console.WriteLine($"signed in {voters:N0} residents in {clock.Elapsed.TotalSeconds:F1} s (not part of the vote's time)");

        using var created = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/participation/ballots")
        {
            Headers = { Authorization = staff },
            Content = JsonContent.Create(new
            {
                title = "楼道加装电梯方案表决",
                jurisdictionCode = Voters.Community,
                options = Choices,
                opensAt = DateTimeOffset.UtcNow.AddSeconds(-1),
                closesAt = DateTimeOffset.UtcNow.AddHours(2),
                secret = true,
                hideResultsUntilClose = false,
            }),
        });
        var createdText = await created.Content.ReadAsStringAsync();
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"ballot: {(int)created.StatusCode} {createdText}");
        }
        var ballot = JsonDocument.Parse(createdText).RootElement;
        var ballotId = ballot.GetProperty("id").GetString()!;
        var options = ballot.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToArray();

        // Every resident votes once, from a pool of clients; the choice spreads over the options.
        var next = -1;
        var statuses = new ConcurrentDictionary<int, int>();
        var times = new ConcurrentBag<double>();
        clock.Restart();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < voters)
            {
                var one = Stopwatch.StartNew();
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/participation/ballots/{ballotId}/votes")
                {
                    Headers = { Authorization = tokens[i] },
                    Content = JsonContent.Create(new { optionId = options[i % options.Length] }),
                };
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                times.Add(one.Elapsed.TotalMilliseconds);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            }
        }));
        var wall = clock.Elapsed;
        var accepted = statuses.GetValueOrDefault(201);

        // A second vote from some who already voted: each must be refused, not counted.
        var retries = Math.Min(100, voters);
        var doubleAccepted = 0;
        for (var i = 0; i < retries; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/participation/ballots/{ballotId}/votes")
            {
                Headers = { Authorization = tokens[i] },
                Content = JsonContent.Create(new { optionId = options[(i + 1) % options.Length] }),
            };
            using var response = await http.SendAsync(request);
            doubleAccepted += response.IsSuccessStatusCode ? 1 : 0;
        }

        var participations = await DistrictFill.ScalarAsync(db, $"SELECT count(*) FROM participation_ballot_participations WHERE \"BallotId\" = '{ballotId}'");
        var distinctVoters = await DistrictFill.ScalarAsync(db, $"SELECT count(DISTINCT \"VoterAccountId\") FROM participation_ballot_participations WHERE \"BallotId\" = '{ballotId}'");
        var votes = await DistrictFill.ScalarAsync(db, $"SELECT count(*) FROM participation_ballot_votes WHERE \"BallotId\" = '{ballotId}'");
        using var resultsRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/participation/ballots/{ballotId}/results") { Headers = { Authorization = staff } };
        using var resultsResponse = await http.SendAsync(resultsRequest);
        var results = JsonDocument.Parse(await resultsResponse.Content.ReadAsStringAsync()).RootElement;
        var tally = results.GetProperty("options").EnumerateArray().Sum(o => o.GetProperty("votes").GetInt32());
        var turnout = results.GetProperty("turnout").GetInt32();

        var sorted = times.Order().ToList();
        Console.WriteLine();
        Console.WriteLine("| votes | clients | wall time s | votes/s | p50 ms | p95 ms | max ms | answers |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {voters:N0} | {clients} | {wall.TotalSeconds:F1} | {voters / wall.TotalSeconds:F0} | {Percentile(sorted, 0.5):F1} | {Percentile(sorted, 0.95):F1} | {sorted[^1]:F1} | {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value:N0}×{s.Key}"))} |"));
        Console.WriteLine();
        Console.WriteLine($"accepted {accepted:N0}; participation rows {participations:N0}, distinct voters {distinctVoters:N0}, vote rows {votes:N0}; " +
            $"published tally {tally:N0}, turnout {turnout:N0}; second votes accepted {doubleAccepted} of {retries}");
        var agree = accepted == voters && participations == voters && distinctVoters == voters && votes == voters && tally == voters
            && turnout == voters && doubleAccepted == 0;
        Console.WriteLine(agree ? "none lost, none double, tally = rows" : "COUNTS DISAGREE");
        return agree;
    }

    public static async Task<AuthenticationHeaderValue> SignInAsync(HttpClient http, string userName)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        return new AuthenticationHeaderValue("Bearer", token);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
