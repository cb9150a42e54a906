namespace Gongzhi.Modules.Cases.Catalogue;

/// <summary>The catalogue in the order it is read: for the API's list, the catalogue page and the routing pages.</summary>
internal static class CategoryTree
{
    /// <summary>Each 大类 then its 小类, by sort order then code; 小类 whose 大类 is not in the list follow at the end.</summary>
    public static List<CaseCategory> Order(IReadOnlyCollection<CaseCategory> categories)
    {
        static IEnumerable<CaseCategory> Ordered(IEnumerable<CaseCategory> list) =>
            list.OrderBy(c => c.SortOrder).ThenBy(c => c.Code, StringComparer.Ordinal);

        var minors = categories.Where(c => !c.IsMajor).ToLookup(c => c.ParentCode!, StringComparer.Ordinal);
        var majors = Ordered(categories.Where(c => c.IsMajor)).ToList();
        var tree = majors.SelectMany(m => Ordered(minors[m.Code]).Prepend(m)).ToList();
        var placed = majors.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
        tree.AddRange(Ordered(categories.Where(c => !c.IsMajor && !placed.Contains(c.ParentCode!))));
        return tree;
    }
}
