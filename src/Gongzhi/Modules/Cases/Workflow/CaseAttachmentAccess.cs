using Gongzhi.Platform.Data;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Workflow;

/// <summary>
/// Files attached to <c>Case:{id}</c> (the report's photos, 处置反馈 and note photos) are seen by whoever may see the
/// case: its reporter and followers, the organisations it is dispatched to, staff covering it. Only
/// <see cref="CaseAccess.PublishedPhoto"/> is published to everyone.
/// </summary>
internal sealed class CaseAttachmentAccess(GongzhiDbContext db) : IAttachmentAccess
{
    public const string OwnerPrefix = "Case";

    public string Owner => OwnerPrefix;

    public static string OwnerKey(Guid caseId) => $"{OwnerPrefix}:{caseId}";

    public async Task<bool> MaySeeAsync(Caller caller, string recordId, Guid fileId, CancellationToken cancellationToken) =>
        await FindAsync(recordId, cancellationToken) is { } @case && CaseAccess.CanSee(caller, @case);

    public async Task<bool> IsPublishedAsync(string recordId, Guid fileId, CancellationToken cancellationToken) =>
        await FindAsync(recordId, cancellationToken) is { } @case && CaseAccess.PublishedPhoto(@case) == fileId;

    // A resident's scope does not cover the case they follow, and a transfer moves a case out of the sender's
    // scope: the scope filter is not the rule here, CaseAccess is.
    private Task<Case?> FindAsync(string recordId, CancellationToken cancellationToken) =>
        Guid.TryParse(recordId, out var id)
            ? db.Set<Case>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            : Task.FromResult<Case?>(null);
}
