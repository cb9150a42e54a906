using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Notifications;

/// <summary>One account's notifications: what the API and the inbox page read and mark. Nobody reads another's.</summary>
public sealed class NotificationInbox(GongzhiDbContext db, TimeProvider clock)
{
    private IQueryable<Notification> Mine(Caller caller) =>
        db.Set<Notification>().AsNoTracking().Where(n => n.RecipientUserId == caller.UserId);

    public async Task<NotificationList> ListAsync(Caller caller, bool unreadOnly, int take, CancellationToken cancellationToken)
    {
        var query = unreadOnly ? Mine(caller).Where(n => n.ReadAt == null) : Mine(caller);
        var items = await query.OrderByDescending(n => n.CreatedAt).Take(Math.Clamp(take, 1, 200))
            .Select(n => new NotificationResponse(n.Id, n.Kind, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);
        return new NotificationList(items, await UnreadCountAsync(caller, cancellationToken));
    }

    public Task<int> UnreadCountAsync(Caller caller, CancellationToken cancellationToken) =>
        caller.UserId is null ? Task.FromResult(0) : Mine(caller).CountAsync(n => n.ReadAt == null, cancellationToken);

    /// <summary>False when there is no such notification of the caller's: someone else's is reported as absent, its existence is private too.</summary>
    public async Task<bool> MarkReadAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var notification = await db.Set<Notification>().FirstOrDefaultAsync(n => n.Id == id && n.RecipientUserId == caller.UserId, cancellationToken);
        if (notification is null)
        {
            return false;
        }
        notification.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public Task MarkAllReadAsync(Caller caller, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.Set<Notification>().Where(n => n.RecipientUserId == caller.UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
