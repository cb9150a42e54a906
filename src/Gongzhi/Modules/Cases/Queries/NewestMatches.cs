using System.Linq.Expressions;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Cases.Queries;

/// <summary>The <c>Cases:Search</c> settings: how many of an area's newest cases a word search reads before it asks the pair index.</summary>
public sealed class CaseSearchOptions
{
    public const string Section = "Cases:Search";

    /// <summary>The sizes of a district's windows, read one after the other, newest first; empty for the defaults.</summary>
    public int[] Windows { get; set; } = [];

    /// <summary>
    /// The sizes of the city's windows; empty for the defaults. They are larger: the city's newest cases lie together
    /// in the table, where a district's are one in every few dozen, so a case of the city's windows costs a fraction of
    /// a district's; and the pair index, asked for the rest, would have a city's matches of the word to fetch.
    /// </summary>
    public int[] CityWindows { get; set; } = [];

    /// <summary>
    /// What the pair index's fetching one match costs, in cases a window reads: both read cases from the table, but a
    /// window's are a few days' worth, close together, and the pair index's matches are spread over the year and must
    /// be found first. At 25 million cases a district's window read 8,000 cases in 38 ms, the pair index 3,300 matches in 41 ms.
    /// </summary>
    public double MatchCost { get; set; } = 2.5;

    /// <summary>The largest extra window, read when the windows left the page short and the pair index would cost more.</summary>
    public int MaxExtraWindow { get; set; } = 64_000;

    internal IReadOnlyList<int> SizesFor(bool city) => (city ? CityWindows : Windows) is { Length: > 0 } sizes ? sizes
        : city ? [2_000, 8_000, 32_000, 128_000] : [2_000, 8_000];
}

/// <summary>
/// A page of cases, newest first, and of a word search's matches in particular. The pair index (TextSearch)
/// finds where a word is, but not in the order a queue wants, so PostgreSQL fetches and sorts every match before it
/// can return the newest fifty: a common word such as 噪音 is in 32,000 of a district's year of cases, about half a
/// second. Where the read covers a district or the city, it first reads the area's newest cases in windows (the
/// district's index on its code and creation instant, or the index on the instant), keeping those whose text holds
/// the word: a word in one case of forty fills a page from the first window. Only when the windows leave the page
/// short is the word uncommon there, and the pair index finds the rest of it, older than the windows, among few matches;
/// unless the windows' rate says those are still many (a large district's year), when one more window, sized to fill
/// the page at that rate, costs less.
/// </summary>
public sealed class NewestMatches(IOptions<CaseSearchOptions> options)
{
    /// <summary>Where a page newest first goes on: after this creation instant and, at the same instant, this reference.</summary>
    public sealed record After(DateTimeOffset At, string Reference);

    /// <summary>
    /// A search's words: the text a case must hold, and its pair-index terms (<see cref="TextSearch.Terms"/>, with
    /// the area's term when the search is inside a district or finer). <paramref name="Walk"/> is set when the read
    /// may walk the area's newest cases first.
    /// </summary>
    public sealed record Words(string Text, string Terms, Walk? Walk)
    {
        // The terms are written into the SQL, not sent as a parameter: a prepared statement's generic plan cannot know
        // whether the word is in a hundred cases or a million, and one chosen for the commonest would walk the whole
        // table for a rare word. The statement is then never prepared, and PostgreSQL plans each search for its words.
        public Expression<Func<Case, bool>> Indexed =>
            c => TextSearch.Matches(c.Title, c.Description, c.JurisdictionCode, EF.Constant(Terms))
                && (c.Title.Contains(Text) || c.Description.Contains(Text));

        public Expression<Func<Case, bool>> InText => c => c.Title.Contains(Text) || c.Description.Contains(Text);
    }

    /// <summary>
    /// The cases a walk reads. <paramref name="Area"/> holds no filter but the area, so that PostgreSQL counts off a
    /// window on the index alone; <paramref name="Rest"/> is what the pair index is asked after the windows;
    /// <paramref name="City"/> when the area is the whole city.
    /// </summary>
    public sealed record Walk(IQueryable<Case> Area, IQueryable<Case> Rest, bool City);

