using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Gongzhi.Platform.Files;

/// <summary>
/// Bytes on disk under <c>Files:Directory</c>, named by their SHA-256 in two levels of folders
/// (<c>ab/cd/abcd…</c>) so that no folder grows huge and identical uploads are stored once.
/// </summary>
/// <remarks>
/// A file is written to a temporary name, flushed to the disk, renamed into place and its folder
/// flushed too: once <see cref="PutAsync"/> returns, the file survives a crash or power loss, and a
/// crash before that leaves at most a stray temporary file, never a truncated file under a real name.
/// Callers store the database row that names a file only after this returns.
/// </remarks>
public sealed class FileStore
{
    private const string TemporaryFolder = ".incoming";

    public FileStore(string directory)
    {
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var path = PathOf(sha256);
        if (File.Exists(path) && new FileInfo(path).Length == content.Length)
        {
            return sha256;
        }
        var folder = Path.GetDirectoryName(path)!;
        System.IO.Directory.CreateDirectory(folder);
        var incoming = System.IO.Directory.CreateDirectory(Path.Combine(Directory, TemporaryFolder)).FullName;
        var temporary = Path.Combine(incoming, $"{sha256}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = System.IO.FileOptions.Asynchronous,
            }))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            // Same file system (both under Directory), so the rename is atomic: readers see all or nothing.
            File.Move(temporary, path, overwrite: true);
            FlushFolder(folder);
        }
        finally
        {
            File.Delete(temporary);
        }
        return sha256;
    }

    /// <summary>The stored file, or null when it is not there.</summary>
    public Stream? OpenRead(string sha256)
    {
        var path = PathOf(sha256);
        return File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, System.IO.FileOptions.Asynchronous)
            : null;
    }

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>Removes a file no row names any more; a file that is not there is no error (another node removed it).</summary>
    public void Delete(string sha256) => File.Delete(PathOf(sha256));

    /// <summary>Temporary files a crash left behind in the middle of a <see cref="PutAsync"/> begun before <paramref name="before"/>.</summary>
    public int DeleteAbandonedIncoming(DateTimeOffset before)
    {
        var incoming = new DirectoryInfo(Path.Combine(Directory, TemporaryFolder));
        if (!incoming.Exists)
        {
            return 0;
        }
        var deleted = 0;
        foreach (var file in incoming.EnumerateFiles("*.tmp").Where(f => f.LastWriteTimeUtc < before.UtcDateTime))
        {
            file.Delete();
            deleted++;
        }
        return deleted;
    }

    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not a lower-case SHA-256.", nameof(sha256));
        }
        return Path.Combine(Directory, sha256[..2], sha256[2..4], sha256);
    }

    /// <summary>
    /// A rename is durable only once the folder holding it is flushed. .NET has no call for that, so on
    /// Linux (the production system) the folder is opened and fsync'ed through libc; elsewhere it is skipped.
    /// </summary>
    private static void FlushFolder(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var fd = NativeMethods.open(System.Text.Encoding.UTF8.GetBytes(folder + "\0"), NativeMethods.ReadOnlyDirectory);
        if (fd < 0)
        {
            return;
        }
        try
        {
            _ = NativeMethods.fsync(fd);
        }
        finally
        {
            _ = NativeMethods.close(fd);
        }
    }

    private static class NativeMethods
    {
        // O_RDONLY: a folder opened read-only can be fsync'ed, and the flag has the same value on every Linux architecture.
        public const int ReadOnlyDirectory = 0;

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int open(byte[] path, int flags);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int close(int fd);
    }
}
