using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mirix.KafkaDevBroker;

/// <summary>
/// Owns a librdkafka mock cluster (the real Kafka wire protocol on loopback, no persistence) for as long as the process runs,
/// and forwards the fixed bootstrap port to its first broker. Clients learn the brokers' own loopback ports from metadata and
/// connect to them directly, so only bootstrapping passes through the forwarder.
/// </summary>
internal sealed partial class MockClusterHost(BrokerOptions options, ILogger<MockClusterHost> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var config = new ProducerConfig();
        config.Set("test.mock.num.brokers", options.Brokers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var owner = new ProducerBuilder<Null, Null>(config).Build();
        var broker = FirstBroker(owner);

        using var listener = new TcpListener(IPAddress.Loopback, options.Port);
        listener.Start();
        LogListening(options.Port, broker.ToString(), options.Brokers);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stoppingToken);
                _ = ForwardAsync(client, broker, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the cluster goes with the owner.
        }
    }

    private static DnsEndPoint FirstBroker(IProducer<Null, Null> owner)
    {
        using var admin = new DependentAdminClientBuilder(owner.Handle).Build();
        var first = admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.OrderBy(b => b.BrokerId).First();
        return new DnsEndPoint(first.Host, first.Port);
    }

    private async Task ForwardAsync(TcpClient client, DnsEndPoint broker, CancellationToken stoppingToken)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(broker.Host, broker.Port, stoppingToken);
                using var connection = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var inbound = client.GetStream().CopyToAsync(upstream.GetStream(), connection.Token);
                var outbound = upstream.GetStream().CopyToAsync(client.GetStream(), connection.Token);
                // Either side closing ends the connection; the other copy is then cancelled and awaited.
                await Task.WhenAny(inbound, outbound);
                await connection.CancelAsync();
                await Task.WhenAll(inbound, outbound);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                LogConnectionEnded(e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka development broker (librdkafka mock cluster, {Brokers} broker(s), nothing persisted) bootstraps at 127.0.0.1:{Port} via {Broker}")]
    private partial void LogListening(int port, string broker, int brokers);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A forwarded connection ended: {Reason}")]
    private partial void LogConnectionEnded(string reason);
}
