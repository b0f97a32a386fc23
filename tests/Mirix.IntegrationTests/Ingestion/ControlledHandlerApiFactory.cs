using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Ingestion;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Ingestion;

/// <summary>The Api with its handler behind a <see cref="HandlerControl"/>; the in-process queue holds one message, to show 503 when full.</summary>
public class ControlledHandlerApiFactory(StorageTarget target) : ApiFactory(target)
{
    public HandlerControl Control { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mirix:Ingestion:Partitions", "1");
        builder.UseSetting("Mirix:Ingestion:Capacity", "1");
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
