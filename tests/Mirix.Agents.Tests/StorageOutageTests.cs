using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Mirix.Core.Storage;
using Npgsql;

namespace Mirix.Agents.Tests;

public sealed class StorageOutageTests
{
    [Fact]
    public async Task An_outage_wakes_the_probe_and_ends_when_reported_reachable()
    {
        var outage = new StorageOutage();
        var waiting = outage.WhenDownAsync(CancellationToken.None);
        Assert.False(outage.IsDown);
        Assert.False(waiting.IsCompleted);

        outage.ReportUnreachable();
        outage.ReportUnreachable(); // every failing request reports it; one outage
        await waiting.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.True(outage.IsDown);

        outage.ReportReachable();
        Assert.False(outage.IsDown);
        Assert.False(outage.WhenDownAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void A_database_gone_is_unreachable_and_a_busy_one_is_not()
    {
        Assert.True(StorageFailures.IsUnreachable(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(StorageFailures.IsUnreachable(new InvalidOperationException("wrapped", new PostgresException("shutting down", "FATAL", "FATAL", "57P01"))));
        Assert.True(StorageFailures.IsUnreachable(new PostgresException("starting up", "FATAL", "FATAL", "57P03")));

        Assert.False(StorageFailures.IsUnreachable(new PostgresException("deadlock", "ERROR", "ERROR", "40P01")));
        Assert.False(StorageFailures.IsUnreachable(new SqliteException("database is locked", 5)));
        Assert.False(StorageFailures.IsUnreachable(new SocketException((int)SocketError.ConnectionRefused))); // the model's, say
    }
}
