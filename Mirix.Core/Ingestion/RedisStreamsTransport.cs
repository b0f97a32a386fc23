using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Mirix.Core.Ingestion;

/// <summary>
/// Redis Streams: one stream per partition, one consumer group. A worker consumes a partition only while it holds that
/// partition's lease, under the partition's own consumer name, so one user's messages are handled in order by one loop
/// even with several workers. A message is acknowledged (and deleted) only after its handler returned; a worker that
/// takes over a partition first re-reads the messages its dead predecessor left pending. Redis should run with
/// append-only persistence; when it is unreachable, publishing fails at once.
/// </summary>
public sealed partial class RedisStreamsTransport(
    IConnectionMultiplexer redis, IngestionOptions options, TimeProvider time, ILogger<RedisStreamsTransport> logger) : IIngestionTransport
{
    private const string Group = "workers";
    private const string Field = "e";
    private const int ReadBatch = 64;

    private const string RenewScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private const string ReleaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private volatile bool _down;

    public string Name => TransportNames.RedisStreams;

    private IDatabase Db => redis.GetDatabase();

    private RedisKey Stream(int partition) => $"{options.StreamPrefix}:p{partition}";

    private RedisKey Lease(int partition) => $"{options.StreamPrefix}:lease:p{partition}";

    public async Task PublishAsync(IngestionEnvelope envelope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var partition = Partitioning.Of(envelope.PartitionKey, options.Partitions);
        try
        {
            await WaitForConnectionAsync(ct);
            await Db.StreamAddAsync(Stream(partition), Field, envelope.Serialize());
        }
        // Whatever the failure (a Redis error, a timeout, or the client's pipe closing under a write while Redis restarts,
        // which surfaces as InvalidOperationException), the message was not kept for certain: the caller gets 503, and a
        // copy that did land is dropped by the consumer because its operation is removed.
        catch (Exception e) when (IsRedisFailure(e, ct))
        {
            throw new IngestionUnavailableException(_down
                ? "The ingestion queue (Redis) is down; adds are refused at once until it reconnects."
                : "The ingestion queue (Redis) is unreachable; retry shortly.", TimeSpan.FromSeconds(2), e);
        }
    }

    /// <summary>
    /// Commands fail fast while disconnected; a connection being made (at start-up, or a reconnect after a blip) is
    /// worth a short wait before the caller is told 503. Once such a wait has run out, Redis is down rather than
    /// blinking: until it is connected again, callers are refused at once instead of each waiting in turn (measured: a
    /// 503 took 2 s at the median through a 10 s outage).
    /// </summary>
    private async Task WaitForConnectionAsync(CancellationToken ct)
    {
        if (redis.IsConnected)
        {
            _down = false;
            return;
        }
        if (_down)
        {
            return;
        }
        var waited = time.GetTimestamp();
        while (!redis.IsConnected && time.GetElapsedTime(waited) < options.PublishConnectWait)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), time, ct);
        }
        _down = !redis.IsConnected;
    }

    public async Task<long?> GetBacklogAsync(CancellationToken ct)
    {
        // Acknowledged entries are deleted, so a stream's length is what is still to do.
        var lengths = await Task.WhenAll(Enumerable.Range(0, options.Partitions).Select(p => Db.StreamLengthAsync(Stream(p))));
        return lengths.Sum();
    }

    public async Task ConsumeAsync(DeliveryHandler handler, CancellationToken stopReading, DeliveryLookahead? lookahead = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        await Task.WhenAll(Enumerable.Range(0, options.Partitions).Select(p => OwnPartitionAsync(p, handler, lookahead, stopReading)));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Takes the partition's lease whenever it is free and consumes while the lease holds.</summary>
    private async Task OwnPartitionAsync(int partition, DeliveryHandler handler, DeliveryLookahead? lookahead, CancellationToken stopReading)
    {
        var retry = new Backoff(options.IdlePollDelay, options.LeaseDuration / 3);
        while (!stopReading.IsCancellationRequested)
        {
            try
            {
                await EnsureGroupAsync(partition);
                if (!await Db.StringSetAsync(Lease(partition), _instance, options.LeaseDuration, When.NotExists))
                {
                    await Task.Delay(options.LeaseDuration / 3, time, stopReading);
                    continue;
                }
                retry.Reset();
                LogLeaseTaken(partition);
                using var leaseLost = new CancellationTokenSource();
                using var reading = CancellationTokenSource.CreateLinkedTokenSource(stopReading, leaseLost.Token);
                var keeper = KeepLeaseAsync(partition, leaseLost, reading.Token);
                try
                {
                    await ConsumePartitionAsync(partition, handler, lookahead, reading.Token);
                }
                finally
                {
                    await reading.CancelAsync();
                    await keeper;
                    await ReleaseLeaseAsync(partition);
                }
            }
            catch (OperationCanceledException) when (stopReading.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsRedisFailure(e, stopReading))
            {
                LogRedisFailed(e, partition);
                await DelayQuietlyAsync(retry.Next(), stopReading);
            }
        }
    }

    private async Task ConsumePartitionAsync(int partition, DeliveryHandler handler, DeliveryLookahead? lookahead, CancellationToken reading)
    {
        var idle = new Backoff(TimeSpan.FromMilliseconds(2), options.IdlePollDelay);
        var position = StreamPosition.Beginning; // first this consumer's pending messages (a predecessor's, after a takeover)
        while (!reading.IsCancellationRequested)
        {
            StreamEntry[] entries;
            try
            {
                entries = await Db.StreamReadGroupAsync(Stream(partition), Group, ConsumerName(partition), position, ReadBatch);
            }
            catch (Exception e) when (IsRedisFailure(e, reading))
            {
                LogRedisFailed(e, partition);
                await DelayQuietlyAsync(idle.Next(), reading);
                continue;
            }
            if (entries.Length == 0)
            {
                if (position == StreamPosition.Beginning)
                {
                    position = StreamPosition.NewMessages;
                }
                else
                {
                    await DelayQuietlyAsync(idle.Next(), reading);
                }
                continue;
            }
            idle.Reset();
            if (lookahead is not null)
            {
                await LookAheadAsync(entries, lookahead);
            }
            foreach (var entry in entries)
            {
                if (reading.IsCancellationRequested)
                {
                    return; // read but not started: still pending, the next owner gets it
                }
                if (!await HandleAsync(partition, entry, handler))
                {
                    // Not acknowledged: re-read from the oldest pending message so order holds.
                    position = StreamPosition.Beginning;
                    await DelayQuietlyAsync(TimeSpan.FromSeconds(1), reading);
                    break;
                }
            }
        }
    }

    private static Task LookAheadAsync(StreamEntry[] entries, DeliveryLookahead lookahead)
    {
        var waiting = new List<IngestionEnvelope>(entries.Length);
        foreach (var entry in entries)
        {
            try
            {
                if (entry[Field] is { IsNull: false } body)
                {
                    waiting.Add(IngestionEnvelope.Deserialize((byte[])body!));
                }
            }
            catch (PoisonMessageException)
            {
                // set aside when its turn comes
            }
        }
        return lookahead(waiting);
    }

    /// <summary>Runs the handler and acknowledges; false when the message must stay pending.</summary>
    private async Task<bool> HandleAsync(int partition, StreamEntry entry, DeliveryHandler handler)
    {
        var body = entry[Field];
        if (body.IsNull)
        {
            await AcknowledgeAsync(partition, entry.Id); // deleted under us: nothing left to do
            return true;
        }
        IngestionEnvelope envelope;
        try
        {
            envelope = IngestionEnvelope.Deserialize((byte[])body!);
        }
        catch (PoisonMessageException e)
        {
            // Without an envelope there is no operation to report to: keep the bytes aside for an operator.
            LogPoison(e, partition, entry.Id.ToString());
            await Db.StreamAddAsync($"{options.StreamPrefix}:poison", [new NameValueEntry(Field, body), new NameValueEntry("error", e.Message)], maxLength: 10_000, useApproximateMaxLength: true);
            await AcknowledgeAsync(partition, entry.Id);
            return true;
        }
        try
        {
            await handler(envelope);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // the message stays pending and is handled again; the loop must go on
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogHandlerFailed(e, envelope.OperationId);
            return false;
        }
        return await AcknowledgeAsync(partition, entry.Id);
    }

    private async Task<bool> AcknowledgeAsync(int partition, RedisValue id)
    {
        try
        {
            var transaction = Db.CreateTransaction();
            _ = transaction.StreamAcknowledgeAsync(Stream(partition), Group, id);
            _ = transaction.StreamDeleteAsync(Stream(partition), [id]);
            return await transaction.ExecuteAsync();
        }
        catch (Exception e) when (IsRedisFailure(e, CancellationToken.None))
        {
            // Still pending: it is delivered again and found already processed.
            LogRedisFailed(e, partition);
            return false;
        }
    }

    private async Task KeepLeaseAsync(int partition, CancellationTokenSource leaseLost, CancellationToken reading)
    {
        var lastRenewed = time.GetTimestamp();
        while (!reading.IsCancellationRequested)
        {
            await DelayQuietlyAsync(options.LeaseDuration / 3, reading);
            if (reading.IsCancellationRequested)
            {
                return;
            }
            try
            {
                var renewed = (long)await Db.ScriptEvaluateAsync(RenewScript, [Lease(partition)], [_instance, (long)options.LeaseDuration.TotalMilliseconds]);
                if (renewed == 0)
                {
                    LogLeaseLost(partition);
                    await leaseLost.CancelAsync();
                    return;
                }
                lastRenewed = time.GetTimestamp();
            }
            catch (Exception e) when (IsRedisFailure(e, reading))
            {
                LogRedisFailed(e, partition);
                if (time.GetElapsedTime(lastRenewed) >= options.LeaseDuration)
                {
                    await leaseLost.CancelAsync(); // another worker may own it by now
                    return;
                }
            }
        }
    }

    private async Task ReleaseLeaseAsync(int partition)
    {
        try
        {
            await Db.ScriptEvaluateAsync(ReleaseScript, [Lease(partition)], [_instance]);
        }
        catch (Exception e) when (IsRedisFailure(e, CancellationToken.None))
        {
            LogRedisFailed(e, partition); // it expires on its own
        }
    }

    private async Task EnsureGroupAsync(int partition)
    {
        try
        {
            await Db.StreamCreateConsumerGroupAsync(Stream(partition), Group, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException e) when (e.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // exists already
        }
    }

    private static string ConsumerName(int partition) => $"p{partition}";

    /// <summary>
    /// Any failure but our own cancellation: besides its own exceptions the Redis client lets pipe errors through and
    /// cancels commands in flight when a connection drops, and no Redis failure may end a consumer loop (it would stop
    /// the worker host).
    /// </summary>
    private static bool IsRedisFailure(Exception e, CancellationToken ours) => e is not OperationCanceledException || !ours.IsCancellationRequested;

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, time, ct);
        }
        catch (OperationCanceledException)
        {
            // the caller's loop sees the cancellation
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming ingestion partition {Partition}")]
    private partial void LogLeaseTaken(int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease of ingestion partition {Partition}; another worker owns it")]
    private partial void LogLeaseLost(int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis failed for ingestion partition {Partition}; retrying")]
    private partial void LogRedisFailed(Exception exception, int partition);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unreadable message {EntryId} in ingestion partition {Partition}, moved to the poison stream")]
    private partial void LogPoison(Exception exception, int partition, string entryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling operation {OperationId} failed outside its retry policy; it stays pending")]
    private partial void LogHandlerFailed(Exception exception, string operationId);
}
