using Gongzhi.Modules.Access;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Gongzhi.Modules.Cases;

/// <summary>Whom the platform tells when a case, or work around it, needs someone to act.</summary>
public static class CaseRecipients
{
    /// <summary>The accounts of an organisation's staff.</summary>
    public static Task<List<string>> StaffOfAsync(GongzhiDbContext db, IReadOnlyCollection<Guid> organisationIds, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.OrganisationId != null && organisationIds.Contains(u.OrganisationId.Value))
            .Select(u => u.Id).ToListAsync(cancellationToken);

    /// <summary>Dispatchers whose scope covers <paramref name="jurisdictionCode"/>: its own node or any ancestor (kept by <see cref="AccountDirectory"/>).</summary>
    public static async Task<List<string>> DispatchersCoveringAsync(GongzhiDbContext db, string jurisdictionCode, CancellationToken cancellationToken) =>
        [.. await db.GetService<AccountDirectory>().HoldersAsync(db, Roles.StreetDispatcher, jurisdictionCode, cancellationToken)];

    /// <summary>True when no grid worker's account covers <paramref name="jurisdictionCode"/> (<see cref="Workflow.CaseRelation.CoveringUnattendedGrid"/>).</summary>
    public static async Task<bool> GridUnattendedAsync(GongzhiDbContext db, string jurisdictionCode, CancellationToken cancellationToken) =>
        (await db.GetService<AccountDirectory>().HoldersAsync(db, Roles.GridWorker, jurisdictionCode, cancellationToken)).Count == 0;
}
