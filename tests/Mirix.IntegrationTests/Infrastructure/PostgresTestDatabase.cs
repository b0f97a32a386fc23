using Npgsql;

namespace Mirix.IntegrationTests.Infrastructure;

/// <summary>A database of its own on the test server, created empty and dropped afterwards.</summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private PostgresTestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    /// <summary>A fresh database; with <paramref name="create"/> false only its name, for code that must create it itself.</summary>
    public static async Task<PostgresTestDatabase> CreateAsync(bool create = true)
    {
        var name = "mirix_test_" + Guid.NewGuid().ToString("N")[..12];
        if (create)
        {
            await using var admin = new NpgsqlConnection(TestServers.PostgresAdmin);
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(TestServers.PostgresAdmin) { Database = name };
        return new PostgresTestDatabase(name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestServers.PostgresAdmin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
