using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mirix.Core.Storage;

/// <summary>Healthy once the database answers and carries every migration this build knows.</summary>
internal sealed class StorageHealthCheck(IServiceScopeFactory scopes, StorageOptions options) : IHealthCheck
{
    // Once the schema was seen current it stays current for the life of this process.
    private volatile bool _schemaCurrent;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy($"{options.Describe()} does not answer.");
            }
            if (!_schemaCurrent)
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                if (pending > 0)
                {
                    return HealthCheckResult.Unhealthy($"{options.Describe()}: {pending} migration(s) not applied yet.");
                }
                _schemaCurrent = true;
            }
            return HealthCheckResult.Healthy(options.Describe());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{options.Describe()}: {ex.GetBaseException().Message}");
        }
    }
}
