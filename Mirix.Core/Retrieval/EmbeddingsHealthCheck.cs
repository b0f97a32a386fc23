using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mirix.Core.Retrieval;

/// <summary>Shows the re-embedding job's state: which model, whether a pass is running, how far it got, its last error.</summary>
public sealed class EmbeddingsHealthCheck(ReembeddingStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var s = status.Current;
        var data = new Dictionary<string, object>
        {
            ["state"] = s.State,
            ["model"] = s.Model ?? "",
            ["reembedded_in_pass"] = s.ReembeddedInPass,
        };
        var description = s.State switch
        {
            "running" => $"re-embedding with {s.Model}: {s.ReembeddedInPass} memories so far",
            "failed" => $"re-embedding with {s.Model} failed: {s.LastError}",
            _ => s.Model is null ? "no pass yet" : $"every memory embedded with {s.Model} (last pass {s.PassFinishedAt:u}, {s.ReembeddedInPass} re-embedded)",
        };
        return Task.FromResult(s.State == "failed" ? HealthCheckResult.Degraded(description, data: data) : HealthCheckResult.Healthy(description, data));
    }
}
