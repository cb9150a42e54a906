using System.Security.Cryptography;
using Gongzhi.Platform.Files;

namespace Gongzhi.Tests.Files;

public sealed class FileStoreTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"gongzhi-store-{Guid.NewGuid():N}");

    [Fact]
    public async Task Put_StoresUnderTheSha256InTwoLevelsOfFolders()
    {
        var store = new FileStore(directory);
        byte[] content = [1, 2, 3, 4, 5];

        var sha = await store.PutAsync(content, TestContext.Current.CancellationToken);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), sha);
        Assert.Equal(Path.Combine(directory, sha[..2], sha[2..4], sha), store.PathOf(sha));
        Assert.Equal(content, await File.ReadAllBytesAsync(store.PathOf(sha), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Put_SameContentTwice_IsStoredOnce_AndLeavesNoTemporaryFiles()
    {
        var store = new FileStore(directory);
        byte[] content = [9, 8, 7];

        var first = await store.PutAsync(content, TestContext.Current.CancellationToken);
        var second = await store.PutAsync(content, TestContext.Current.CancellationToken);

        Assert.Equal(first, second);
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToList();
        Assert.Equal([store.PathOf(first)], files);
    }

    [Fact]
    public void PathOf_RejectsAnythingButAHash() =>
        Assert.Throws<ArgumentException>(() => new FileStore(directory).PathOf("../../etc/passwd"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
