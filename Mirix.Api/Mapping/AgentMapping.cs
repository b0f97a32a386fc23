using Mirix.Agents.Tools;
using Mirix.Core.Domain;

namespace Mirix.Api.Mapping;

internal static class AgentMapping
{
    extension(AgentState)
    {
        public static AgentState From(Agent agent, IEnumerable<Agent>? children = null) => new(
            agent.Id, agent.Name, agent.System, agent.AgentType,
            JsonText.Parse(agent.LlmConfig), JsonText.Parse(agent.EmbeddingConfig), [],
            agent.Description, agent.ParentId, agent.OrganizationId, agent.MessageIds,
            agent.ToolRules is null ? null : [.. JsonText.Parse(agent.ToolRules).EnumerateArray()],
            agent.CreatedById, agent.LastUpdatedById, agent.CreatedAt, agent.UpdatedAt,
            children?.OrderBy(c => c.AgentType, StringComparer.Ordinal).Select(c => From(c)).ToList());
    }

    extension(ToolView)
    {
        public static ToolView From(AgentTool tool, string organizationId) =>
            new(ToolView.IdPrefix + tool.Name, tool.Name, tool.Declaration.Description, ToolCatalog.TypeOf(tool), "json", [],
                new ToolSchema(tool.Name, tool.Declaration.Description, tool.Declaration.JsonSchema), 6000, organizationId, null);
    }

    extension(OperationView)
    {
        public static OperationView From(IngestionOperation operation, int maxAttempts) => new(
            operation.Id, operation.Status, operation.Transport, operation.Mode, operation.UserId, operation.AgentId, operation.ClientId,
            operation.MessageCount, operation.Attempts, maxAttempts, operation.LastError,
            operation.ResultJson is null ? null : JsonNode.Parse(operation.ResultJson),
            operation.CreatedAt, operation.StartedAt, operation.CompletedAt, operation.UpdatedAt,
            operation.CompletedAt is { } done ? (done - operation.CreatedAt).TotalMilliseconds : null);
    }
}
