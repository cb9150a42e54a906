using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

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
    internal static async Task<Ok<NotificationList>> ListAsync(bool? unread, int? take, NotificationInbox inbox, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.ListAsync(callers.Current, unread == true, take ?? 50, cancellationToken));

    internal static async Task<Results<NoContent, NotFound>> MarkReadAsync(Guid id, NotificationInbox inbox, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        await inbox.MarkReadAsync(callers.Current, id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    internal static async Task<NoContent> MarkAllReadAsync(NotificationInbox inbox, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        await inbox.MarkAllReadAsync(callers.Current, cancellationToken);
        return TypedResults.NoContent();
    }
}
