using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mirix.Core.Storage;

/// <summary>
/// Lets each SQLite connection read the database file through a memory map. Without one, every page a query touches
/// beyond the connection's small page cache is copied out of the operating system's cache by a system call; with a
/// million memories that copying was a fifth of a search's CPU. The map shares the operating system's cache between
/// connections, so it costs address space, not memory (each connection maps the file itself, so a 32-bit process, which
/// has little address space, reads as before). Pooled connections keep their native handle, so the setting is made once
/// per handle, not on every open.
/// </summary>
internal sealed class SqliteMemoryMapInterceptor : DbConnectionInterceptor
{
    /// <summary>SQLite caps this at its compile-time maximum (2 GB in the bundled build); the rest of a larger file is read as before.</summary>
    public const long MapBytes = 1L << 40;

    private readonly ConditionalWeakTable<object, object> _mapped = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NewHandle(connection) is { } command)
        {
            using (command)
            {
                command.ExecuteNonQuery();
            }
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NewHandle(connection) is { } command)
        {
            await using (command)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>The command that maps the file, when this native handle has not been mapped yet.</summary>
    private SqliteCommand? NewHandle(DbConnection connection)
    {
        if (!Environment.Is64BitProcess || connection is not SqliteConnection { Handle: { } handle } sqlite || !_mapped.TryAdd(handle, handle))
        {
            return null;
        }
        var command = sqlite.CreateCommand();
        command.CommandText = $"PRAGMA mmap_size = {MapBytes}";
        return command;
    }
}
