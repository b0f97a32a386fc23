using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mirix.Core.Hosting;

/// <summary>
/// Gives memory back to the operating system once the process has gone quiet. After a burst of very large requests the
/// garbage collector keeps the heap it grew (measured: 391 MB committed for 46 MB of live objects, held for as long as no
/// further collection ran, which an idle server never triggers), and glibc keeps freed native blocks. When the process
/// has used under <see cref="IdleCpuShare"/> of a core for a whole <see cref="Interval"/> and the heap holds more than
/// <see cref="SlackBytes"/> beyond its live objects, one aggressive collection decommits the free regions and
/// <c>malloc_trim</c> returns glibc's free blocks. It never runs under load, and once per quiet spell.
/// </summary>
public sealed partial class IdleMemoryRelease(TimeProvider time, ILogger<IdleMemoryRelease> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    public const double IdleCpuShare = 0.02;
    public const long SlackBytes = 64L << 20;

    /// <summary>Whether the process used under <see cref="IdleCpuShare"/> of a core over <paramref name="elapsed"/>.</summary>
    public static bool IsQuiet(TimeSpan cpuUsed, TimeSpan elapsed) => elapsed > TimeSpan.Zero && cpuUsed / elapsed < IdleCpuShare;

    /// <summary>Whether to collect now: quiet for the last interval, enough slack, and not already done in this quiet spell.</summary>
    public static bool ShouldRelease(TimeSpan cpuUsed, TimeSpan elapsed, long committedBytes, long liveBytes, bool releasedSinceLastActivity) =>
        !releasedSinceLastActivity && IsQuiet(cpuUsed, elapsed) && committedBytes - liveBytes > SlackBytes;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var (lastCpu, lastAt) = (Environment.CpuUsage.TotalTime, time.GetTimestamp());
        var released = false;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var (cpu, at) = (Environment.CpuUsage.TotalTime, time.GetTimestamp());
                var (cpuUsed, elapsed) = (cpu - lastCpu, time.GetElapsedTime(lastAt, at));
                (lastCpu, lastAt) = (cpu, at);
                if (!IsQuiet(cpuUsed, elapsed))
                {
                    released = false; // busy again: the next quiet spell may release again
                    continue;
                }
                var info = GC.GetGCMemoryInfo();
                if (!ShouldRelease(cpuUsed, elapsed, info.TotalCommittedBytes, info.HeapSizeBytes, released))
                {
                    continue;
                }
                var before = Environment.WorkingSet;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                TrimNativeHeap();
                released = true;
                (lastCpu, lastAt) = (Environment.CpuUsage.TotalTime, time.GetTimestamp()); // the collection's own CPU is not activity
                LogReleased((before - Environment.WorkingSet) >> 20, Environment.WorkingSet >> 20);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private static void TrimNativeHeap()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = NativeMethods.MallocTrim(0);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // not glibc (musl has no malloc_trim): the collection alone has run
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Idle: gave {ReleasedMb} MB back to the operating system ({WorkingSetMb} MB resident)")]
    private partial void LogReleased(long releasedMb, long workingSetMb);

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "malloc_trim")]
        internal static partial int MallocTrim(nuint pad);
    }
}
