using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.Webhooks.WebhookKit;

namespace Gongzhi.Tests.Webhooks;

public sealed class WebhookRestartTests
{
    [Fact]
    public async Task ReceiverUnreachable_AcrossARestartOfTheServer_GetsEveryEventOnceInOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var receiver = new WebhookReceiver();
        const string path = "restart";
        Guid subscription;
        Guid caseId;
        await using (var first = WebhookApp.Start(database))
        {
            await first.InitializeAsync();
            using var admin = await first.ClientForAsync("admin");
            // Nothing listens on the receiver's port yet: every attempt is refused.
            subscription = (await SubscribeAsync(admin, await OrganisationAsync(first, "420103.cgj"), receiver.Url(path), "restart-secret-0123456"))
                .GetProperty("id").GetGuid();
            caseId = await CaseAsync(first, "resolved");
            await EventuallyAsync(async () => (await DeliveriesOfAsync(admin, subscription, caseId)).Any(d =>
                d.GetProperty("attempts").GetInt32() >= 1 && d.GetProperty("lastError").GetString() is { Length: > 0 }), "a failed attempt");
            Assert.Equal(3, (await DeliveriesOfAsync(admin, subscription, caseId)).Count);
        }

        await receiver.StartAsync();
        await using var second = WebhookApp.Start(database);
        await second.InitializeAsync();

        await EventuallyAsync(() => Task.FromResult(receiver.For(path, caseId).Count == 3), "every event after the restart");
        Assert.Equal(["case.dispatched", "case.accepted", "case.resolved"], receiver.For(path, caseId).Select(p => p.Event));
        using var again = await second.ClientForAsync("admin");
        await EventuallyAsync(async () => (await DeliveriesOfAsync(again, subscription, caseId)).All(d => d.GetProperty("state").GetString() == "Delivered"),
            "all marked delivered");
        Assert.Equal(3, receiver.Accepted.Select(p => p.DeliveryId).Distinct().Count());
        Assert.Equal(3, receiver.Accepted.Count);
    }
}
