using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mirix.AppHost;

/// <summary>
/// Local mode: PostgreSQL and Redis from the machine's own binaries and Kafka's development broker, run by the AppHost as
/// processes, so the whole topology and its dashboard work where no container engine exists. Data lives under
/// <c>Infra:Local:DataDirectory</c>, or in a throw-away folder the AppHost removes when it stops.
/// </summary>
internal static class LocalInfrastructure
{
    // librdkafka's mock cluster waits the session time-out minus one second on every rebalance.
    private static readonly Dictionary<string, string> KafkaTimings = new()
    {
        ["Mirix__Ingestion__KafkaSessionTimeout"] = "00:00:06",
        ["Mirix__Ingestion__KafkaHeartbeatInterval"] = "00:00:01",
    };

    /// <summary>What is missing to run Local mode on this machine, or null when nothing is.</summary>
    public static string? MissingPrerequisite()
    {
        if (PostgresBinaries() is null)
        {
            return "Local mode needs PostgreSQL's server binaries (Debian: `apt-get install postgresql`; elsewhere set MIRIX_POSTGRES_BIN to the folder holding `postgres` and `initdb`).";
        }
        return OnPath("redis-server") ? null : "Local mode needs `redis-server` on the PATH (Debian: `apt-get install redis-server`).";
    }

    public static Infrastructure Add(IDistributedApplicationBuilder builder, LocalDataDirectory data)
    {
        var database = AddPostgres(builder, data);
        var redis = AddRedis(builder, data);
        var kafka = AddKafkaBroker(builder);
        return new Infrastructure(database, redis, kafka, KafkaTimings);
    }

    private static Server AddPostgres(IDistributedApplicationBuilder builder, LocalDataDirectory data)
    {
        var port = Text(LocalPorts.Free());
        var secret = data.Secret("postgres");
        var password = builder.AddParameter("postgres-password", secret, secret: true);
        var script = Path.Combine(AppContext.BaseDirectory, "Local", "run-postgres.sh");
        var readiness = $"Host=127.0.0.1;Port={port};Username=postgres;Password={secret};Database=postgres;Timeout=3";
        builder.Services.AddHealthChecks().AddCheck("postgres-accepts-connections", new PostgresAcceptsConnections(readiness));

        var server = builder.AddExecutable("postgres", "bash", data.Root, script, Path.Combine(data.Root, "postgres"), port)
            .WithEnvironment("MIRIX_LOCAL_POSTGRES_PASSWORD", password)
            .WithHealthCheck("postgres-accepts-connections");
        var connection = builder.AddConnectionString("mirix",
            ReferenceExpression.Create($"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database=mirix"));
        return new Server(connection, server);
    }

    private static Server AddRedis(IDistributedApplicationBuilder builder, LocalDataDirectory data)
    {
        var port = LocalPorts.Free();
        var secret = data.Secret("redis");
        var password = builder.AddParameter("redis-password", secret, secret: true);
        var folder = Directory.CreateDirectory(Path.Combine(data.Root, "redis")).FullName;
        // The password goes in a private config file rather than on a command line every process listing shows.
        var config = LocalDataDirectory.WritePrivate(Path.Combine(folder, "redis.conf"), string.Join('\n',
            $"port {Text(port)}", "bind 127.0.0.1", $"requirepass {secret}", $"dir {folder}", "appendonly yes", "save \"\"", ""));
        builder.Services.AddHealthChecks().AddCheck("redis-port-open", new PortAcceptsConnections(port));

        var server = builder.AddExecutable("redis-server", "redis-server", folder, config)
            .WithHealthCheck("redis-port-open");
        var connection = builder.AddConnectionString("redis", ReferenceExpression.Create($"127.0.0.1:{Text(port)},password={password}"));
        return new Server(connection, server);
    }

    private static Server AddKafkaBroker(IDistributedApplicationBuilder builder)
    {
        var port = LocalPorts.Free();
        builder.Services.AddHealthChecks().AddCheck("kafka-broker-port-open", new PortAcceptsConnections(port));
        var broker = builder.AddProject<Projects.Mirix_KafkaDevBroker>("kafka-broker")
            .WithArgs("--Broker:Port=" + Text(port))
            .WithHealthCheck("kafka-broker-port-open");
        var connection = builder.AddConnectionString("kafka", ReferenceExpression.Create($"127.0.0.1:{Text(port)}"));
        return new Server(connection, broker);
    }

    private static string? PostgresBinaries()
    {
        if (Environment.GetEnvironmentVariable("MIRIX_POSTGRES_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "postgres")) ? configured : null;
        }
        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).FirstOrDefault(b => File.Exists(Path.Combine(b, "postgres")))
            : null;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, program)));

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
