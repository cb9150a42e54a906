using Gongzhi.Modules.Cases.Catalogue;

namespace Gongzhi.Modules.Cases;

/// <summary>A case category as other modules see it: its code and its names.</summary>
public sealed record CaseCategoryName(string Code, string NameZh, string NameEn);

/// <summary>What other modules may read of the case catalogue, instead of its table (from the catalogue's cache).</summary>
public interface ICaseCategories
{
    /// <summary>The 小类 among these codes a case may be filed under now, in the order given; 大类, inactive and unknown codes are left out.</summary>
    Task<IReadOnlyList<CaseCategoryName>> ActiveMinorAsync(IEnumerable<string> codes, CancellationToken cancellationToken);

    /// <summary>Every 小类 a case may be filed under now, in the catalogue's order.</summary>
    Task<IReadOnlyList<CaseCategoryName>> AllActiveMinorAsync(CancellationToken cancellationToken);
}

internal sealed class CatalogueCategories(CategoryCatalogue catalogue) : ICaseCategories
{
    public async Task<IReadOnlyList<CaseCategoryName>> ActiveMinorAsync(IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var snapshot = await catalogue.CurrentAsync(cancellationToken);
        return codes.Select(snapshot.ActiveMinor).OfType<CaseCategory>().Select(c => new CaseCategoryName(c.Code, c.NameZh, c.NameEn)).ToList();
    }

    public async Task<IReadOnlyList<CaseCategoryName>> AllActiveMinorAsync(CancellationToken cancellationToken)
    {
        var snapshot = await catalogue.CurrentAsync(cancellationToken);
        return snapshot.Active.Where(c => !c.IsMajor).Select(c => new CaseCategoryName(c.Code, c.NameZh, c.NameEn)).ToList();
    }
}
