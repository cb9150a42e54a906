using System.Diagnostics;
using Npgsql;

/// <summary>
/// Writes a district's proposals and supports straight into the tables the migrations made (the server has migrated and
/// seeded the database first), with the counters each proposal keeps equal to its rows.
/// </summary>
internal static class DistrictFill
{
    public const string District = "420103";

    public static async Task<TimeSpan> ProposalsAsync(NpgsqlConnection db, int proposals, int supports)
    {
        var clock = Stopwatch.StartNew();
        // Proposals over the district's communities, one every 37 seconds back from now (about 43 days for 100,000), so
        // some are still open for support and the newest and hot orders differ. Titles carry a few everyday words.
        await ExecuteAsync(db, $"""
            CREATE TEMP TABLE bench_proposals AS
            SELECT i, gen_random_uuid() AS id, c.codes[1 + i % array_length(c.codes, 1)] AS code,
                   now() - i * interval '37 seconds' AS created
            FROM generate_series(0, {proposals - 1}) AS i,
                 (SELECT array_agg("Code" ORDER BY "Code") AS codes FROM jurisdictions
                  WHERE "Code" LIKE '{District}%' AND length("Code") = 12) AS c;
            INSERT INTO participation_proposals ("Id", "Title", "Body", "JurisdictionCode", "ProposerAccountId", "ProposerName",
                "State", "SupportCount", "HotScore", "CreatedAt", "SupportUntil", "Version", "HouseholdCount")
            SELECT id,
                   '第' || i || '号提议：' || (ARRAY['加装电梯','小区停车','垃圾分类','路灯维修','绿化改造','噪音治理','老年食堂','儿童游乐'])[1 + i % 8],
                   '居民提议第' || i || '号，请社区议事会讨论。', code, 'bench-proposer-' || (i % 5000), '居民' || (i % 5000),
                   'Open', 0, 0, created, created + interval '30 days', 0, 0
            FROM bench_proposals;
            """);
        // Supports lean towards the newer proposals (a cube of a uniform draw), each from its own account and household,
        // so a proposal's count of supporters and of households are both its number of rows.
        await ExecuteAsync(db, $"""
            INSERT INTO participation_proposal_supports ("Id", "ProposalId", "AccountId", "JurisdictionCode", "SupportedAt", "HouseholdKey")
            SELECT gen_random_uuid(), p.id, 'bench-supporter-' || s.j, p.code, p.created + interval '1 hour', md5('bench-household-' || s.j)
            FROM (SELECT j, floor({proposals} * power(random(), 3))::int AS i FROM generate_series(0, {supports - 1}) AS j) AS s
            JOIN bench_proposals AS p ON p.i = s.i;
            """);
        // The counters as the service keeps them: supporters, households and the hot score of Hotness.Score.
        await ExecuteAsync(db, """
            UPDATE participation_proposals AS p
            SET "SupportCount" = c.n, "HouseholdCount" = c.n
            FROM (SELECT "ProposalId", count(*)::int AS n FROM participation_proposal_supports GROUP BY "ProposalId") AS c
            WHERE c."ProposalId" = p."Id";
            UPDATE participation_proposals
            SET "HotScore" = log(10, "SupportCount" + 1) + floor(extract(epoch FROM "CreatedAt")) / 180000.0;
            ANALYZE participation_proposals;
            ANALYZE participation_proposal_supports;
            """);
        return clock.Elapsed;
    }

    /// <summary>Whether every proposal's counters equal its rows (the fill is only worth timing if they do).</summary>
    public static async Task<long> InconsistentCountersAsync(NpgsqlConnection db) => await ScalarAsync(db, """
        SELECT count(*) FROM participation_proposals AS p
        WHERE p."SupportCount" <> (SELECT count(*) FROM participation_proposal_supports AS s WHERE s."ProposalId" = p."Id")
           OR p."HouseholdCount" <> (SELECT count(DISTINCT s."HouseholdKey") FROM participation_proposal_supports AS s WHERE s."ProposalId" = p."Id");
        """);

    public static async Task ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 3600 };
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 3600 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
