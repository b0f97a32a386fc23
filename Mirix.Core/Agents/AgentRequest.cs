using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mirix.Core.Agents;

/// <summary>
/// The bodies of <c>POST /agents</c> (MIRIX's <c>CreateAgentRequest</c>) and <c>PATCH /agents/{id}</c>
/// (<c>UpdateAgentRequest</c>). The SDK sends every field, null when unset: fields this server does not store (tools,
/// memory objects, metadata) are accepted when null or empty and refused otherwise, so nothing a caller set is dropped.
/// </summary>
public sealed record AgentRequest(
    string? Name, string? AgentType, string? System, string? Description, JsonObject? LlmConfig, JsonObject? EmbeddingConfig, IReadOnlyList<string>? Tags)
{
    private static readonly string[] Stored = ["name", "system", "description", "llm_config", "embedding_config", "tags"];
    private static readonly string[] CreateOnly = ["agent_type", "include_base_tools", "include_meta_memory_tools"];
    private static readonly string[] NotStored = ["memory", "block_ids", "tool_ids", "tool_rules", "metadata", "initial_message_sequence", "message_ids"];

    public static (AgentRequest? Request, string? Error) Read(JsonObject? body, bool create)
    {
        if (body is null)
        {
            return (null, "A JSON object body is required.");
        }
        foreach (var (key, value) in body)
        {
            if (NotStored.Contains(key))
            {
                if (value is not null && value is not JsonArray { Count: 0 })
                {
                    return (null, $"{key} is not supported here: agents get the tools and memory of their type. Send it null or leave it out.");
                }
            }
            else if (!Stored.Contains(key) && !(create && CreateOnly.Contains(key)))
            {
                return (null, $"Unknown field '{key}'.");
            }
        }
        string? Text(string key) => body[key]?.GetValueKind() == JsonValueKind.String ? body[key]!.GetValue<string>() : null;
        foreach (var key in new[] { "name", "system", "description", "agent_type" })
        {
            if (body[key] is { } node && node.GetValueKind() != JsonValueKind.String)
            {
                return (null, $"{key} must be a string.");
            }
        }
        if (body["llm_config"] is { } llmNode && !MetaAgentConfigParser.IsLlmConfig(llmNode, out _))
        {
            return (null, MetaAgentConfigParser.LlmConfigRule);
        }
        if (body["embedding_config"] is { } embeddingNode && !MetaAgentConfigParser.IsEmbeddingConfig(embeddingNode, out _))
        {
            return (null, MetaAgentConfigParser.EmbeddingConfigRule);
        }
        List<string>? tags = null;
        if (body["tags"] is { } tagNode)
        {
            if (tagNode is not JsonArray array || array.Any(t => t?.GetValueKind() != JsonValueKind.String))
            {
                return (null, "tags must be a list of strings.");
            }
            tags = [.. array.Select(t => t!.GetValue<string>())];
        }
        var name = Text("name");
        if (name is not null && (name.Trim().Length == 0 || name.Length > 256))
        {
            return (null, "name must be 1 to 256 characters.");
        }
        return (new AgentRequest(name?.Trim(), Text("agent_type"), Text("system"), Text("description"),
            body["llm_config"] as JsonObject, body["embedding_config"] as JsonObject, tags), null);
    }
}
