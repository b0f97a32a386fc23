using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mirix.Agents.Llm;

/// <summary>Says whether an LLM is configured (which models, where) and how many calls are in flight or waiting; it calls no model.</summary>
public sealed class LlmHealthCheck(LlmModelCatalog models, LlmConcurrencyGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (models.IsEmpty)
        {
            return Task.FromResult(HealthCheckResult.Healthy("not configured: ingestion runs in raw mode (set Mirix:Llm:Model and Mirix:Llm:Endpoint)",
                new Dictionary<string, object> { ["state"] = "not configured" }));
        }
        var data = new Dictionary<string, object>
        {
            ["state"] = "configured",
            ["models"] = string.Join(", ", models.Models.Select(m => $"{m.Name}={m.ModelId}")),
            ["in_flight"] = gate.InFlight,
            ["waiting"] = gate.Waiting,
        };
        return Task.FromResult(HealthCheckResult.Healthy($"{models.Models[0].ModelId} at {models.Models[0].Endpoint.Host}", data));
    }
}
