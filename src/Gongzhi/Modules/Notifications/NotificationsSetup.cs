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
        // A configured gateway sends the texts; otherwise (the demo) they only go to the log.
        var sms = builder.Configuration.GetSection(SmsGatewayOptions.Section);
        if (sms[nameof(SmsGatewayOptions.Endpoint)] is { Length: > 0 })
        {
            builder.Services.AddOptions<SmsGatewayOptions>().Bind(sms)
                .Validate(o => Uri.TryCreate(o.Endpoint, UriKind.Absolute, out _), "Notifications:Sms:Endpoint must be an absolute URL.")
                .Validate(o => !string.IsNullOrEmpty(o.Account) && !string.IsNullOrEmpty(o.Secret), "Notifications:Sms needs Account and Secret.")
                .Validate(o => o.TimeoutSeconds > 0, "Notifications:Sms:TimeoutSeconds must be positive.")
                .ValidateOnStart();
            builder.Services.AddHttpClient<SmsGatewayChannel>();
            builder.Services.AddTransient<IOutboundChannel>(s => s.GetRequiredService<SmsGatewayChannel>());
        }
        else
        {
            builder.Services.AddSingleton<IOutboundChannel>(s => s.GetRequiredService<LoggingOutboundChannel>());
        }
    }

    public static void MapNotifications(this WebApplication app)
    {
        app.MapNotificationsApi();
        app.MapHub<LiveHub>(LiveHub.Path);
    }
}
