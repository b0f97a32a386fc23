using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mirix.Core.Storage;
using Mirix.Core.Memory;

namespace Mirix.Core.Ingestion;

public static class IngestionRegistration
{
    public const string KafkaConnectionName = "kafka";
    public const string HealthCheckName = "ingestion";

    /// <summary>The pipeline: the configured transport, the processor and its handler, and (when this process hosts workers) the consumers and jobs.</summary>
    public static IngestionOptions AddMirixIngestion(this IHostApplicationBuilder builder, MirixRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(runtime);
        var options = IngestionOptions.FromConfiguration(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton<IngestionProcessor>();
        services.AddSingleton<RawEmbeddingLookahead>();
        services.AddScoped<IngestionGateway>();
        services.AddSingleton<IdempotencyGate>();
        services.AddScoped<IngestionAcceptance>();
        services.AddSingleton<OperationJournalWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationJournalWriter>());
        services.AddScoped<IIngestionHandler, RawModeHandler>();

        switch (options.Transport)
        {
            case TransportNames.RedisStreams when !runtime.RedisConfigured:
                throw new InvalidOperationException($"{IngestionOptions.Section}:Transport={TransportNames.RedisStreams} needs ConnectionStrings:{MirixRuntime.RedisConnectionName}.");
            case TransportNames.RedisStreams:
                services.AddSingleton<IIngestionTransport, RedisStreamsTransport>();
                break;
            case TransportNames.Kafka:
                var servers = builder.Configuration.GetConnectionString(KafkaConnectionName);
                if (string.IsNullOrWhiteSpace(servers))
                {
                    throw new InvalidOperationException($"{IngestionOptions.Section}:Transport={TransportNames.Kafka} needs ConnectionStrings:{KafkaConnectionName} (bootstrap servers).");
                }
                services.AddSingleton<IIngestionTransport>(sp => new KafkaTransport(
                    servers, options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<KafkaTransport>>()));
                break;
            default:
                services.AddSingleton<IIngestionTransport, InProcessTransport>();
                break;
        }
        services.AddHealthChecks().AddCheck<IngestionHealthCheck>(HealthCheckName);

        if (builder.Configuration.GetValue(MirixRuntime.HostWorkersKey, true))
        {
            services.AddHostedService<IngestionConsumerService>();
            services.AddHostedService<RawMemoryCleanupJob>();
        }
        return options;
    }
}
