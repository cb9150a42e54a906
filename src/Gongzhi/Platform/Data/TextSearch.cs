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
/// EF Core models no expression indexes, so the two functions and the index are created after the
/// migrations with idempotent DDL; <c>gongzhi_matches</c> is a one-expression SQL function, which
/// PostgreSQL inlines, so the planner sees the indexed expression itself.
/// </remarks>
public static class TextSearch
{
    // Nodes starting together on one database would race on the catalogue ("tuple concurrently updated"):
    // an advisory lock held to the end of the transaction lets one create and the others find it done.
    private const string Create = """
        BEGIN;
        SELECT pg_advisory_xact_lock(74051712);
        CREATE OR REPLACE FUNCTION gongzhi_bigrams(t text) RETURNS tsvector
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            RETURN (SELECT coalesce(array_to_tsvector(array_agg(DISTINCT substr(lower(t), i, 2))), ''::tsvector)
                    FROM generate_series(1, char_length(t) - 1) AS i);
        CREATE OR REPLACE FUNCTION gongzhi_matches(title text, description text, pairs text) RETURNS boolean
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT gongzhi_bigrams(title || ' ' || description) @@ pairs::tsquery $$;
        CREATE INDEX IF NOT EXISTS ix_cases_text_bigrams ON cases USING gin (gongzhi_bigrams("Title" || ' ' || "Description"));
        COMMIT;
        """;

    /// <summary>Whether the database has the pair index and <see cref="Matches"/>.</summary>
    public static bool IsIndexed(GongzhiDbContext db) => db.Database.IsNpgsql();

    /// <summary>True when <paramref name="title"/> or <paramref name="description"/> contain every pair of <paramref name="pairs"/> (see <see cref="Pairs"/>).</summary>
    public static bool Matches(string title, string description, string pairs) =>
        throw new InvalidOperationException("TextSearch.Matches runs only inside a PostgreSQL query.");

    /// <summary>The query's character pairs as a tsquery that needs all of them, each quoted; null when the query has fewer than two characters.</summary>
    public static string? Pairs(string query)
    {
        // By code points, as PostgreSQL's substr counts characters: a character outside the BMP (an emoji)
        // is two UTF-16 units here, and splitting it would send half a character.
        var characters = query.ToLowerInvariant().EnumerateRunes().Select(r => r.ToString()).ToList();
        if (characters.Count < 2)
        {
            return null;
        }
        var pairs = Enumerable.Range(0, characters.Count - 1).Select(i => characters[i] + characters[i + 1]).Distinct(StringComparer.Ordinal);
        return string.Join(" & ", pairs.Select(p => "'" + p.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'"));
    }

    internal static void Map(ModelBuilder builder) =>
        builder.HasDbFunction(typeof(TextSearch).GetMethod(nameof(Matches))!).HasName("gongzhi_matches").HasSchema(null);

    internal static Task CreateAsync(GongzhiDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(Create, cancellationToken);
}
