using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Mirix.Core.Ingestion;

/// <summary>
/// Kafka: messages keyed by user, so a user's messages share a partition and keep their order. Offsets are stored and
/// committed only after the handler returned (MIRIX auto-commits before processing and so loses messages); dead letters
/// are also forwarded to a dead-letter topic. The consumer is polled without blocking (librdkafka fetches in its own
/// threads), with an async pause when nothing is buffered.
/// </summary>
public sealed partial class KafkaTransport : IIngestionTransport
{
    private readonly string _bootstrapServers;
    private readonly IngestionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<KafkaTransport> _logger;
    private readonly Lazy<IProducer<string, byte[]>> _producer;

    public KafkaTransport(string bootstrapServers, IngestionOptions options, TimeProvider time, ILogger<KafkaTransport> logger)
    {
        _bootstrapServers = bootstrapServers;
        _options = options;
        _time = time;
        _logger = logger;
        _producer = new(() => new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            MessageTimeoutMs = 5_000, // an unreachable broker is answered with 503 within seconds, not minutes
        }).Build());
    }

    public string Name => TransportNames.Kafka;

    public async Task PublishAsync(IngestionEnvelope envelope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        try
        {
            await _producer.Value.ProduceAsync(_options.KafkaTopic, new Message<string, byte[]> { Key = envelope.PartitionKey, Value = envelope.Serialize() }, ct);
        }
        catch (KafkaException e)
        {
            throw new IngestionUnavailableException("The ingestion queue (Kafka) did not take the message; retry shortly.", TimeSpan.FromSeconds(2), e);
        }
    }

    /// <remarks>The consumer takes one message at a time, so there is nothing to look ahead at.</remarks>
    public async Task ConsumeAsync(DeliveryHandler handler, CancellationToken stopReading, DeliveryLookahead? lookahead = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = _bootstrapServers,
            GroupId = _options.KafkaGroup,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = true, // commits only offsets we stored, i.e. of handled messages
            EnableAutoOffsetStore = false,
            MaxPollIntervalMs = 900_000, // agent runs can be long
            SessionTimeoutMs = (int)_options.KafkaSessionTimeout.TotalMilliseconds,
            HeartbeatIntervalMs = (int)_options.KafkaHeartbeatInterval.TotalMilliseconds,
            // Partitions move one by one when consumers come and go, so handled offsets are not refused mid-rebalance.
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        }).Build();
        consumer.Subscribe(_options.KafkaTopic);
        var idle = new Backoff(TimeSpan.FromMilliseconds(2), _options.IdlePollDelay);
        try
        {
            while (!stopReading.IsCancellationRequested)
            {
                ConsumeResult<string, byte[]>? result;
                try
                {
                    result = consumer.Consume(TimeSpan.Zero);
                }
                catch (ConsumeException e)
                {
                    LogHandlerFailed(e, "(consume)"); // a broker or partition error: keep polling
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, stopReading);
                    continue;
                }
                if (result?.Message is null)
                {
                    await Task.Delay(idle.Next(), _time, stopReading);
                    continue;
                }
                idle.Reset();
                if (!await HandleAsync(result, handler))
                {
                    // Not handled: rewind so the same message (and everything after it) comes again, in order.
                    consumer.Seek(result.TopicPartitionOffset);
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, stopReading);
                    continue;
                }
                consumer.StoreOffset(result);
            }
        }
        catch (OperationCanceledException) when (stopReading.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            consumer.Close(); // commits the stored offsets and leaves the group at once
        }
    }

    /// <summary>Kafka's lag is per consumer group and partition on the broker; read it with the broker's consumer-group tools.</summary>
    public Task<long?> GetBacklogAsync(CancellationToken ct) => Task.FromResult<long?>(null);

    public ValueTask DisposeAsync()
    {
        if (_producer.IsValueCreated)
        {
            _producer.Value.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    private async Task<bool> HandleAsync(ConsumeResult<string, byte[]> result, DeliveryHandler handler)
    {
        IngestionEnvelope envelope;
        try
        {
            envelope = IngestionEnvelope.Deserialize(result.Message.Value);
        }
        catch (PoisonMessageException e)
        {
            LogPoison(e, result.TopicPartitionOffset.ToString());
            return await ForwardToDeadLettersAsync(result.Message);
        }
        try
        {
            var outcome = await handler(envelope);
            return outcome != DeliveryOutcome.DeadLettered || await ForwardToDeadLettersAsync(result.Message);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // not committed: the message is consumed again
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogHandlerFailed(e, envelope.OperationId);
            return false;
        }
    }

    private async Task<bool> ForwardToDeadLettersAsync(Message<string, byte[]> message)
    {
        try
        {
            await _producer.Value.ProduceAsync(_options.KafkaDeadLetterTopic, message);
            return true;
        }
        catch (KafkaException e)
        {
            LogHandlerFailed(e, "(dead-letter forward)");
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unreadable Kafka message at {Offset}, forwarded to the dead-letter topic")]
    private partial void LogPoison(Exception exception, string offset);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling operation {OperationId} failed outside its retry policy; it will be consumed again")]
    private partial void LogHandlerFailed(Exception exception, string operationId);
}