    /// <summary>
    /// <paramref name="count"/> cases of <paramref name="cases"/>, newest first, after <paramref name="after"/>, that
    /// hold <paramref name="words"/> if any. <paramref name="narrow"/> applies the read's other filters to a walk's area.
    /// </summary>
    public async Task<List<CaseSummary>> ReadAsync(IQueryable<Case> cases, Words? words, Func<IQueryable<Case>, IQueryable<Case>> narrow,
        After? after, int count, CancellationToken cancellationToken)
    {
        if (words?.Walk is not { } walk)
        {
            return await CaseQueries.SummariesAsync(Newest(words is null ? cases : cases.Where(words.Indexed), after), count, cancellationToken);
        }
        var rows = new List<CaseSummary>();
        // The windows are bounded by creation instants, not cut at a row, so that cases created at the same instant
        // fall into one window and the next window starts strictly before it.
        DateTimeOffset? before = null;
        var walked = 0;
        // Reads the next window of `size` of the area's cases; true when the page is full or the area has no more.
        async Task<bool> WindowAsync(int size)
        {
            var area = Before(walk.Area, before);
            if (after is { At: var at })
            {
                area = area.Where(c => c.CreatedAt <= at);
            }
            // The instant of the window's oldest case, counted off the index without reading the cases; null when
            // the area has no more than the window.
            var floor = await area.OrderByDescending(c => c.CreatedAt).Select(c => (DateTimeOffset?)c.CreatedAt).Skip(size - 1)
                .FirstOrDefaultAsync(cancellationToken);
            var window = Before(narrow(walk.Area), before).Where(words.InText);
            if (floor is { } from)
            {
                // Written into the SQL for the reason the terms are: a generic plan, not knowing the window holds a few
                // thousand cases, walked the index on the instant across the whole city (244,000 cases, 220 ms, where
                // the window's own read takes 38).
                window = window.Where(c => c.CreatedAt >= EF.Constant(from));
            }
            rows.AddRange(await CaseQueries.SummariesAsync(Newest(window, after), count - rows.Count, cancellationToken));
            (before, walked) = (floor, walked + size);
            return rows.Count == count || floor is null;
        }

        var sizes = options.Value.SizesFor(walk.City);
        foreach (var size in sizes)
        {
            if (await WindowAsync(size))
            {
                return rows;
            }
        }
        if (await ExtraWindowAsync(walk.Area, sizes[0], after, before!.Value, rows.Count, walked, count - rows.Count, cancellationToken) is { } extra
            && await WindowAsync(extra))
        {
            return rows;
        }
        var rest = Before(narrow(walk.Rest), before).Where(words.Indexed);
        rows.AddRange(await CaseQueries.SummariesAsync(Newest(rest, after), count - rows.Count, cancellationToken));
        return rows;
    }

    /// <summary>
    /// The windows left the page short: the word is in <paramref name="hits"/> of their <paramref name="walked"/>
    /// cases. Spread by time over the area's cases older than <paramref name="floor"/>, the hits say how many matches
    /// the pair index would fetch and sort; in a large district a word in one case of 250 still has 20,000 (0.24 s).
    /// One more window that fills the page at the windows' rate, twice over, may cost less
    /// (<see cref="CaseSearchOptions.MatchCost"/>). Null when the pair index is the cheaper: the word is rare, or was
    /// not in the windows at all.
    /// </summary>
    private async Task<int?> ExtraWindowAsync(IQueryable<Case> area, int firstWindow, After? after, DateTimeOffset floor, int hits, int walked,
        int needed, CancellationToken cancellationToken)
    {
        if (hits == 0)
        {
            return null;
        }
        var top = after?.At ?? await area.MaxAsync(c => (DateTimeOffset?)c.CreatedAt, cancellationToken);
        var first = await area.MinAsync(c => (DateTimeOffset?)c.CreatedAt, cancellationToken);
        if (top is not { } newest || first is not { } oldest || newest <= floor || oldest >= floor)
        {
            return null;
        }
        var settings = options.Value;
        var rest = hits * ((floor - oldest) / (newest - floor));
        // At least a first window's size: a page one or two short would otherwise get a window that holds them only on average.
        var size = Math.Max(firstWindow, Math.Ceiling(2.0 * needed * walked / hits));
        return size <= settings.MaxExtraWindow && rest * settings.MatchCost > size ? (int)size : null;
    }

    private static IQueryable<Case> Before(IQueryable<Case> cases, DateTimeOffset? before) =>
        before is { } instant ? cases.Where(c => c.CreatedAt < EF.Constant(instant)) : cases;

    private static IOrderedQueryable<Case> Newest(IQueryable<Case> cases, After? after)
    {
        if (after is { At: var at, Reference: var r })
        {
            cases = cases.Where(c => c.CreatedAt < at || (c.CreatedAt == at && string.Compare(c.Reference, r) < 0));
        }
        return cases.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Reference);
    }
}
