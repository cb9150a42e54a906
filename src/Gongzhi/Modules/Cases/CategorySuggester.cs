namespace Gongzhi.Modules.Cases;

public sealed record CategorySuggestion(string Code, string NameZh, string NameEn, double Score, IReadOnlyList<string> Matched);

/// <summary>
/// Suggests 小类 for a free-text description by keyword hits. Chinese has no spaces, so keywords match as
/// substrings; a longer keyword is more specific and weighs more (its length squared), a hit on the
/// 小类's own name counts like a keyword, and the parent's keywords add half their weight to every child (so
/// "噪音" alone still offers the noise 小类, below any child whose own keyword hit).
/// </summary>
public sealed class CategorySuggester
{
    private readonly List<(CaseCategory Category, string[] Own, string[] Inherited)> candidates;

    public CategorySuggester(IEnumerable<CaseCategory> categories)
    {
        var all = categories.Where(c => c.Active).ToList();
        var majors = all.Where(c => c.IsMajor).ToDictionary(c => c.Code, StringComparer.Ordinal);
        candidates = all.Where(c => !c.IsMajor)
            .Select(c => (c,
                c.Keywords.Append(c.NameZh).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
                majors.TryGetValue(c.ParentCode!, out var parent) ? parent.Keywords.ToArray() : []))
            .ToList();
    }

    public IReadOnlyList<CategorySuggestion> Suggest(string? description, int take = 5)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return [];
        }
        var text = description.Trim();
        var suggestions = new List<CategorySuggestion>();
        foreach (var (category, own, inherited) in candidates)
        {
            var matched = own.Where(k => text.Contains(k, StringComparison.OrdinalIgnoreCase)).ToList();
            var parentHits = inherited.Where(k => text.Contains(k, StringComparison.OrdinalIgnoreCase) && !matched.Contains(k)).ToList();
            if (matched.Count == 0 && parentHits.Count == 0)
            {
                continue;
            }
            var score = matched.Sum(Weight) + (parentHits.Sum(Weight) / 2);
            suggestions.Add(new CategorySuggestion(category.Code, category.NameZh, category.NameEn, score, [.. matched, .. parentHits]));
        }
        return suggestions
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Code, StringComparer.Ordinal)
            .Take(take)
            .ToList();
    }

    private static double Weight(string keyword) => (double)keyword.Length * keyword.Length;
}
