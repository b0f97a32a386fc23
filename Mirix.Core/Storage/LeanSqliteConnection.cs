using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

#pragma warning disable EF1001 // EF's SQLite connection is internal API; pinned by central package versions and covered by every SQLite test.
namespace Mirix.Core.Storage;

/// <summary>
/// EF's SQLite connection without the seven SQL functions EF adds for <c>decimal</c> arithmetic and <c>regexp</c>.
/// Microsoft.Data.Sqlite registers a connection's functions again on every open, and EF opens the connection once per
/// query: a chat turn's dozen queries left over a hundred native callback handles for the finalizer thread, a third of
/// the server's CPU at a thousand turns in flight. The model has no decimals and no query uses regular expressions, so a
/// LINQ query that needed them fails loudly ("no such function") rather than silently.
/// </summary>
internal sealed class LeanSqliteConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal.SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(GetValidatedConnectionString());
        if (RelationalOptionsExtension.Extract(Dependencies.ContextOptions).CommandTimeout is { } timeout)
        {
            connection.DefaultTimeout = timeout;
        }
        return connection;
    }
}

internal static class LeanSqliteConnectionExtensions
{
    public static DbContextOptionsBuilder UseLeanSqliteConnection(this DbContextOptionsBuilder options) =>
        options.ReplaceService<Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal.ISqliteRelationalConnection, LeanSqliteConnection>();
}
