using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Mirix.Core.Ingestion;
using Mirix.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace Mirix.IntegrationTests.Ingestion;

/// <summary>
/// What every transport promises, run against each one: every message delivered, one user's messages in order, nothing
/// acknowledged before its handler returned, a message abandoned mid-way delivered again, and a graceful stop that lets
/// the message in flight finish.
/// </summary>
public abstract class TransportContractTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected IngestionOptions Options { get; } = new()
    {
        Partitions = 4,
        Capacity = 1_000,
        StreamPrefix = "test:" + Guid.NewGuid().ToString("N")[..10],
        KafkaTopic = "mirix-test-" + Guid.NewGuid().ToString("N")[..10],
        KafkaGroup = "mirix-test-" + Guid.NewGuid().ToString("N")[..10],
        LeaseDuration = TimeSpan.FromSeconds(1.5),
        IdlePollDelay = TimeSpan.FromMilliseconds(20),
    };

    /// <summary>Why this transport cannot be tested here, or null.</summary>
    protected virtual string? SkipReason => null;

    /// <summary>Whether the transport counts its backlog; one that cannot says null (unknown), never a wrong number.</summary>
    protected virtual bool ReportsBacklog => true;

    /// <summary>The publishing side.</summary>
    protected abstract IIngestionTransport Publisher { get; }

    /// <summary>A consumer of the same queue: for a broker a new instance (as another process would be), in process the same one.</summary>
    protected abstract IIngestionTransport NewConsumer();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task Every_message_is_delivered_once_and_each_users_messages_in_order()
    {
        Skip.If(SkipReason is not null, SkipReason);
        const int users = 5, perUser = 20;
        for (var seq = 0; seq < perUser; seq++)
        {
            for (var user = 0; user < users; user++)
            {
                await Publisher.PublishAsync(Envelope($"u{user}", seq), default);
            }
        }
        var seen = new ConcurrentDictionary<string, ConcurrentQueue<int>>();
        var delivered = 0;
        await using var consumer = new RunningConsumer(NewConsumer(), async (e, abort) =>
        {
            await Task.Delay(Random.Shared.Next(0, 3), abort);
            seen.GetOrAdd(e.UserId, _ => new()).Enqueue(Seq(e));
            Interlocked.Increment(ref delivered);
            return DeliveryOutcome.Done;
        });

        await Eventually.WaitUntilAsync(() => Volatile.Read(ref delivered) >= users * perUser, "every message was delivered");
        await Task.Delay(300); // a duplicate would show up now
        Assert.Equal(users * perUser, Volatile.Read(ref delivered));
        foreach (var user in Enumerable.Range(0, users))
        {
            Assert.Equal(Enumerable.Range(0, perUser), seen[$"u{user}"]);
        }
        if (ReportsBacklog)
        {
            await Eventually.WaitUntilAsync(async () => await consumer.Transport.GetBacklogAsync(default) == 0, "the backlog is empty");
        }
    }

    [SkippableFact]
    public async Task A_message_whose_handler_failed_comes_again_before_the_next_of_its_user()
    {
        Skip.If(SkipReason is not null, SkipReason);
        for (var seq = 0; seq < 6; seq++)
        {
            await Publisher.PublishAsync(Envelope("u-fail", seq), default);
        }
        var order = new ConcurrentQueue<int>();
        var failedOnce = 0;
        await using var consumer = new RunningConsumer(NewConsumer(), (e, _) =>
        {
            if (Seq(e) == 2 && Interlocked.Exchange(ref failedOnce, 1) == 0)
            {
                throw new InvalidOperationException("storage hiccup");
            }
            order.Enqueue(Seq(e));
            return Task.FromResult(DeliveryOutcome.Done);
        });

        await Eventually.WaitUntilAsync(() => order.Count >= 6, "six messages were handled");
        Assert.Equal(Enumerable.Range(0, 6), order);
        Assert.Equal(1, failedOnce);
    }

    [SkippableFact]
    public async Task A_message_abandoned_mid_way_is_delivered_to_the_next_consumer()
    {
        Skip.If(SkipReason is not null, SkipReason);
        await Publisher.PublishAsync(Envelope("u-crash", 0), default);
        await Publisher.PublishAsync(Envelope("u-crash", 1), default);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new RunningConsumer(NewConsumer(), async (e, abort) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, abort); // the consumer dies holding this message
            return DeliveryOutcome.Done;
        });
        await started.Task.WaitAsync(Patience);
        await first.KillAsync();

        var order = new ConcurrentQueue<int>();
        await using var second = new RunningConsumer(NewConsumer(), (e, _) =>
        {
            order.Enqueue(Seq(e));
            return Task.FromResult(DeliveryOutcome.Done);
        });
        await Eventually.WaitUntilAsync(() => order.Count >= 2, "both messages were handled");
        Assert.Equal([0, 1], order);
    }

    [SkippableFact]
    public async Task Stopping_lets_the_message_in_flight_finish_and_acknowledges_it()
    {
        Skip.If(SkipReason is not null, SkipReason);
        await Publisher.PublishAsync(Envelope("u-drain", 0), default);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = 0;
        var consumer = new RunningConsumer(NewConsumer(), async (e, abort) =>
        {
            started.TrySetResult();
            await Task.Delay(400, abort);
            Interlocked.Exchange(ref finished, 1);
            return DeliveryOutcome.Done;
        });
        await started.Task.WaitAsync(Patience);
        await consumer.DrainAsync();
        Assert.Equal(1, Volatile.Read(ref finished));

        var again = 0;
        await using var next = new RunningConsumer(NewConsumer(), (e, _) =>
        {
            Interlocked.Increment(ref again);
            return Task.FromResult(DeliveryOutcome.Done);
        });
        await Task.Delay(Options.LeaseDuration + TimeSpan.FromMilliseconds(500));
        Assert.Equal(0, Volatile.Read(ref again));
    }

    [SkippableFact]
    public async Task Backlog_counts_what_is_published_and_not_yet_handled()
    {
        Skip.If(SkipReason is not null, SkipReason);
        for (var seq = 0; seq < 3; seq++)
        {
            await Publisher.PublishAsync(Envelope("u-backlog", seq), default);
        }
        Assert.Equal(ReportsBacklog ? 3 : null, await Publisher.GetBacklogAsync(default));
    }

    protected static IngestionEnvelope Envelope(string user, int seq) => new()
    {
        OperationId = $"op-{user}-{seq}-{Guid.NewGuid():N}",
        IdempotencyKey = $"{user}-{seq}",
        OrganizationId = "org-test",
        ClientId = "client-test",
        UserId = user,
        InputMessages = [new IngestedMessage("user", [new System.Text.Json.Nodes.JsonObject { ["type"] = "text", ["text"] = seq.ToString(System.Globalization.CultureInfo.InvariantCulture) }])],
        AcceptedAt = DateTime.UtcNow,
    };

    private static int Seq(IngestionEnvelope e) => int.Parse(MessageNormalizer.PlainText(e.InputMessages[0]), System.Globalization.CultureInfo.InvariantCulture);

}

