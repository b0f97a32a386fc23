using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mirix.AppHost.Tests;

/// <summary>
/// The whole AppHost in External mode against the test PostgreSQL and Redis: migrations, Api, Workers and Web as separate
/// processes. Started once per collection, because starting costs ~8 s and stopping ~13 s.
/// </summary>
public sealed class DistributedAppFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private string? _databaseName;

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var admin = Required("MIRIX_TEST_POSTGRES");
        _databaseName = "mirix_apphost_" + Guid.NewGuid().ToString("N")[..12];
        var database = new NpgsqlConnectionStringBuilder(admin) { Database = _databaseName }.ConnectionString;

        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Mirix_AppHost>(
        [
            "--Infra:Mode=External",
            "--ConnectionStrings:mirix=" + database,
            "--ConnectionStrings:redis=" + Required("MIRIX_TEST_REDIS"),
        ], cts.Token);
        builder.Services.AddLogging(logging => logging.AddFilter("Mirix.AppHost.Resources", LogLevel.Warning));

        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        await Task.WhenAll(
            App.ResourceNotifications.WaitForResourceHealthyAsync("api", cts.Token),
            App.ResourceNotifications.WaitForResourceHealthyAsync("workers", cts.Token),
            App.ResourceNotifications.WaitForResourceHealthyAsync("web", cts.Token));
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (_databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Required("MIRIX_TEST_POSTGRES"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the suite with `bash scripts/test.sh`.");
}

[CollectionDefinition(Name)]
public sealed class DistributedAppCollection : ICollectionFixture<DistributedAppFixture>
{
    public const string Name = "distributed app";
}
