using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mirix.Core.Ingestion;

/// <summary>The queue as the consumers see it: reachable, and how far behind (Degraded past the configured backlog).</summary>
public sealed class IngestionHealthCheck(IIngestionTransport transport, IngestionOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            var backlog = await transport.GetBacklogAsync(timeout.Token);
            var data = new Dictionary<string, object> { ["transport"] = transport.Name };
            if (backlog is not { } waiting)
            {
                return HealthCheckResult.Healthy($"{transport.Name}: backlog measured by the broker.", data);
            }
            data["backlog"] = waiting;
            return waiting > options.BacklogDegradedThreshold
                ? HealthCheckResult.Degraded($"{transport.Name}: {backlog} messages waiting (threshold {options.BacklogDegradedThreshold}).", data: data)
                : HealthCheckResult.Healthy($"{transport.Name}: {backlog} messages waiting.", data);
        }
#pragma warning disable CA1031 // any failure to reach the queue is the answer of this check
        catch (Exception e)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy($"{transport.Name} is unreachable: {e.Message}", e);
        }
    }
}
