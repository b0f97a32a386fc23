using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mirix.Core.Memory;

/// <summary>Runs <see cref="RawMemoryCleanup"/> over every organization on a timer (MIRIX leaves this to a cron that never deletes).</summary>
public sealed partial class RawMemoryCleanupJob(
    IServiceScopeFactory scopes, RawMemoryRetentionOptions options, TimeProvider time, ILogger<RawMemoryCleanupJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.RetentionDays == 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.CleanupInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<RawMemoryCleanup>()
                    .DeleteStaleAsync(options.RetentionDays, organizationId: null, scope: null, stoppingToken);
                if (result.Deleted > 0)
                {
                    LogDeleted(result.Deleted, result.Cutoff);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failed run is logged; the next tick tries again
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Deleted} raw memories not updated since {Cutoff:o}")]
    private partial void LogDeleted(int deleted, DateTime cutoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "Raw-memory cleanup failed; trying again at the next interval")]
    private partial void LogFailed(Exception exception);
}
