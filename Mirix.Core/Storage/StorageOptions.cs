using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Mirix.Core.Storage;

/// <summary>Where the data lives. Read once at start-up from configuration (see the README's configuration table).</summary>
public sealed record StorageOptions
{
    public const string ConnectionName = "mirix";
    public const string DatabaseFileName = "mirix.db";

    public required StorageProvider Provider { get; init; }
    public required string ConnectionString { get; init; }
    /// <summary>Folder of the SQLite database and other local state.</summary>
    public required string DataDirectory { get; init; }
    /// <summary>Apply migrations and seed defaults at start-up; off where a migration service does it.</summary>
    public required bool MigrateOnStartup { get; init; }
    /// <summary>
    /// Quick retries of a transient PostgreSQL failure (a pooled connection the server closed on restart). Kept short so a
    /// request meets a database outage with a 503 in about a second, not after a minute of back-off; queued work is retried
    /// by the ingestion pipeline instead.
    /// </summary>
    public int TransientRetries { get; init; } = 2;
    public TimeSpan TransientRetryMaxDelay { get; init; } = TimeSpan.FromMilliseconds(300);
    /// <summary>
    /// Full-text search on PostgreSQL takes its top matches from the RUM indexes where the migrator built them; false
    /// ranks every match from the GIN index instead (same results contract; the agreement test compares the two).
    /// </summary>
    public bool RankedFullTextIndex { get; init; } = true;

    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataDirectory = Path.GetFullPath(ExpandHome(configuration["Mirix:DataDirectory"] is { Length: > 0 } dir
            ? dir
            : Path.Combine("~", ".mirix-net")));
        var configured = configuration.GetConnectionString(ConnectionName);
        var provider = configuration.GetValue("Mirix:Storage:Provider", StorageProvider.Auto);
        if (provider == StorageProvider.Auto)
        {
            provider = string.IsNullOrWhiteSpace(configured) || LooksLikeSqlite(configured) ? StorageProvider.Sqlite : StorageProvider.Postgres;
        }

        string connectionString = provider switch
        {
            StorageProvider.Postgres when string.IsNullOrWhiteSpace(configured) => throw new InvalidOperationException(
                $"Mirix:Storage:Provider is Postgres but ConnectionStrings:{ConnectionName} is not set."),
            StorageProvider.Postgres => WithPoolLimit(configured!, configuration.GetValue("Mirix:Storage:PostgresMaxConnections", DefaultPostgresMaxConnections)),
            _ when configured is not null && LooksLikeSqlite(configured) => configured,
            _ => $"Data Source={Path.Combine(dataDirectory, DatabaseFileName)}",
        };

        return new StorageOptions
        {
            Provider = provider,
            ConnectionString = connectionString,
            DataDirectory = dataDirectory,
            MigrateOnStartup = configuration.GetValue("Mirix:Storage:MigrateOnStartup", true),
            TransientRetries = configuration.GetValue("Mirix:Storage:TransientRetries", 2),
            TransientRetryMaxDelay = configuration.GetValue("Mirix:Storage:TransientRetryMaxDelay", TimeSpan.FromMilliseconds(300)),
            RankedFullTextIndex = configuration.GetValue("Mirix:Storage:RankedFullTextIndex", true),
        };
    }

    /// <summary>
    /// PostgreSQL does best with a few active connections per core: with 64 at once on 2 cores, backends spent their time
    /// contending, and 32 concurrent hybrid searches ran at 18 queries/s instead of 38 with 8 connections; 4 then gave
    /// 154-186 against 144-148 with 8 (issue 15; PostgreSQL's own rule of thumb is two per core plus the disks). The
    /// host's cores stand in for the database's; a connection string that sets Maximum Pool Size keeps its own.
    /// </summary>
    public static readonly int DefaultPostgresMaxConnections = Math.Max(4, 2 * Environment.ProcessorCount);

    private static string WithPoolLimit(string connectionString, int maxConnections)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = given.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal));
        if (keys.Any(k => k.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) || k.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxConnections }.ConnectionString;
    }

    /// <summary>A description safe to print: the SQLite path, or the PostgreSQL host and database without credentials.</summary>
    public string Describe()
    {
        if (Provider == StorageProvider.Sqlite)
        {
            return "SQLite at " + new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
        }
        var pg = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL at {pg.Host}:{pg.Port}/{pg.Database}";
    }

    private static bool LooksLikeSqlite(string connectionString) =>
        connectionString.TrimStart().StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase);

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~', '/'))
            : path;
}
