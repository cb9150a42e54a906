using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Notifications;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Notifications;

public sealed class NotificationTests(GongzhiApp app)
{
    private async Task<Guid> NotifyAsync(string userName, string title, bool save = true)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GongzhiUser>>();
        var user = await users.FindByNameAsync(userName);
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        scope.ServiceProvider.GetRequiredService<Notifier>().Notify([user!.Id], "test.kind", title, "正文", "/");
        if (save)
        {
            await db.SaveChangesAsync();
        }
        return db.ChangeTracker.Entries<Notification>().Single().Entity.Id;
    }

    [Fact]
    public async Task Notification_SavedWithTheChange_IsListedForItsRecipientOnly()
    {
        var title = $"通知 {Guid.NewGuid():N}";
        await NotifyAsync("resident1", title);

        using var recipient = await app.ClientForAsync("resident1");
        using var other = await app.ClientForAsync("resident2");
        var mine = await recipient.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true", TestContext.Current.CancellationToken);
        var theirs = await other.GetFromJsonAsync<JsonElement>("/api/v1/notifications", TestContext.Current.CancellationToken);

        Assert.Contains(mine.GetProperty("items").EnumerateArray(), n => n.GetProperty("title").GetString() == title);
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), n => n.GetProperty("title").GetString() == title);
    }

    [Fact]
    public async Task Notification_NotSaved_IsNeverDelivered()
    {
        var title = $"未保存 {Guid.NewGuid():N}";
        await NotifyAsync("resident1", title, save: false);

        using var recipient = await app.ClientForAsync("resident1");
        var mine = await recipient.GetFromJsonAsync<JsonElement>("/api/v1/notifications", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(mine.GetProperty("items").EnumerateArray(), n => n.GetProperty("title").GetString() == title);
    }

    [Fact]
    public async Task MarkRead_BySomeoneElse_Returns404_AndByTheRecipient_Works()
    {
        var id = await NotifyAsync("resident2", $"已读 {Guid.NewGuid():N}");
        using var stranger = await app.ClientForAsync("resident1");
        using var recipient = await app.ClientForAsync("resident2");

        var foreign = await stranger.PostAsync($"/api/v1/notifications/{id}/read", null, TestContext.Current.CancellationToken);
        var own = await recipient.PostAsync($"/api/v1/notifications/{id}/read", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        var list = await recipient.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task LiveHub_Anonymous_Returns401()
    {
        using var client = app.Anonymous();
        var response = await client.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
