using System.Text;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Participation.Proposals;

/// <summary>
/// Words in proposals, found the way the case search finds them (<see cref="TextSearch"/>): Chinese has no spaces, so on
/// PostgreSQL the title and text are indexed by their character pairs and the area's levels (the index is made at start by
/// <see cref="ProposalSearchIndex"/>), and a LIKE on the candidates keeps only true substrings; on SQLite a LIKE alone.
/// </summary>
internal static class ProposalWords
{
    public const int MaxQueryLength = 100;

    /// <summary>The trimmed words, or null when there are none; too long or holding a NUL is a 400 naming <paramref name="field"/>.</summary>
    public static string? Validated(string? text, string field, int maxLength)
    {
        if (text is null)
        {
            return null;
        }
        // PostgreSQL refuses a NUL in text: a message under the field, not a failed query.
        if (text.Contains('\0', StringComparison.Ordinal) || text.Trim().Length > maxLength)
        {
            throw FieldValidationException.Field(field, ParticipationText.Format("Field.SearchText", maxLength));
        }
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>
    /// The proposals of <paramref name="query"/> whose title or text holds <paramref name="text"/>. <paramref name="areaPrefix"/>, the
    /// query prefix of the area the read is limited to anyway, lets the pair index narrow by the area too.
    /// </summary>
    public static IQueryable<Proposal> Containing(GongzhiDbContext db, IQueryable<Proposal> query, string text, string? areaPrefix)
    {
        if (TextSearch.IsIndexed(db) && TextSearch.Terms(text, areaPrefix) is { } terms)
        {
            // The terms go into the SQL, not a parameter, as in the case search: each search is planned for its own words.
            return query.Where(p => TextSearch.Matches(p.Title, p.Body, p.JurisdictionCode, EF.Constant(terms))
                && (p.Title.Contains(text) || p.Body.Contains(text)));
        }
        return InText(query, text);
    }

    /// <summary>The proposals of <paramref name="query"/> whose title or text holds <paramref name="text"/>, checked row by row.</summary>
    public static IQueryable<Proposal> InText(IQueryable<Proposal> query, string text) =>
        query.Where(p => p.Title.Contains(text) || p.Body.Contains(text));

    /// <summary>
    /// The open proposals of <paramref name="community"/> that share any character pair of letters or digits with
    /// <paramref name="title"/>: the candidates of a suggestion, ranked afterwards by <see cref="Shared"/>. On SQLite, without
    /// the pair index, the community's open proposals (few: the open ones of one community).
    /// </summary>
    public static IQueryable<Proposal> SharingAnyPair(GongzhiDbContext db, IQueryable<Proposal> open, string community, IReadOnlyCollection<string> pairs)
    {
        if (!TextSearch.IsIndexed(db))
        {
            return open;
        }
        // Letters and digits only, so no pair needs quoting; the community's term makes GIN intersect inside the index.
        var terms = $"({string.Join(" | ", pairs.Select(p => "'" + p + "'"))}) & '@{community}'";
        return open.Where(p => TextSearch.Matches(p.Title, p.Body, p.JurisdictionCode, EF.Constant(terms)));
    }

    /// <summary>The distinct pairs of neighbouring letters or digits in <paramref name="text"/>, lower-cased (punctuation and spaces split).</summary>
    public static HashSet<string> Pairs(string text)
    {
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        Rune? previous = null;
        foreach (var rune in text.ToLowerInvariant().EnumerateRunes())
        {
            if (!Rune.IsLetterOrDigit(rune))
            {
                previous = null;
                continue;
            }
            if (previous is { } p)
            {
                pairs.Add(p.ToString() + rune.ToString());
            }
            previous = rune;
        }
        return pairs;
    }

    /// <summary>How many of <paramref name="pairs"/> <paramref name="text"/> holds.</summary>
    public static int Shared(IReadOnlySet<string> pairs, string text) => Pairs(text).Count(pairs.Contains);
}
