using Microsoft.Extensions.Hosting;

namespace Mirix.Core.Storage;

/// <summary>
/// Migrates before the host starts serving (hosted services start before Kestrel), for the single-process embedded run.
/// </summary>
internal sealed class MigrateOnStartupService(DatabaseMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
