using Gongzhi.Modules.Access;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Files;

/// <summary>
/// Uploads no record took in are removed after <see cref="FilesOptions.UnattachedHours"/>, row and bytes, with an
/// audit line each; attached files, and bytes another row still names, stay. On an instance of its own: a sweep
/// two days ahead would take other tests' fresh uploads.
/// </summary>
public sealed class AbandonedUploadsTests
{
    [Fact]
    public async Task Sweep_RemovesUploadsNoRecordTookIn_AfterTheirHours_KeepingAttachedFilesAndSharedBytes()
    {
        await using var app = new GongzhiApp();
        await app.InitializeAsync();
        using var resident = await app.ClientForAsync("resident1");
        var uploaded = DateTimeOffset.UtcNow;
        var kept = await UploadPhotoAsync(resident, TestImages.Jpeg(64, 48));
        await AttachAsync(app, kept, $"ConferenceFeed:{Guid.NewGuid()}");
        var abandoned = await UploadPhotoAsync(resident, TestImages.Jpeg(80, 60));
        // The same bytes as the attached photo: its row goes, the bytes stay for the attached one.
        var duplicate = await UploadPhotoAsync(resident, TestImages.Jpeg(64, 48));
        var files = await app.WithDbAsync(db => db.Set<StoredFile>().AsNoTracking().ToDictionaryAsync(f => f.Id, Cancel));
        Assert.Equal(files[kept].Sha256, files[duplicate].Sha256);
        var store = app.Services.GetRequiredService<FileStore>();
        var sweep = app.Services.GetRequiredService<AbandonedUploads>();

        Assert.Equal(0, await sweep.SweepAsync(uploaded.AddHours(48).AddMinutes(-1), Cancel));
        var later = uploaded.AddHours(49);
        var (deadUpload, liveUpload) = (IncomingFile(store, later.AddHours(-2)), IncomingFile(store, later.AddMinutes(-10)));
        Assert.Equal(2, await sweep.SweepAsync(later, Cancel));

        var left = await app.WithDbAsync(db => db.Set<StoredFile>().Select(f => f.Id).ToListAsync(Cancel));
        Assert.Equal([kept], left);
        Assert.False(store.Exists(files[abandoned].Sha256));
        Assert.False(store.Exists(files[abandoned].PublicVariantSha256));
        Assert.True(store.Exists(files[kept].Sha256));
        Assert.True(store.Exists(files[kept].PublicVariantSha256));
        Assert.False(File.Exists(deadUpload));
        Assert.True(File.Exists(liveUpload));
        var audited = await app.WithDbAsync(db => db.Set<AuditEntry>()
            .Where(e => e.Subject == nameof(StoredFile) && e.Action == AuditActions.Deleted).Select(e => e.SubjectKey).ToListAsync(Cancel));
        Assert.Equal(new[] { abandoned.ToString(), duplicate.ToString() }.Order(), audited.Order());
        // A report sent after the sweep with the abandoned photo is refused, not stored with a photo that is gone.
        await Assert.ThrowsAsync<RuleViolationException>(() => AttachAsync(app, abandoned, $"ConferenceFeed:{Guid.NewGuid()}"));
        Assert.Equal(0, await sweep.SweepAsync(later, Cancel));
    }

    [Fact]
    public async Task ARecordTakingAFileIn_AndTheSweepRemovingIt_CannotBothWin()
    {
        await using var app = new GongzhiApp();
        await app.InitializeAsync();
        using var resident = await app.ClientForAsync("resident1");
        var id = await UploadPhotoAsync(resident, TestImages.Jpeg(72, 54));

        // The sweep has read the file as abandoned when a record takes it in.
        await using var scope = app.Services.CreateAsyncScope();
        var sweepDb = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        sweepDb.Caller = Caller.System;
        var seen = await sweepDb.Set<StoredFile>().SingleAsync(f => f.Id == id, Cancel);
        var owner = $"ConferenceFeed:{Guid.NewGuid()}";
        await AttachAsync(app, id, owner);
        sweepDb.Remove(seen);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => sweepDb.SaveChangesAsync(Cancel));
        Assert.Equal(owner, await app.WithDbAsync(db => db.Set<StoredFile>().Where(f => f.Id == id).Select(f => f.OwnerKey).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task Timer_SweepsByItself_APeriodAfterTheStart()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new GongzhiApp { Clock = clock };
        app.Settings["Files:SweepMinutes"] = "60";
        await app.InitializeAsync();
        using var resident = await app.ClientForAsync("resident1");
        var abandoned = await UploadPhotoAsync(resident, TestImages.Jpeg(88, 66));
        Task<bool> GoneAsync() => app.WithDbAsync(db => db.Set<StoredFile>().AllAsync(f => f.Id != abandoned, Cancel));

        clock.Advance(TimeSpan.FromHours(49));
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await GoneAsync())
        {
            Assert.True(DateTime.UtcNow < until, "The timer did not sweep within 20 seconds.");
            // Each hour of the fake clock lets the timer run once more.
            clock.Advance(TimeSpan.FromHours(1));
            await Task.Delay(50, Cancel);
        }
    }

    private static async Task AttachAsync(GongzhiApp app, Guid id, string owner)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        await scope.ServiceProvider.GetRequiredService<PhotoLibrary>().AttachAsync([id], "420103001002", owner, Cancel);
        await db.SaveChangesAsync(Cancel);
    }

    /// <summary>A temporary file as an upload in the middle of being stored leaves it, last written at <paramref name="at"/>.</summary>
    private static string IncomingFile(FileStore store, DateTimeOffset at)
    {
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(store.Directory, ".incoming")).FullName, $"{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(path, at.UtcDateTime);
        return path;
    }
}
