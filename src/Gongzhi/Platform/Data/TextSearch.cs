using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Platform.Data;

/// <summary>
/// Substring search in Chinese text that an index can answer. Chinese has no spaces between words, so a
/// word index does not work, and trigram indexes (pg_trgm) cannot serve a two-character word such as 噪音 —
/// the commonest kind. The text is therefore indexed by its character pairs (bigrams): a query of n ≥ 2
/// characters needs all of its n−1 pairs, which a GIN index over the pairs finds; a LIKE on the candidates
/// then keeps only true substrings. PostgreSQL only; on SQLite the search is a plain LIKE scan.
/// </summary>
/// <remarks>
/// <para>
/// The indexed terms also hold the case's area: one term per level of its jurisdiction code (<c>@420103</c>,
/// <c>@420103001</c>, …), which no pair can equal. A common word matches a million cases of a city's year; a
/// street's search asks the index for the word and the street together, and GIN intersects the two inside the
/// index, skipping through the word's long list by the street's short one, instead of building a bitmap of the
/// million and another of the street's cases.
/// </para>
/// <para>
/// A second index holds only the cases with a deadline (the open ones, about 1 % of a year's), which a queue
/// sorted by deadline reads first (CaseQueries).
/// </para>
/// <para>
/// A search newest first in a district walks the district's newest cases before it asks the pair index
/// (NewestMatches), through a B-tree on the district (the code's first six digits) and the creation instant. It
/// carries the whole code, so that PostgreSQL counts off a window of cases on the index alone.
/// </para>
/// <para>
/// EF Core models no expression indexes, so the functions and the indexes are created after the migrations
/// with idempotent DDL; <c>gongzhi_matches</c> is a one-expression SQL function, which PostgreSQL inlines, so
/// the planner sees the indexed expression itself. On a large database, create a new index by hand first
/// (<c>CREATE INDEX CONCURRENTLY</c>, same name and definition): start-up then finds it and goes on.
/// </para>
/// </remarks>
public static class TextSearch
{
    // Nodes starting together on one database would race on the catalogue ("tuple concurrently updated"):
    // an advisory lock held to the end of the transaction lets one create and the others find it done.
    // The text is lowered once per case, not once per pair; the indexes of earlier versions (pairs without the area) go.
    private const string Create = """
        BEGIN;
        SELECT pg_advisory_xact_lock(74051712);
        CREATE OR REPLACE FUNCTION gongzhi_case_terms(title text, description text, area text) RETURNS tsvector
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            RETURN (SELECT coalesce(array_to_tsvector(array_agg(DISTINCT term)), ''::tsvector) FROM (
                SELECT substr(s, i, 2) AS term
                    FROM (SELECT lower(title || ' ' || description) AS s) AS text, generate_series(1, char_length(s) - 1) AS i
                UNION ALL
                SELECT '@' || left(area, n) FROM unnest(ARRAY[6, 9, 12, 15]) AS n WHERE char_length(area) >= n) AS terms);
        CREATE OR REPLACE FUNCTION gongzhi_matches(title text, description text, area text, terms text) RETURNS boolean
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT gongzhi_case_terms(title, description, area) @@ terms::tsquery $$;
        DROP INDEX IF EXISTS ix_cases_text_bigrams;
        DROP FUNCTION IF EXISTS gongzhi_matches(text, text, text);
        DROP FUNCTION IF EXISTS gongzhi_bigrams(text);
        CREATE INDEX IF NOT EXISTS ix_cases_terms ON cases USING gin (gongzhi_case_terms("Title", "Description", "JurisdictionCode"));
        CREATE INDEX IF NOT EXISTS ix_cases_open_terms ON cases USING gin (gongzhi_case_terms("Title", "Description", "JurisdictionCode"))
            WHERE "Deadline" IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_cases_district_created ON cases (substring("JurisdictionCode", 1, 6), "CreatedAt") INCLUDE ("JurisdictionCode");
        COMMIT;
        """;

    /// <summary>Whether the database has the pair index and <see cref="Matches"/>.</summary>
    public static bool IsIndexed(GongzhiDbContext db) => db.Database.IsNpgsql();

    /// <summary>
    /// True when the case's <paramref name="title"/> and <paramref name="description"/> hold every pair of <paramref name="terms"/>,
    /// and its <paramref name="area"/> (jurisdiction code) lies in the area they name, if any (see <see cref="Terms"/>).
    /// </summary>
    public static bool Matches(string title, string description, string area, string terms) =>
        throw new InvalidOperationException("TextSearch.Matches runs only inside a PostgreSQL query.");

    /// <summary>
    /// The query's character pairs as a tsquery that needs all of them, each quoted, and the area's term when
    /// <paramref name="areaPrefix"/> (the query prefix of a jurisdiction) is a district or finer: the search is
    /// inside it anyway, and the index narrows by it. Null when the query has fewer than two characters.
    /// </summary>
    public static string? Terms(string query, string? areaPrefix)
    {
        // By code points, as PostgreSQL's substr counts characters: a character outside the BMP (an emoji)
        // is two UTF-16 units here, and splitting it would send half a character.
        var characters = query.ToLowerInvariant().EnumerateRunes().Select(r => r.ToString()).ToList();
        if (characters.Count < 2)
        {
            return null;
        }
        var pairs = Enumerable.Range(0, characters.Count - 1).Select(i => characters[i] + characters[i + 1]).Distinct(StringComparer.Ordinal);
        var terms = pairs.Select(p => "'" + p.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'");
        if (areaPrefix is { Length: 6 or 9 or 12 or 15 } && areaPrefix.All(char.IsAsciiDigit))
        {
            terms = terms.Append($"'@{areaPrefix}'");
        }
        return string.Join(" & ", terms);
    }

    internal static void Map(ModelBuilder builder) =>
        builder.HasDbFunction(typeof(TextSearch).GetMethod(nameof(Matches))!).HasName("gongzhi_matches").HasSchema(null);

    internal static Task CreateAsync(GongzhiDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(Create, cancellationToken);
}
