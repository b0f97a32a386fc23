using Microsoft.Extensions.Configuration;
using Mirix.Core.Storage;
using Npgsql;

namespace Mirix.IntegrationTests.Storage;

public sealed class StorageOptionsTests
{
    private static StorageOptions From(params (string Key, string Value)[] settings) =>
        StorageOptions.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Fact]
    public void Nothing_configured_means_sqlite_in_the_home_data_folder()
    {
        var options = From();

        Assert.Equal(StorageProvider.Sqlite, options.Provider);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, ".mirix-net"), options.DataDirectory);
        Assert.Equal($"Data Source={Path.Combine(home, ".mirix-net", "mirix.db")}", options.ConnectionString);
        Assert.True(options.MigrateOnStartup);
    }

    [Fact]
    public void A_postgres_connection_string_switches_to_postgres_and_is_described_without_its_password()
    {
        var options = From(("ConnectionStrings:mirix", "Host=db.example;Port=5433;Database=mem;Username=u;Password=secret"));

        Assert.Equal(StorageProvider.Postgres, options.Provider);
        Assert.Equal("PostgreSQL at db.example:5433/mem", options.Describe());
        Assert.DoesNotContain("secret", options.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_connections_are_capped_unless_the_connection_string_sets_its_own_pool_size()
    {
        const string Server = "Host=db.example;Database=mem;Username=u;Password=secret";
        static int PoolOf(StorageOptions options) => new NpgsqlConnectionStringBuilder(options.ConnectionString).MaxPoolSize;

        Assert.Equal(StorageOptions.DefaultPostgresMaxConnections, PoolOf(From(("ConnectionStrings:mirix", Server))));
        Assert.InRange(StorageOptions.DefaultPostgresMaxConnections, 4, 99);
        Assert.Equal(5, PoolOf(From(("ConnectionStrings:mirix", Server), ("Mirix:Storage:PostgresMaxConnections", "5"))));
        Assert.Equal(3, PoolOf(From(("ConnectionStrings:mirix", Server + ";Maximum Pool Size=3"), ("Mirix:Storage:PostgresMaxConnections", "5"))));
        Assert.Equal("secret", new NpgsqlConnectionStringBuilder(From(("ConnectionStrings:mirix", Server)).ConnectionString).Password);
    }

    [Fact]
    public void Data_directory_is_configurable_and_expands_the_home_folder()
    {
        var options = From(("Mirix:DataDirectory", "~/elsewhere"), ("Mirix:Storage:MigrateOnStartup", "false"));

        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "elsewhere"), options.DataDirectory);
        Assert.False(options.MigrateOnStartup);
    }

    [Fact]
    public void Postgres_requested_without_a_connection_string_fails_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => From(("Mirix:Storage:Provider", "Postgres")));

        Assert.Contains("ConnectionStrings:mirix", error.Message, StringComparison.Ordinal);
    }
}
