using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Mirix.Core.Ingestion;

/// <summary>
/// The embedded default: bounded channels, one per partition, each read by one loop so a user's messages stay in order.
/// A message leaves its channel only after its handler returned (peek, handle, then read). When a partition is full,
/// publishing fails at once (the Api answers 503) rather than blocking or dropping. What a crash loses from memory the
/// operation journal brings back at the next start (see <see cref="InProcessRecovery"/>).
/// </summary>
public sealed partial class InProcessTransport : IIngestionTransport
{
    private const int LookaheadBatch = 64;
    private readonly Channel<IngestionEnvelope>[] _partitions;
    /// <summary>Per partition, what was published and not yet shown to the lookahead (the channel shows only its head).</summary>
    private readonly ConcurrentQueue<IngestionEnvelope>[] _notLookedAt;
    private readonly TimeProvider _time;
    private readonly ILogger<InProcessTransport> _logger;
    private long _backlog;

    public InProcessTransport(IngestionOptions options, TimeProvider time, ILogger<InProcessTransport> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _logger = logger;
        var perPartition = Math.Max(1, options.Capacity / options.Partitions);
        _partitions = Enumerable.Range(0, options.Partitions)
            .Select(_ => Channel.CreateBounded<IngestionEnvelope>(new BoundedChannelOptions(perPartition)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of dropping anything
            }))
            .ToArray();
        _notLookedAt = Enumerable.Range(0, options.Partitions).Select(_ => new ConcurrentQueue<IngestionEnvelope>()).ToArray();
    }

    public string Name => TransportNames.InProcess;

    public Task PublishAsync(IngestionEnvelope envelope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var partition = Partitioning.Of(envelope.PartitionKey, _partitions.Length);
        if (!_partitions[partition].Writer.TryWrite(envelope))
        {
            throw new IngestionUnavailableException("The ingestion queue is full; retry shortly.", TimeSpan.FromSeconds(1));
        }
        _notLookedAt[partition].Enqueue(envelope);
        Interlocked.Increment(ref _backlog);
        return Task.CompletedTask;
    }

    public Task ConsumeAsync(DeliveryHandler handler, CancellationToken stopReading, DeliveryLookahead? lookahead = null) =>
        Task.WhenAll(_partitions.Select((p, i) => ConsumePartitionAsync(p.Reader, _notLookedAt[i], handler, lookahead, stopReading)));

    public Task<long?> GetBacklogAsync(CancellationToken ct) => Task.FromResult<long?>(Interlocked.Read(ref _backlog));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task ConsumePartitionAsync(
        ChannelReader<IngestionEnvelope> reader, ConcurrentQueue<IngestionEnvelope> notLookedAt, DeliveryHandler handler, DeliveryLookahead? lookahead,
        CancellationToken stopReading)
    {
        try
        {
            while (await reader.WaitToReadAsync(stopReading))
            {
                while (!stopReading.IsCancellationRequested && reader.TryPeek(out var envelope))
                {
                    try
                    {
                        if (lookahead is not null && !notLookedAt.IsEmpty)
                        {
                            await LookAheadAsync(notLookedAt, lookahead);
                        }
                        await handler(envelope);
                    }
                    catch (OperationCanceledException)
                    {
                        return; // aborted mid-message: it stays at the head of the partition
                    }
#pragma warning disable CA1031 // a consumer loop outlives any one message's failure; the message is tried again
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        LogHandlerFailed(e, envelope.OperationId);
                        await Task.Delay(TimeSpan.FromSeconds(1), _time, stopReading);
                        continue;
                    }
                    reader.TryRead(out _);
                    Interlocked.Decrement(ref _backlog);
                }
            }
        }
        catch (OperationCanceledException) when (stopReading.IsCancellationRequested)
        {
            // stopping: nothing in flight
        }
    }

    private static Task LookAheadAsync(ConcurrentQueue<IngestionEnvelope> notLookedAt, DeliveryLookahead lookahead)
    {
        var waiting = new List<IngestionEnvelope>(LookaheadBatch);
        while (waiting.Count < LookaheadBatch && notLookedAt.TryDequeue(out var next))
        {
            waiting.Add(next);
        }
        return lookahead(waiting);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling operation {OperationId} failed outside its retry policy; trying it again")]
    private partial void LogHandlerFailed(Exception exception, string operationId);
}
