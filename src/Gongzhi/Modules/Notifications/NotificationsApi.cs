using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Notifications;

public sealed record NotificationResponse(Guid Id, string Kind, string Title, string? Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record NotificationList(IReadOnlyList<NotificationResponse> Items, int Unread);

internal static class NotificationsApi
{
    public static void MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications");
        group.MapGet("/", ListAsync);
        group.MapPost("/{id:guid}/read", MarkReadAsync);
        group.MapPost("/read-all", MarkAllReadAsync);
    }

    /// <summary>The caller's own notifications, newest first.</summary>
    internal static async Task<Ok<NotificationList>> ListAsync(bool? unread, int? take, GongzhiDbContext db, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var me = callers.Current.UserId;
        var mine = db.Set<Notification>().AsNoTracking().Where(n => n.RecipientUserId == me);
        var query = unread == true ? mine.Where(n => n.ReadAt == null) : mine;
        var items = await query.OrderByDescending(n => n.CreatedAt).Take(Math.Clamp(take ?? 50, 1, 200))
            .Select(n => new NotificationResponse(n.Id, n.Kind, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);
        var unreadCount = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        return TypedResults.Ok(new NotificationList(items, unreadCount));
    }

    internal static async Task<Results<NoContent, NotFound>> MarkReadAsync(Guid id, GongzhiDbContext db, ICallerAccessor callers, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var me = callers.Current.UserId;
        // Someone else's notification is reported as absent, not as forbidden: its existence is private too.
        var notification = await db.Set<Notification>().FirstOrDefaultAsync(n => n.Id == id && n.RecipientUserId == me, cancellationToken);
        if (notification is null)
        {
            return TypedResults.NotFound();
        }
        notification.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> MarkAllReadAsync(GongzhiDbContext db, ICallerAccessor callers, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = callers.Current.UserId;
        var now = clock.GetUtcNow();
        await db.Set<Notification>().Where(n => n.RecipientUserId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return TypedResults.NoContent();
    }
}
