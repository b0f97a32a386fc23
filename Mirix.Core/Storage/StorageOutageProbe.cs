using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mirix.Core.Storage;

/// <summary>While <see cref="StorageOutage"/> says the database is down, asks it every <see cref="Interval"/> whether it answers.</summary>
public sealed partial class StorageOutageProbe(StorageOutage outage, IServiceScopeFactory scopes, TimeProvider time, ILogger<StorageOutageProbe> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await outage.WhenDownAsync(stoppingToken);
                var since = time.GetTimestamp();
                LogDown();
                while (!await AnswersAsync(stoppingToken))
                {
                    await Task.Delay(Interval, time, stoppingToken);
                }
                outage.ReportReachable();
                LogUp(time.GetElapsedTime(since).TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<MirixDbContext>().Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database does not answer: requests are refused with 503 until it does")]
    private partial void LogDown();

    [LoggerMessage(Level = LogLevel.Information, Message = "The database answers again after {Seconds:F1} s")]
    private partial void LogUp(double seconds);
}
