using Confluent.Kafka;

namespace Mirix.IntegrationTests.Infrastructure;

/// <summary>
/// librdkafka's mock cluster (inside Confluent.Kafka): a broker that speaks Kafka's wire protocol on loopback, owned by
/// one producer for the life of the test process. Other clients reach it through its bootstrap address, exactly as they
/// would reach a real broker. MIRIX_TEST_KAFKA, when set, names a real broker to use instead.
/// </summary>
public static class KafkaMockCluster
{
    private static readonly Lazy<string> Bootstrap = new(Start);
    private static IProducer<Null, Null>? _owner;

    public static string BootstrapServers => Environment.GetEnvironmentVariable("MIRIX_TEST_KAFKA") is { Length: > 0 } real ? real : Bootstrap.Value;

    /// <summary>Whether the servers are the mock, whose rebalances wait out the session time-out (so tests keep it short).</summary>
    public static bool IsMock => string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MIRIX_TEST_KAFKA"));

    private static string Start()
    {
        var config = new ProducerConfig();
        config.Set("test.mock.num.brokers", "1");
        _owner = new ProducerBuilder<Null, Null>(config).Build();
        using var admin = new DependentAdminClientBuilder(_owner.Handle).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        return string.Join(",", metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
    }
}
