using Microsoft.Extensions.Configuration;

namespace Mirix.Core.Ingestion;

/// <summary>Settings of the ingestion pipeline (<c>Mirix:Ingestion:*</c>).</summary>
public sealed class IngestionOptions
{
    public const string Section = "Mirix:Ingestion";

    /// <summary><c>in_process</c> (default: the embedded run), <c>redis_streams</c> or <c>kafka</c>.</summary>
    public string Transport { get; set; } = TransportNames.InProcess;
    /// <summary>Partitions of the in-process queue and of the Redis streams; each is consumed by one loop, in order.</summary>
    public int Partitions { get; set; } = 4;
    /// <summary>Messages the in-process queue holds before the Api answers 503.</summary>
    public int Capacity { get; set; } = 10_000;
    /// <summary>Handler runs before a message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How long a stopping consumer lets messages in flight finish before it hands them back.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);
    /// <summary>Key prefix of the Redis streams and their partition leases.</summary>
    public string StreamPrefix { get; set; } = "mirix:ingest";
    /// <summary>A Redis partition lease not renewed for this long passes to another worker, with its pending messages.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>How long a publish waits for a Redis connection being made before it answers 503.</summary>
    public TimeSpan PublishConnectWait { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>The longest pause between polls of an idle Redis stream or Kafka consumer.</summary>
    public TimeSpan IdlePollDelay { get; set; } = TimeSpan.FromMilliseconds(50);
    public string KafkaTopic { get; set; } = "mirix-ingestion";
    public string KafkaDeadLetterTopic { get; set; } = "mirix-ingestion-dlq";
    public string KafkaGroup { get; set; } = "mirix-workers";
    /// <summary>Kafka's consumer session time-out; a group (re)joins within it. librdkafka's mock cluster waits this minus 1 s on every rebalance, so tests set it low.</summary>
    public TimeSpan KafkaSessionTimeout { get; set; } = TimeSpan.FromSeconds(45);
    public TimeSpan KafkaHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(3);
    /// <summary>A backlog above this makes the consumers' health check report Degraded.</summary>
    public long BacklogDegradedThreshold { get; set; } = 5_000;

    public static IngestionOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new IngestionOptions();
        configuration.GetSection(Section).Bind(options);
        if (!TransportNames.All.Contains(options.Transport))
        {
            throw new InvalidOperationException(
                $"{Section}:Transport must be one of {string.Join(", ", TransportNames.All)}; it is '{options.Transport}'.");
        }
        if (options.Partitions is < 1 or > 256 || options.MaxAttempts < 1 || options.Capacity < options.Partitions)
        {
            throw new InvalidOperationException($"{Section}: Partitions must be 1..256, MaxAttempts at least 1 and Capacity at least Partitions.");
        }
        return options;
    }

    /// <summary>Exponential back-off: base × 2^(attempt-1), at most <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(RetryBaseDelay.Ticks * factor, RetryMaxDelay.Ticks));
    }
}

public static class TransportNames
{
    public const string InProcess = "in_process";
    public const string RedisStreams = "redis_streams";
    public const string Kafka = "kafka";
    /// <summary>Recorded on <c>/memory/add_sync</c> operations, which run in the request.</summary>
    public const string Inline = "inline";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { InProcess, RedisStreams, Kafka };
}
