using System.Diagnostics;

namespace Mirix.IntegrationTests.Infrastructure;

/// <summary>
/// A small tmpfs mounted for one test, so a data folder can run out of space for real (ENOSPC from the kernel, as on a full
/// disk). The suite runs as root on its CI machines, which mounting needs.
/// </summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static async Task<SmallDisk> MountAsync(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("mirix-small-disk-").FullName;
        await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", path);
        return new SmallDisk(path);
    }

    /// <summary>Fills what is left with a file of its own; deleting that file gives the space back.</summary>
    public async Task<string> FillAsync()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        var chunk = new byte[16 * 1024];
        await using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true);
        try
        {
            while (true)
            {
                await stream.WriteAsync(chunk);
            }
        }
        catch (IOException)
        {
            return filler; // the disk is full
        }
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await RunAsync("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false, RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}. The disk-full test mounts a tmpfs and needs root.");
        }
    }
}
