using System.Diagnostics;
using System.Globalization;
using Npgsql;

/// <summary>
/// Writes a year of applications for the whole city straight into the table the migrations made (the server has migrated
/// and seeded the catalogue and the jurisdictions first), with SQL: the stored measures (handling days, visits, the
/// follow-up's timeliness) are set as the application sets them when it is decided, so the reads see what the product would.
/// </summary>
internal static class CityYearFill
{
    public const int Batch = 250_000;

    public static async Task<TimeSpan> ApplicationsAsync(NpgsqlConnection db, int count)
    {
        var clock = Stopwatch.StartNew();
        // The catalogue's items with a weight that falls with their rank (a few items make most of the work, as at a real
        // window), and the centres: the streets for district and street items, the communities for community items.
        await ExecuteAsync(db, """
            CREATE TEMP TABLE bench_items AS
            SELECT row_number() OVER (ORDER BY "Code") - 1 AS k, "Id" AS id, "Code" AS code, "Name" AS name, "Level" AS level,
                   "Immediate" AS immediate, "PromisedDays" AS promised, "VersionNumber" AS version
            FROM service_items;
            CREATE TEMP TABLE bench_centres AS
            SELECT array_agg("Code" ORDER BY "Code") FILTER (WHERE length("Code") = 9) AS streets,
                   array_agg("Code" ORDER BY "Code") FILTER (WHERE length("Code") = 12) AS communities
            FROM jurisdictions WHERE "Code" LIKE '4201%';
            """);
        var resident = await StringAsync(db, """SELECT "Id" FROM "AspNetUsers" WHERE "UserName" = 'resident1'""");
        // A stopped fill goes on where it stopped: each batch is one statement, so the rows made are whole batches.
        var made = (int)await ScalarAsync(db, "SELECT count(*) FROM service_applications WHERE \"Reference\" LIKE 'BJ%'");
        for (var start = made; start < count; start += Batch)
        {
            var end = Math.Min(count, start + Batch) - 1;
            // Each row draws its item (rank k with probability falling as the square of a uniform draw), its day of the
            // last 365 (at a working hour), its channel (45 % online, 45 % window, 10 % 代办) and its path: older than three
            // weeks it is decided (3 % not accepted, 5 % refused), newer ones still open in part; one in seven waited for
            // materials (two working days on average, brought to the window half the time); handling within 1.4 times the
            // promised days; six in ten rated, the bad ratings followed up (eight in ten on time). resident1 applied online
            // every 200,000th time, so the history has a handful.
            await ExecuteAsync(db, string.Create(CultureInfo.InvariantCulture, $"""
                INSERT INTO service_applications ("Id", "Reference", "ItemId", "ItemCode", "ItemName", "ItemVersion", "Level", "Immediate",
                    "PromisedDays", "JurisdictionCode", "Channel", "ApplicantUserId", "SubmittedByUserId", "IdempotencyKey",
                    "ApplicantNameProtected", "ApplicantNameMasked", "ApplicantIdNumberProtected", "ApplicantIdNumberHash", "ApplicantIdNumberMasked",
                    "ApplicantPhoneProtected", "ApplicantPhoneHash", "ApplicantPhoneMasked", "State", "SubmittedAt", "AcceptedAt", "DueDate",
                    "PausedAt", "StoppedWorkingDays", "MaterialRequests", "Missing", "DecidedAt", "DeliveredAt", "Reason", "PhotoIds", "Steps",
                    "Rating", "RatingComment", "RatedAt", "FollowUpDue", "FollowUpClosedAt", "FollowUpAnswer", "Version", "Visits",
                    "HandlingDays", "FollowUpOnTime")
                SELECT gen_random_uuid(), 'BJ' || lpad(r.i::text, 9, '0'), it.id, it.code, it.name, it.version, it.level, it.immediate,
                    it.promised,
                    CASE WHEN it.level = 'Community' THEN c.communities[1 + (r.i::bigint * 7919) % array_length(c.communities, 1)]
                         ELSE c.streets[1 + (r.i::bigint * 7919) % array_length(c.streets, 1)] END,
                    r.channel, CASE WHEN r.channel = 'Online' THEN CASE WHEN r.i % 200000 = 0 THEN '{resident}' ELSE 'bench-resident-' || (r.i % 250000) END END,
                    NULL, NULL,
                    'bench', '张*', 'bench', md5('id' || r.i), '420103********' || lpad((r.i % 10000)::text, 4, '0'),
                    'bench', md5('ph' || r.i), '138****' || lpad((r.i % 10000)::text, 4, '0'),
                    r.state, r.submitted,
                    CASE WHEN r.state NOT IN ('Submitted', 'NotAccepted') THEN r.submitted + interval '20 minutes' END,
                    CASE WHEN r.state NOT IN ('Submitted', 'NotAccepted') THEN (r.submitted + interval '8 hours')::date + (ceil(it.promised * 1.4) + r.stopped)::int END,
                    CASE WHEN r.state = 'AwaitingMaterials' THEN r.submitted + interval '1 day' END,
                    r.stopped, r.materials, '[]',
                    CASE WHEN r.decided THEN r.submitted + (d.days * 1.4 + r.stopped * 1.4) * interval '1 day' END,
                    CASE WHEN r.state = 'Delivered' THEN r.submitted + (d.days * 1.4 + r.stopped * 1.4 + 1) * interval '1 day' END,
                    CASE WHEN r.state IN ('NotAccepted', 'Refused') THEN '不符合办理条件' END, '[]', '[]',
                    r.rating, NULL, CASE WHEN r.rating IS NOT NULL THEN r.submitted + (d.days * 1.4 + 2) * interval '1 day' END,
                    CASE WHEN r.rating <= 2 THEN (r.submitted + (d.days * 1.4 + 9) * interval '1 day')::date END,
                    CASE WHEN r.rating <= 2 AND r.followup < 0.9 THEN r.submitted + (d.days * 1.4 + 5) * interval '1 day' END,
                    CASE WHEN r.rating <= 2 AND r.followup < 0.9 THEN '已回访' END,
                    0,
                    (r.channel = 'Window')::int + CASE WHEN r.materials > 0 AND r.i % 2 = 0 THEN 1 ELSE 0 END,
                    CASE WHEN r.decided AND r.state <> 'NotAccepted' THEN d.days END,
                    CASE WHEN r.rating <= 2 AND r.followup < 0.9 THEN r.followup < 0.8 END
                FROM (
                    SELECT s.*, s.state IN ('NotAccepted', 'Refused', 'Approved', 'Delivered') AS decided,
                           CASE WHEN s.state IN ('Refused', 'Approved', 'Delivered') AND s.u3 < 0.6 THEN
                               CASE WHEN s.u4 < 0.02 THEN 1 WHEN s.u4 < 0.05 THEN 2 WHEN s.u4 < 0.15 THEN 3 WHEN s.u4 < 0.4 THEN 4 ELSE 5 END
                           END AS rating
                    FROM (
                        SELECT g.i, g.k, g.submitted, g.u3, g.u4, g.followup,
                               CASE WHEN g.u1 < 0.45 THEN 'Online' WHEN g.u1 < 0.9 THEN 'Window' ELSE 'Proxy' END AS channel,
                               CASE WHEN g.age > 21 THEN
                                        CASE WHEN g.u2 < 0.03 THEN 'NotAccepted' WHEN g.u2 < 0.08 THEN 'Refused' WHEN g.u2 < 0.12 THEN 'Approved' ELSE 'Delivered' END
                                    ELSE
                                        CASE WHEN g.u2 < 0.1 THEN 'Submitted' WHEN g.u2 < 0.4 THEN 'Accepted' WHEN g.u2 < 0.5 THEN 'AwaitingMaterials'
                                             WHEN g.u2 < 0.52 THEN 'NotAccepted' WHEN g.u2 < 0.7 THEN 'Approved' ELSE 'Delivered' END
                               END AS state,
                               CASE WHEN g.u5 < 1.0 / 7 THEN 1 ELSE 0 END AS materials,
                               CASE WHEN g.u5 < 1.0 / 7 THEN 1 + (g.i % 3) ELSE 0 END AS stopped,
                               g.u6
                        FROM (
                            SELECT i, floor((SELECT count(*) FROM bench_items) * power(random(), 2))::int AS k,
                                   date_trunc('day', now() - random() * interval '365 days') + interval '1 hour' + random() * interval '8 hours' AS submitted,
                                   random() AS u1, random() AS u2, random() AS u3, random() AS u4, random() AS u5, random() AS u6, random() AS followup
                            FROM generate_series({start}, {end}) AS i
                        ) AS g0
                        CROSS JOIN LATERAL (SELECT g0.*, extract(day FROM now() - g0.submitted) AS age) AS g
                    ) AS s
                ) AS r
                JOIN bench_items AS it ON it.k = r.k
                CROSS JOIN LATERAL (SELECT CASE WHEN it.immediate THEN 0 ELSE floor(r.u6 * 1.4 * it.promised)::int END AS days) AS d
                CROSS JOIN bench_centres AS c;
                """));
            Console.WriteLine($"  {end + 1:N0} applications after {clock.Elapsed.TotalSeconds:F0} s");
        }
        await ExecuteAsync(db, "VACUUM ANALYZE service_applications");
        return clock.Elapsed;
    }

    public static async Task ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 7200 };
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 3600 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task<string> StringAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
