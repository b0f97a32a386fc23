using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mirix.AppHost.Tests;

/// <summary>
/// The AppHost in Local mode, as on a machine with no container engine: PostgreSQL and Redis from the machine's binaries and
/// the Kafka development broker run as processes of the AppHost, with the migrations, Api, Workers and Web beside them.
/// </summary>
public sealed class LocalModeFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "mirix-apphost-local-" + Guid.NewGuid().ToString("N")[..8]);

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Mirix_AppHost>(
            ["--Infra:Mode=Local", "--Infra:Local:DataDirectory=" + _dataDirectory], cts.Token);
        builder.Services.AddLogging(logging => logging.AddFilter("Mirix.AppHost.Resources", LogLevel.Warning));

        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        await Task.WhenAll(
            App.ResourceNotifications.WaitForResourceHealthyAsync("api", cts.Token),
            App.ResourceNotifications.WaitForResourceHealthyAsync("workers", cts.Token));
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

public sealed class LocalModeTests(LocalModeFixture fixture) : IClassFixture<LocalModeFixture>
{
    [Fact]
    public async Task Add_through_the_api_reaches_the_workers_over_the_kafka_development_broker_and_becomes_searchable()
    {
        await IngestionJourney.AddAndFindAsync(fixture.App, "kafka");
    }

    [Fact]
    public async Task Services_run_on_the_local_postgres_and_redis_the_apphost_started()
    {
        using var workers = fixture.App.CreateHttpClient("workers");
        var health = JsonNode.Parse(await workers.GetStringAsync(new Uri("/health", UriKind.Relative)))!;

        Assert.Equal("healthy", health["status"]!.GetValue<string>());
        Assert.StartsWith("PostgreSQL at 127.0.0.1", health["checks"]!["database"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var postgres = fixture.App.Services.GetRequiredService<ResourceNotificationService>();
        Assert.True(postgres.TryGetCurrentState("postgres", out var state) && state.Snapshot.State?.Text == KnownResourceStates.Running, "postgres runs as an executable resource");
    }
}
