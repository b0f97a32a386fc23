using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Agents;

/// <summary>
/// Creates a client's standalone agents (<c>POST /agents</c>) and changes any of its agents (<c>PATCH /agents/{id}</c>);
/// MIRIX answers the latter 501. Meta memory agents are made only by <c>/agents/meta/initialize</c>, one per client.
/// </summary>
public sealed class AgentEditor(MirixDbContext db)
{
    public async Task<WriteOutcome<Agent>> CreateAsync(
        Caller caller, AgentRequest request, JsonObject defaultLlmConfig, JsonObject defaultEmbeddingConfig, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var type = request.AgentType ?? AgentTypes.Chat;
        if (!AgentTypes.All.Contains(type))
        {
            return WriteOutcome.Fail<Agent>(WriteFailure.Invalid, $"agent_type '{type}' is not one of {string.Join(", ", AgentTypes.All.Order(StringComparer.Ordinal))}.");
        }
        if (type == AgentTypes.Meta)
        {
            return WriteOutcome.Fail<Agent>(WriteFailure.Rejected, "A meta memory agent is made by POST /agents/meta/initialize (one per client).");
        }
        var id = IdGenerator.Uuid(Agent.IdPrefix);
        var agent = new Agent
        {
            Id = id,
            OrganizationId = caller.OrganizationId,
            AgentType = type,
            Name = request.Name ?? $"{type}_{id[^8..]}",
            Description = request.Description,
            System = request.System ?? DefaultSystemPrompts.For(type),
            LlmConfig = (request.LlmConfig ?? defaultLlmConfig).ToJsonString(),
            EmbeddingConfig = (request.EmbeddingConfig ?? defaultEmbeddingConfig).ToJsonString(),
            Tags = [.. request.Tags ?? []],
            CreatedById = caller.ClientId,
            LastUpdatedById = caller.ClientId,
        };
        db.Agents.Add(agent);
        await db.SaveChangesAsync(ct);
        return WriteOutcome.Done(agent);
    }

    public async Task<WriteOutcome<Agent>> UpdateAsync(Caller caller, string agentId, AgentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var agent = await db.Agents.SingleOrDefaultAsync(a => a.Id == agentId && a.OrganizationId == caller.OrganizationId && a.CreatedById == caller.ClientId, ct);
        if (agent is null)
        {
            return WriteOutcome.Fail<Agent>(WriteFailure.NotFound, $"Agent {agentId} not found.");
        }
        if (request.System is { } system && string.IsNullOrWhiteSpace(system))
        {
            return WriteOutcome.Fail<Agent>(WriteFailure.Invalid, "system must not be empty.");
        }
        agent.Name = request.Name ?? agent.Name;
        agent.Description = request.Description ?? agent.Description;
        agent.System = request.System ?? agent.System;
        agent.LlmConfig = request.LlmConfig?.ToJsonString() ?? agent.LlmConfig;
        agent.EmbeddingConfig = request.EmbeddingConfig?.ToJsonString() ?? agent.EmbeddingConfig;
        agent.Tags = request.Tags is { } tags ? [.. tags] : agent.Tags;
        agent.LastUpdatedById = caller.ClientId;
        await db.SaveChangesAsync(ct);
        return WriteOutcome.Done(agent);
    }
}
