using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Mirix.KafkaDevBroker;

/// <summary>Where clients bootstrap (<c>Broker:Port</c>, on loopback) and how many mock brokers form the cluster.</summary>
internal sealed record BrokerOptions(int Port, int Brokers)
{
    public static BrokerOptions FromConfiguration(IConfiguration configuration)
    {
        var port = configuration["Broker:Port"] ?? throw new InvalidOperationException("Broker:Port is required (for example --Broker:Port=9092).");
        return new BrokerOptions(
            int.Parse(port, CultureInfo.InvariantCulture),
            int.Parse(configuration["Broker:Brokers"] ?? "1", CultureInfo.InvariantCulture));
    }
}
