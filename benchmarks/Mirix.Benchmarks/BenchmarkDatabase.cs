using Npgsql;

namespace Mirix.Benchmarks;

/// <summary>A fresh database per run, dropped afterwards; or a named one kept between runs (seeded once).</summary>
internal sealed class BenchmarkDatabase(string admin, string name, bool keep = false) : IAsyncDisposable
{
    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;

    /// <summary>Whether the database existed before this run (a kept database from an earlier one).</summary>
    public bool Existed { get; private init; }

    public static async Task<BenchmarkDatabase> OpenOrCreateKeptAsync(string admin, string name)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @name)", connection);
        exists.Parameters.AddWithValue("name", name);
        var existed = (bool)(await exists.ExecuteScalarAsync())!;
        if (!existed)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new BenchmarkDatabase(admin, name, keep: true) { Existed = existed };
    }

    public static async Task<BenchmarkDatabase> CreateAsync(string admin)
    {
        var name = "mirix_bench_" + Guid.NewGuid().ToString("N")[..10];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new BenchmarkDatabase(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (keep)
        {
            return;
        }
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
