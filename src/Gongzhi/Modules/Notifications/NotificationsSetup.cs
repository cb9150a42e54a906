using Gongzhi.Components.Layout;

namespace Gongzhi.Modules.Notifications;

public static class NotificationsSetup
{
    public static void AddNotifications(this WebApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR();
        // With more than one node, live messages travel through Redis so a change on one node reaches pages open on another.
        if (builder.Configuration["Redis:Connection"] is { Length: > 0 } redis)
        {
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("gongzhi"));
        }
        builder.Services.AddScoped<Notifier>();
        builder.Services.AddScoped<NotificationInbox>();
        builder.Services.AddSingleton(new HeaderWidget(10, typeof(Pages.UnreadBadge)));
        builder.Services.AddSingleton<LivePublisher>();
        builder.Services.AddSingleton<LoggingOutboundChannel>();
        builder.Services.AddSingleton<IOutboundChannel>(s => s.GetRequiredService<LoggingOutboundChannel>());
    }

    public static void MapNotifications(this WebApplication app)
    {
        app.MapNotificationsApi();
        app.MapHub<LiveHub>(LiveHub.Path);
    }
}
