using System.Text.Json;
using Mirix.Core.Domain;

namespace Mirix.Api.Contracts;

/// <summary>
/// MIRIX's <c>AgentState</c>. The Python SDK parses it with <c>extra="forbid"</c>: add no field that is not here.
/// Configs are echoed as the client sent them, since the SDK validates their enum values.
/// </summary>
public sealed record AgentState(
    string Id,
    string Name,
    string System,
    string AgentType,
    JsonElement LlmConfig,
    JsonElement EmbeddingConfig,
    IReadOnlyList<JsonElement> Tools,
    string? Description,
    string? ParentId,
    string OrganizationId,
    IReadOnlyList<string> MessageIds,
    IReadOnlyList<JsonElement>? ToolRules,
    string? CreatedById,
    string? LastUpdatedById,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<AgentState>? Children)
{
    public static AgentState From(Agent agent, IEnumerable<Agent>? children = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new(
            agent.Id, agent.Name, agent.System, agent.AgentType,
            Parse(agent.LlmConfig), Parse(agent.EmbeddingConfig), [],
            agent.Description, agent.ParentId, agent.OrganizationId, agent.MessageIds,
            agent.ToolRules is null ? null : [.. Parse(agent.ToolRules).EnumerateArray()],
            agent.CreatedById, agent.LastUpdatedById, agent.CreatedAt, agent.UpdatedAt,
            children?.OrderBy(c => c.AgentType, StringComparer.Ordinal).Select(c => From(c)).ToList());
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
