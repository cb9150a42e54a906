using Npgsql;

/// <summary>
/// Verified residents of one community for the ballot: account rows and verified residence written directly, each account
/// with the password hash the demo accounts have (the same PBKDF2 hash of the demo password), so each signs in through the
/// real sign-in endpoint without hashing a password per account while the accounts are made.
/// </summary>
internal static class Voters
{
    public const string Community = "420103001002";

    public static async Task CreateAsync(NpgsqlConnection db, int count)
    {
        await DistrictFill.ExecuteAsync(db, $"""
            CREATE TEMP TABLE bench_voters AS
            SELECT k, gen_random_uuid()::text AS id FROM generate_series(1, {count}) AS k;
            INSERT INTO "AspNetUsers" ("Id", "ScopeCode", "DisplayName", "UserName", "NormalizedUserName", "EmailConfirmed", "PasswordHash",
                "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            SELECT v.id, '{Community}', '投票居民' || v.k, 'bench-voter-' || v.k, 'BENCH-VOTER-' || v.k, false, r."PasswordHash",
                   upper(md5(random()::text)), gen_random_uuid()::text, false, false, true, 0
            FROM bench_voters AS v, (SELECT "PasswordHash" FROM "AspNetUsers" WHERE "UserName" = 'resident1') AS r;
            INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
            SELECT v.id, r."Id" FROM bench_voters AS v, "AspNetRoles" AS r WHERE r."Name" = 'Resident';
            INSERT INTO participation_residents ("Id", "AccountId", "JurisdictionCode", "DisplayName", "DeclaredAddress", "State", "DecidedBy",
                "DeclaredAt", "DecidedAt", "Version", "HouseholdKey")
            SELECT gen_random_uuid(), v.id, '{Community}', '投票居民' || v.k, '江汉区民族街万年社区' || v.k || '号', 'Verified', 'bench',
                   now(), now(), 0, md5('bench-voter-household-' || v.k)
            FROM bench_voters AS v;
            """);
    }
}
