using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Mirix.Core.Storage;

/// <summary>Recognises the database failures that are the server's state, not the request's fault: unreachable, or out of space.</summary>
public static class StorageFailures
{
    private const int SqliteFull = 13;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteCannotOpen = 14;

    /// <summary>The database cannot be reached or cannot serve now (down, restarting, busy): trying later may succeed.</summary>
    public static bool IsUnavailable(Exception exception) => Causes(exception).Any(e => e switch
    {
        RetryLimitExceededException => true,
        PostgresException pg => pg.IsTransient || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient,
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteIoError or SqliteCannotOpen,
        _ => false, // a bare socket error may be anyone's (the model's, say); Npgsql wraps its own in NpgsqlException
    });

    /// <summary>
    /// The database server cannot be reached at all (refused, shut down, starting up, connection lost): unlike a busy or
    /// locked database, every other request would fail the same way until it is back.
    /// </summary>
    public static bool IsUnreachable(Exception exception) => Causes(exception).Any(e => e switch
    {
        PostgresException pg => pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.InnerException is System.Net.Sockets.SocketException or EndOfStreamException or IOException or TimeoutException,
        _ => false,
    });

    /// <summary>The disk holding the database is full: nothing more can be written until space returns.</summary>
    public static bool IsOutOfSpace(Exception exception) => Causes(exception).Any(e => e switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteFull,
        PostgresException pg => pg.SqlState == PostgresErrorCodes.DiskFull,
        IOException io => io.HResult == 28 || io.Message.Contains("No space left", StringComparison.Ordinal),
        _ => false,
    });

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
