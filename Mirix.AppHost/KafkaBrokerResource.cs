using System.Globalization;

namespace Mirix.AppHost;

/// <summary>
/// A single-node Kafka broker in KRaft mode, declared by hand because Aspire.Hosting.Kafka is not available to this build.
/// Its connection string is the bootstrap address, as Confluent.Kafka expects.
/// </summary>
internal sealed class KafkaBrokerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    public EndpointReference PrimaryEndpoint => _endpoint ??= new EndpointReference(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}

internal static class KafkaBrokerBuilderExtensions
{
    private const int BrokerPort = 9092;
    private const int ControllerPort = 9093;

    public static IResourceBuilder<KafkaBrokerResource> AddKafkaBroker(this IDistributedApplicationBuilder builder, string name, int hostPort = BrokerPort)
    {
        // Plain strings: an interpolated string here would bind to the ReferenceExpression overload.
        var listeners = string.Create(CultureInfo.InvariantCulture, $"PLAINTEXT://:{BrokerPort},CONTROLLER://:{ControllerPort}");
        var advertised = string.Create(CultureInfo.InvariantCulture, $"PLAINTEXT://localhost:{hostPort}");
        var voters = string.Create(CultureInfo.InvariantCulture, $"1@localhost:{ControllerPort}");
        // Unproxied, so the address the broker advertises is the one clients on the host dial.
        return builder.AddResource(new KafkaBrokerResource(name))
            .WithImage("apache/kafka", "4.1.0")
            .WithEndpoint(port: hostPort, targetPort: BrokerPort, name: KafkaBrokerResource.EndpointName, isProxied: false)
            .WithEnvironment("KAFKA_NODE_ID", "1")
            .WithEnvironment("KAFKA_PROCESS_ROLES", "broker,controller")
            .WithEnvironment("KAFKA_LISTENERS", listeners)
            .WithEnvironment("KAFKA_ADVERTISED_LISTENERS", advertised)
            .WithEnvironment("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
            .WithEnvironment("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
            .WithEnvironment("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
            .WithEnvironment("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .WithEnvironment("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
            .WithEnvironment("KAFKA_NUM_PARTITIONS", "12");
    }
}
