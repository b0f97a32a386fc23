using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mirix.Core.Storage;

namespace Mirix.IntegrationTests.Infrastructure;

/// <summary>
/// A service provider wired exactly as the Api wires storage, on a fresh SQLite file or a fresh PostgreSQL database.
/// </summary>
public sealed class TestStorage : IAsyncDisposable
{
    private readonly PostgresTestDatabase? _postgres;
    private readonly string _dataDirectory;

    private TestStorage(IHost host, PostgresTestDatabase? postgres, string dataDirectory)
    {
        Host = host;
        _postgres = postgres;
        _dataDirectory = dataDirectory;
    }

    public IHost Host { get; }
    public IServiceProvider Services => Host.Services;

    public static async Task<TestStorage> CreateAsync(
        StorageTarget target, TimeProvider? time = null, bool createDatabase = true, Action<IServiceCollection>? services = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("mirix-test-").FullName;
        var postgres = target == StorageTarget.Postgres ? await PostgresTestDatabase.CreateAsync(createDatabase) : null;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mirix:DataDirectory"] = dataDirectory,
            ["Mirix:Storage:MigrateOnStartup"] = "false",
            ["ConnectionStrings:mirix"] = postgres?.ConnectionString,
        });
        builder.AddMirixStorage();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        services?.Invoke(builder.Services);
        return new TestStorage(builder.Build(), postgres, dataDirectory);
    }

    public Task MigrateAsync() => Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
