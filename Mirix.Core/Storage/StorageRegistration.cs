using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Mirix.Core.Storage;

public static class StorageRegistration
{
    public const string HealthCheckName = "database";

    /// <summary>
    /// Registers <see cref="MirixDbContext"/> on PostgreSQL or SQLite (per <see cref="StorageOptions"/>), its health check,
    /// and, when <see cref="StorageOptions.MigrateOnStartup"/> is on, the migration at start-up.
    /// </summary>
    public static StorageOptions AddMirixStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = StorageOptions.FromConfiguration(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditTimestampsInterceptor>();
        services.AddSingleton<SqliteMemoryMapInterceptor>();
        services.AddSingleton<DatabaseMigrator>();

        if (options.Provider == StorageProvider.Postgres)
        {
            services.AddDbContextPool<PostgresMirixDbContext>((sp, o) => o
                .UseNpgsql(options.ConnectionString, npgsql => npgsql.EnableRetryOnFailure(options.TransientRetries, options.TransientRetryMaxDelay, null))
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(sp.GetRequiredService<AuditTimestampsInterceptor>()));
            // Aspire adds Npgsql tracing and metrics. Its retries (up to a minute) are off: ours above are short.
            // Our own health check below also waits for migrations.
            builder.EnrichNpgsqlDbContext<PostgresMirixDbContext>(s =>
            {
                s.DisableHealthChecks = true;
                s.DisableRetry = true;
            });
            services.AddScoped<MirixDbContext>(sp => sp.GetRequiredService<PostgresMirixDbContext>());
        }
        else
        {
            PrivateFiles.EnsureFolder(options.DataDirectory);
            PrivateFiles.EnsureDatabaseFile(options.ConnectionString);
            services.AddDbContextPool<SqliteMirixDbContext>((sp, o) => o
                // A list in a query (a caller's scopes, the ids of a page) goes as one JSON parameter: EF 10's default
                // of one parameter per item makes the SQL depend on the list's length, so EF generated the SQL again on
                // every execution (a tenth of a chat turn's CPU).
                .UseSqlite(options.ConnectionString, sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(sp.GetRequiredService<AuditTimestampsInterceptor>(), sp.GetRequiredService<SqliteMemoryMapInterceptor>())
                .UseLeanSqliteConnection());
            services.AddScoped<MirixDbContext>(sp => sp.GetRequiredService<SqliteMirixDbContext>());
        }

        services.AddHealthChecks().AddCheck<StorageHealthCheck>(HealthCheckName);
        services.AddSingleton<StorageOutage>();
        services.AddHostedService<StorageOutageProbe>();
        if (options.MigrateOnStartup)
        {
            services.AddHostedService<MigrateOnStartupService>();
        }
        return options;
    }
}
