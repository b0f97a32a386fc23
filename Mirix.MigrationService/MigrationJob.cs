using Mirix.Core.Storage;

namespace Mirix.MigrationService;

/// <summary>Runs the migration once and stops the process; a failure exits non-zero so dependants never start.</summary>
internal sealed partial class MigrationJob(DatabaseMigrator migrator, IHostApplicationLifetime lifetime, ILogger<MigrationJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await migrator.MigrateAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Database migration failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
