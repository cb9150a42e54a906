using System.Globalization;
using Gongzhi.Components;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Queries;

/// <summary>What the case page reads beside the case itself (<see cref="CaseQueries"/>): names, choices and trails.</summary>
internal sealed class CaseViewQueries(GongzhiDbContext db, IJurisdictionBrowser jurisdictions, IOrganisationDirectory organisations)
{
    /// <summary>The organisations a case is dispatched to: departments, street offices, community committees.</summary>
    private static readonly OrganisationKind[] DispatchKinds =
        [OrganisationKind.Department, OrganisationKind.StreetOffice, OrganisationKind.CommunityCommittee];

    /// <summary>
    /// The stored case, for the access rules' inputs. Read past the scope filter: the page has asked
    /// <see cref="CaseQueries"/> whether the caller may see it, and after a transfer the rules decide, not the filter.
    /// </summary>
    public Task<Case?> RowAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Case>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>Whether the caller still sees the case after an action (a return or a transfer may take it away).</summary>
    public async Task<bool> StillVisibleAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        await RowAsync(id, cancellationToken) is { } row && CaseAccess.CanSee(caller, row);

    /// <summary>The active minor categories a case may be reclassified into, by code.</summary>
    public async Task<List<CaseCategory>> ActiveMinorsAsync(CancellationToken cancellationToken)
    {
        var categories = await db.Set<CaseCategory>().AsNoTracking().Where(c => c.Active).OrderBy(c => c.Code).ToListAsync(cancellationToken);
        return categories.Where(c => !c.IsMajor).ToList();
    }

    public Task<CaseCategory?> CategoryAsync(string code, CancellationToken cancellationToken) =>
        db.Set<CaseCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, cancellationToken);

    /// <summary>The grid's place below the city, e.g. 江岸区 › 大智街道 › 万年社区 › 第一网格.</summary>
    public async Task<string> GridTrailAsync(string gridCode, CancellationToken cancellationToken)
    {
        var grid = await jurisdictions.GetAsync(gridCode, cancellationToken);
        var ancestors = grid is null ? [] : await jurisdictions.GetAncestorsAsync(gridCode, cancellationToken);
        return string.Join(" › ", ancestors.Where(a => a.Level > JurisdictionLevel.City).Select(a => a.Name).Append(grid?.Name ?? ""));
    }

    public Task<IReadOnlyList<OrganisationEntry>> DispatchTargetsAsync(CancellationToken cancellationToken) =>
        organisations.ActiveAsync(DispatchKinds, cancellationToken);

    public Task<IReadOnlyDictionary<Guid, string>> OrganisationNamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken) =>
        organisations.NamesAsync(ids, cancellationToken);

    /// <summary>The case with this reference the caller can see (the master of a merge), or null.</summary>
    public Task<Guid?> IdOfReferenceAsync(string reference, CancellationToken cancellationToken) =>
        db.Set<Case>().AsNoTracking().Where(c => c.Reference == reference).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The category's name in the user's language, or its code when it is unknown.</summary>
    public static string CategoryName(CaseCategory? category, string code) =>
        category is null ? code : CultureInfo.CurrentUICulture.Name == "en" ? category.NameEn : category.NameZh;
}
