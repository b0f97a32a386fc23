using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Mirix.IntegrationTests.Infrastructure;

/// <summary>Mirix.Api in process, on a fresh SQLite folder or a fresh PostgreSQL database (with the test Redis).</summary>
public class ApiFactory(
    StorageTarget target, bool allowClientHeaders = false, string? redis = null, string? dataDirectory = null, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>A given folder outlives the host (a restart test starts a second host on it); a fresh one is deleted.</summary>
    private readonly string _dataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("mirix-api-test-").FullName;
    private PostgresTestDatabase? _postgres;
    private PgVectorServerProcess? _pgVector;

    private Tenants? _tenants;

    public StorageTarget Target => target;

    /// <summary>The PostgreSQL database the host uses (null on SQLite), for tests that look inside it.</summary>
    public string? PostgresConnectionString => _postgres?.ConnectionString ?? _pgVector?.ConnectionString;

    /// <summary>What the server logged at Error level.</summary>
    public ServerErrorLog ServerErrors { get; } = new();

    /// <summary>The Redis the host uses; a fault test points it at a server of its own.</summary>
    private string RedisAddress => redis ?? TestServers.Redis;

    /// <summary>Tenant set-up shared by every test of this host (the operator account can be registered once only).</summary>
    public Tenants Tenants => _tenants ??= new Tenants(this);

    public async Task InitializeAsync()
    {
        await StartCompanionsAsync();
        if (target == StorageTarget.Postgres)
        {
            _postgres = await PostgresTestDatabase.CreateAsync();
        }
        if (target == StorageTarget.PgVector)
        {
            _pgVector = await PgVectorServerProcess.StartAsync();
        }
    }

    /// <summary>Starts servers of a subclass's own (a model server) before the host is configured.</summary>
    protected virtual Task StartCompanionsAsync() => Task.CompletedTask;

    protected virtual ValueTask StopCompanionsAsync() => ValueTask.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Mirix:DataDirectory", _dataDirectory);
        builder.ConfigureLogging(logging => logging.AddProvider(ServerErrors));
        builder.UseSetting("Mirix:Auth:AllowClientHeaders", allowClientHeaders ? "true" : "false");
        // Retries in milliseconds rather than seconds, so dead-lettering is observable in a test.
        // Dozens of hosts share this process, so its quiet spells say nothing about one host; the rule has unit tests.
        builder.UseSetting("Mirix:Memory:ReleaseWhenIdle", "false");
        builder.UseSetting("Mirix:Ingestion:MaxAttempts", "3");
        builder.UseSetting("Mirix:Ingestion:RetryBaseDelay", "00:00:00.050");
        if (_postgres is not null)
        {
            // The production shape: PostgreSQL, and the queue on Redis Streams (a key prefix of this host's own).
            builder.UseSetting("ConnectionStrings:mirix", _postgres.ConnectionString);
            builder.UseSetting("ConnectionStrings:redis", RedisAddress);
            builder.UseSetting("Mirix:Ingestion:Transport", "redis_streams");
            builder.UseSetting("Mirix:Ingestion:StreamPrefix", "test:" + _postgres.Name);
            builder.UseSetting("Mirix:Ingestion:LeaseDuration", "00:00:02");
        }
        if (_pgVector is not null)
        {
            // The queue stays in process: PGlite's one backend cannot serve Redis-driven workers and requests at once well.
            builder.UseSetting("ConnectionStrings:mirix", _pgVector.ConnectionString);
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        if (_pgVector is not null)
        {
            await _pgVector.DisposeAsync();
        }
        await StopCompanionsAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (dataDirectory is null)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

public sealed class SqliteApiFactory() : ApiFactory(StorageTarget.Sqlite);

public sealed class PostgresApiFactory() : ApiFactory(StorageTarget.Postgres);

public sealed class PgVectorApiFactory() : ApiFactory(StorageTarget.PgVector);

/// <summary>The development setting that trusts X-Client-Id/X-Org-Id headers, as the MIRIX SDK uses without a key.</summary>
public sealed class HeaderModeApiFactory() : ApiFactory(StorageTarget.Sqlite, allowClientHeaders: true);
