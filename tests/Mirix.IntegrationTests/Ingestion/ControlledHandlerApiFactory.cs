using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Ingestion;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Ingestion;

/// <summary>
/// The Api with its handler behind a <see cref="HandlerControl"/>; one partition, and an in-process queue that holds one
/// message (to show 503 when full). Without <paramref name="hostWorkers"/> it only publishes and a test runs the consumers.
/// </summary>
public class ControlledHandlerApiFactory(StorageTarget target, bool hostWorkers = true, string? dataDirectory = null)
    : ApiFactory(target, dataDirectory: dataDirectory)
{
    public HandlerControl Control { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mirix:Ingestion:Partitions", "1");
        builder.UseSetting("Mirix:Ingestion:Capacity", "1");
        builder.UseSetting("Mirix:Ingestion:DrainTimeout", "00:00:00.200");
        builder.UseSetting("Mirix:Ingestion:BacklogDegradedThreshold", "0"); // one waiting message already shows as lag
        builder.UseSetting("Mirix:Workers:Enabled", hostWorkers ? "true" : "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Control);
            services.AddScoped<RawModeHandler>();
            services.AddScoped<IIngestionHandler, ControlledHandler>();
        });
    }
}

public sealed class SqliteControlledHandlerApiFactory() : ControlledHandlerApiFactory(StorageTarget.Sqlite);

public sealed class PostgresControlledHandlerApiFactory() : ControlledHandlerApiFactory(StorageTarget.Postgres);

public sealed class PostgresPublishOnlyApiFactory() : ControlledHandlerApiFactory(StorageTarget.Postgres, hostWorkers: false);
