using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage;

/// <summary>
/// Brings the database to this build's schema and seeds the rows MIRIX clients expect to exist.
/// Safe to run from several processes at once: EF Core takes a migration lock, and seeding only inserts what is missing.
/// </summary>
public sealed partial class DatabaseMigrator(IServiceScopeFactory scopes, StorageOptions options, ILogger<DatabaseMigrator> logger)
{
    public static readonly ActivitySource ActivitySource = new("Mirix.Storage.Migrations");

    /// <summary>The PostgreSQL advisory lock that serialises migrations across processes ("mirix" in ASCII).</summary>
    private const long MigrationLockKey = 0x6D6972_6978;

    /// <summary>Some migrations rewrite every memory row: minutes for millions of rows, past a query's usual timeout.</summary>
    private static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromHours(2);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity("Migrate database");
        var started = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        db.Database.SetCommandTimeout(MigrationCommandTimeout);
        var strategy = db.Database.CreateExecutionStrategy();

        var vector = false;
        var ranked = false;
        await strategy.ExecuteAsync(async ct =>
        {
            await EnsureDatabaseExistsAsync(db, ct);
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                if (options.Provider == StorageProvider.Sqlite)
                {
                    // WAL lets readers proceed while the ingestion worker writes.
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                }
                else
                {
                    // Several processes may start at once (Api replicas, Workers); one migrates, the others wait for it.
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey});", ct);
                }
                await db.Database.MigrateAsync(ct);
                vector = options.Provider == StorageProvider.Postgres && await TryEnableVectorExtensionAsync(db, ct);
                ranked = options.Provider == StorageProvider.Postgres && options.RankedFullTextIndex && await TryCreateRankedFullTextIndexesAsync(db, ct);
            }
            finally
            {
                if (options.Provider == StorageProvider.Postgres)
                {
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey});", CancellationToken.None);
                }
                await db.Database.CloseConnectionAsync();
            }
        }, cancellationToken);

        await SeedDefaultsAsync(db, cancellationToken);
        LogMigrated(logger, options.Describe(), vector, ranked, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// Creates an empty database when the server has none yet; the migration lock needs an open connection to it.
    /// Another process creating it at the same moment is fine.
    /// </summary>
    private static async Task EnsureDatabaseExistsAsync(MirixDbContext db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct))
        {
            return;
        }
        try
        {
            await creator.CreateAsync(ct);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase)
        {
            // created concurrently by another process
        }
    }

    /// <summary>pgvector is optional: Debian's PostgreSQL lacks it, and search then scans vectors in process.</summary>
    /// <remarks>Runs under the migration lock, after the migrations: its DDL may not race another process's.</remarks>
    private static async Task<bool> TryEnableVectorExtensionAsync(MirixDbContext db, CancellationToken cancellationToken)
    {
        var available = await TryCreateExtensionAsync(db, "vector", cancellationToken);
        if (available)
        {
            await db.Database.ExecuteSqlRawAsync(Retrieval.Vector.PgVectorSchema.Install, cancellationToken);
        }
        return available;
    }

    /// <summary>
    /// RUM is optional too: where PostgreSQL has it, each memory table gets a RUM index beside its GIN index, and full-text
    /// search takes its top matches from it in rank order (<see cref="Retrieval.FullText.FullTextSearch"/>).
    /// </summary>
    /// <remarks>On an existing database the first start builds the indexes (about 15 s per million rows here).</remarks>
    private static async Task<bool> TryCreateRankedFullTextIndexesAsync(MirixDbContext db, CancellationToken cancellationToken)
    {
        var available = await TryCreateExtensionAsync(db, "rum", cancellationToken);
        if (available)
        {
            foreach (var table in Retrieval.FullText.FullTextTable.ByMemoryType.Values)
            {
                await db.Database.ExecuteSqlRawAsync(FullTextDdl.CreatePostgresRanked(table), cancellationToken);
            }
        }
        return available;
    }

    /// <summary>Creates the extension when the server offers it; says whether it did.</summary>
    private static async Task<bool> TryCreateExtensionAsync(MirixDbContext db, string extension, CancellationToken cancellationToken)
    {
        var available = await db.Database
            .SqlQueryRaw<bool>("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = {0}) AS \"Value\"", extension)
            .SingleAsync(cancellationToken);
        if (available)
        {
            // The name is one of this class's constants, checked against the server's list above.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync($"CREATE EXTENSION IF NOT EXISTS {extension};", cancellationToken);
#pragma warning restore EF1002
        }
        return available;
    }

    private static async Task SeedDefaultsAsync(MirixDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Id == WellKnownIds.DefaultOrganizationId, cancellationToken))
        {
            db.Organizations.Add(new Organization { Id = WellKnownIds.DefaultOrganizationId, Name = WellKnownIds.DefaultOrganizationName });
        }
        if (!await db.Users.IgnoreQueryFilters().AnyAsync(u => u.OrganizationId == WellKnownIds.DefaultOrganizationId && u.Id == WellKnownIds.AdminUserId, cancellationToken))
        {
            db.Users.Add(new User
            {
                Id = WellKnownIds.AdminUserId,
                OrganizationId = WellKnownIds.DefaultOrganizationId,
                Name = WellKnownIds.AdminUserName,
                IsAdmin = true,
            });
        }
        if (!await db.Clients.IgnoreQueryFilters().AnyAsync(c => c.Id == WellKnownIds.DefaultClientId, cancellationToken))
        {
            db.Clients.Add(new Client
            {
                Id = WellKnownIds.DefaultClientId,
                OrganizationId = WellKnownIds.DefaultOrganizationId,
                Name = WellKnownIds.DefaultClientName,
            });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another process may have seeded the same rows between our check and our insert; only that is fine.
            db.ChangeTracker.Clear();
            if (!await db.Clients.IgnoreQueryFilters().AnyAsync(c => c.Id == WellKnownIds.DefaultClientId, cancellationToken))
            {
                throw;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready: {Storage}; pgvector: {Vector}; RUM: {Ranked}; took {ElapsedMs:F0} ms")]
    private static partial void LogMigrated(ILogger logger, string storage, bool vector, bool ranked, double elapsedMs);
}