public sealed class InProcessTransportContractTests : TransportContractTests
{
    private readonly InProcessTransport _transport;

    public InProcessTransportContractTests() =>
        _transport = new InProcessTransport(Options, TimeProvider.System, NullLogger<InProcessTransport>.Instance);

    protected override IIngestionTransport Publisher => _transport;

    protected override IIngestionTransport NewConsumer() => _transport;
}

public sealed class RedisStreamsTransportContractTests : TransportContractTests
{
    private ConnectionMultiplexer? _redis;

    public override async Task InitializeAsync() =>
        _redis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { TestServers.Redis },
            BacklogPolicy = BacklogPolicy.FailFast,
        });

    public override async Task DisposeAsync()
    {
        var server = _redis!.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: Options.StreamPrefix + ":*"))
        {
            await _redis.GetDatabase().KeyDeleteAsync(key);
        }
        await _redis.DisposeAsync();
    }

    protected override IIngestionTransport Publisher => NewConsumer();

    protected override IIngestionTransport NewConsumer() =>
        new RedisStreamsTransport(_redis!, Options, TimeProvider.System, NullLogger<RedisStreamsTransport>.Instance);
}

/// <summary>
/// Kafka's contract against librdkafka's mock cluster, a real Kafka wire protocol on loopback (or the broker named by
/// MIRIX_TEST_KAFKA). The mock waits the session time-out minus a second on every rebalance, so it is short here.
/// </summary>
public sealed class KafkaTransportContractTests : TransportContractTests
{
    private static readonly string Broker = KafkaMockCluster.BootstrapServers;
    private KafkaTransport? _publisher;

    /// <summary>Kafka's lag needs the group's committed offsets, which Confluent.Kafka reads only with blocking calls.</summary>
    protected override bool ReportsBacklog => false;

    public KafkaTransportContractTests()
    {
        Options.KafkaSessionTimeout = TimeSpan.FromSeconds(3);
        Options.KafkaHeartbeatInterval = TimeSpan.FromMilliseconds(500);
    }

    protected override IIngestionTransport Publisher => _publisher ??= (KafkaTransport)NewConsumer();

    protected override IIngestionTransport NewConsumer() =>
        new KafkaTransport(Broker, Options, TimeProvider.System, NullLogger<KafkaTransport>.Instance);

    public override async Task DisposeAsync()
    {
        if (_publisher is not null)
        {
            await _publisher.DisposeAsync();
        }
    }
}
