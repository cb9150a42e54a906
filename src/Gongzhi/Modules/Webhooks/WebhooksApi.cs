using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Webhooks;

/// <summary>Subscriptions to case events and their deliveries under <c>/api/v1/webhooks</c>, for administrators within their scope.</summary>
internal static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapPost("/{id:guid}/disable", DisableAsync);
        group.MapGet("/{id:guid}/deliveries", SubscriptionDeliveriesAsync);
        group.MapGet("/deliveries", DeliveriesAsync);
        group.MapPost("/deliveries/{id:guid}/replay", ReplayAsync);
        return group;
    }

    internal static async Task<Created<WebhookView>> CreateAsync(CreateWebhookRequest request, WebhookSubscriptions subscriptions,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var created = await subscriptions.CreateAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/webhooks/{created.Id}", created);
    }

    internal static async Task<Ok<List<WebhookView>>> ListAsync(WebhookSubscriptions subscriptions, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await subscriptions.ListAsync(callers.Current, cancellationToken));

    internal static async Task<Ok<WebhookView>> DisableAsync(Guid id, WebhookSubscriptions subscriptions, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await subscriptions.DisableAsync(callers.Current, id, cancellationToken));

    internal static async Task<Ok<List<DeliveryView>>> SubscriptionDeliveriesAsync(Guid id, int? take, WebhookSubscriptions subscriptions,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await subscriptions.DeliveriesAsync(callers.Current, id, take, cancellationToken));

    internal static async Task<Ok<List<DeliveryView>>> DeliveriesAsync(int? take, WebhookSubscriptions subscriptions, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await subscriptions.DeliveriesAsync(callers.Current, null, take, cancellationToken));

    internal static async Task<Ok<DeliveryView>> ReplayAsync(Guid id, WebhookSubscriptions subscriptions, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await subscriptions.ReplayAsync(callers.Current, id, cancellationToken));
}
