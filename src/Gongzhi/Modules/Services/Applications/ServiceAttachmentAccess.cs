using Gongzhi.Platform.Data;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Applications;

/// <summary>Photos of documents attached to <c>ServiceApplication:{id}</c> are seen by whoever may see the application; never published.</summary>
internal sealed class ServiceAttachmentAccess(GongzhiDbContext db) : IAttachmentAccess
{
    public const string OwnerPrefix = "ServiceApplication";

    public string Owner => OwnerPrefix;

    public static string OwnerKey(Guid applicationId) => $"{OwnerPrefix}:{applicationId}";

    public async Task<bool> MaySeeAsync(Caller caller, string recordId, Guid fileId, CancellationToken cancellationToken) =>
        Guid.TryParse(recordId, out var id)
        // The applicant's scope does not cover the centre: the rules decide, not the scope filter.
        && await db.Set<ServiceApplication>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is { } application
        && ApplicationRules.Instance.CanSee(caller, application);

    public Task<bool> IsPublishedAsync(string recordId, Guid fileId, CancellationToken cancellationToken) => Task.FromResult(false);
}
