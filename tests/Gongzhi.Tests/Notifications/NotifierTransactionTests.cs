using System.Collections.Concurrent;
using Gongzhi.Modules.Notifications;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Notifications;

/// <summary>Messages that leave the platform follow the transaction: sent after a commit, never after a rollback.</summary>
public sealed class NotifierTransactionTests : IAsyncLifetime
{
    private readonly RecordingChannel channel = new();
    private GongzhiApp app = null!;

    public async ValueTask InitializeAsync()
    {
        app = new GongzhiApp { TestServices = services => services.AddSingleton<IOutboundChannel>(channel) };
        await app.InitializeAsync();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task InsideATransaction_NothingIsSentBeforeTheCommit_AndNothingAfterARollback()
    {
        var adminId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
            db.Caller = Caller.System;
            await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            scope.ServiceProvider.GetRequiredService<Notifier>().Notify([adminId], "test", "回滚的通知", outboundToo: true);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await Task.Delay(200, TestContext.Current.CancellationToken);
            Assert.Empty(channel.Sent);
            await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
            db.Caller = Caller.System;
            await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            scope.ServiceProvider.GetRequiredService<Notifier>().Notify([adminId], "test", "提交的通知", outboundToo: true);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (channel.Sent.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.Equal(["提交的通知"], channel.Sent);
    }

    private sealed class RecordingChannel : IOutboundChannel
    {
        public ConcurrentQueue<string> Sent { get; } = new();

        public Task SendAsync(string recipientUserId, string title, string? body, CancellationToken cancellationToken)
        {
            Sent.Enqueue(title);
            return Task.CompletedTask;
        }

        public Task SendToNumberAsync(string phoneNumber, string text, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
