using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mirix.Core.Ingestion;

/// <summary>
/// Hosts the consumers. On shutdown it stops reading at once and gives messages in flight
/// <see cref="IngestionOptions.DrainTimeout"/> to finish; what is still running then is aborted and stays
/// unacknowledged (in-process: journaled), so another consumer or the next start picks it up.
/// </summary>
public sealed partial class IngestionConsumerService(
    IIngestionTransport transport, IngestionProcessor processor, RawEmbeddingLookahead lookahead, IngestionOptions options,
    IServiceScopeFactory scopes, TimeProvider time, ILogger<IngestionConsumerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (transport is InProcessTransport)
        {
            await InProcessRecovery.RequeueUnfinishedAsync(scopes, transport, logger, stoppingToken);
        }
        using var abort = new CancellationTokenSource();
        await using var drain = stoppingToken.Register(() => abort.CancelAfter(options.DrainTimeout));
        // Waiting messages are embedded in one batch, then the raw ones at their head are finished in one transaction.
        async Task LookAheadAsync(IReadOnlyList<IngestionEnvelope> waiting)
        {
            await lookahead.PrepareAsync(waiting, abort.Token);
            await processor.CompleteAheadAsync(waiting, abort.Token);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await transport.ConsumeAsync(envelope => processor.ProcessAsync(envelope, abort.Token), stoppingToken, LookAheadAsync);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a transport failure must not stop the host (BackgroundService's default); consuming starts again
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogConsumerFailed(e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The ingestion consumers failed; starting them again")]
    private partial void LogConsumerFailed(Exception exception);
}
