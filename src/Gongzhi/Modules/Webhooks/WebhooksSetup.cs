using Gongzhi.Components.Layout;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Webhooks.Inbound;
using Gongzhi.Platform.Jobs;
using Gongzhi.Platform.Scoping;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Webhooks;

/// <summary>Signed posts of case events to the departments' own systems, from an outbox kept with the cases.</summary>
public static class WebhooksSetup
{
    public static void AddWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddNavEntry(33, "admin/webhooks", _ => WebhooksText.Get("Nav.Webhooks"), NavEntries.ForRoles(Roles.Admin));
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .Validate(o => o.FirstRetrySeconds > 0 && o.MaxRetrySeconds >= o.FirstRetrySeconds && o.TimeoutSeconds > 0,
                "Webhooks: FirstRetrySeconds and TimeoutSeconds must be positive, MaxRetrySeconds no less than FirstRetrySeconds.")
            .ValidateOnStart();
        builder.Services.AddHttpClient(WebhookSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(services =>
            {
                var allowPrivate = services.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks;
                // No proxy and no redirects: either would take the post to an address the check never saw.
                return new SocketsHttpHandler
                {
                    UseProxy = false,
                    AllowAutoRedirect = false,
                    ConnectCallback = (context, cancellationToken) => SubscriberAddresses.ConnectAsync(context.DnsEndPoint, allowPrivate, cancellationToken),
                };
            });
        builder.Services.AddScoped<WebhookSubscriptions>();
        builder.Services.AddScoped<SystemKeys>();
        builder.Services.AddSingleton<JobSignal<WebhookSender>>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<ICaseEventListener, WebhookOutbox>();
        builder.Services.AddHostedService<WebhookWorker>();
    }

    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapWebhooksApi();
        app.MapInboundApi();
    }
}
