using System.Text.Json.Nodes;

namespace Mirix.Core.Agents;

/// <summary>What <c>/agents/meta/initialize</c> asks for, validated.</summary>
public sealed record MetaAgentConfig(
    JsonObject LlmConfig,
    JsonObject EmbeddingConfig,
    IReadOnlyList<ChildAgentSpec> Children,
    IReadOnlyDictionary<string, string> SystemPrompts);

/// <summary>One memory agent to create, with the template blocks it seeds (core memory agent).</summary>
public sealed record ChildAgentSpec(string AgentType, IReadOnlyList<TemplateBlockSpec> Blocks);

public sealed record TemplateBlockSpec(string Label, string Value, int? Limit);

public static class MetaAgentConfigParser
{
    /// <summary>The six memory agents, used when <c>meta_agent_config.agents</c> is absent.</summary>
    public static readonly IReadOnlyList<string> DefaultChildren =
        [AgentTypes.Core, AgentTypes.Episodic, AgentTypes.Semantic, AgentTypes.Procedural, AgentTypes.Resource, AgentTypes.KnowledgeVault];

    /// <summary>Parses the <c>config</c> object; returns an error message instead of throwing on bad input.</summary>
    public static (MetaAgentConfig? Config, string? Error) Parse(JsonObject? config)
    {
        if (config is null)
        {
            return (null, "config is required.");
        }
        if (!IsLlmConfig(config["llm_config"], out var llm))
        {
            return (null, "config." + LlmConfigRule);
        }
        if (!IsEmbeddingConfig(config["embedding_config"], out var embedding))
        {
            return (null, "config." + EmbeddingConfigRule);
        }

        var metaConfig = config["meta_agent_config"] as JsonObject;
        var prompts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metaConfig?["system_prompts"] is JsonObject promptNodes)
        {
            foreach (var (name, value) in promptNodes)
            {
                if (value?.GetValueKind() != System.Text.Json.JsonValueKind.String)
                {
                    return (null, $"meta_agent_config.system_prompts.{name} must be a string.");
                }
                var type = AgentTypes.FromConfigName(name);
                prompts[type ?? name] = value.GetValue<string>();
            }
        }

        var children = new List<ChildAgentSpec>();
        var entries = metaConfig?["agents"] as JsonArray;
        foreach (var entry in entries ?? new JsonArray(DefaultChildren.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()))
        {
            var (name, blocks, error) = ParseEntry(entry);
            if (error is not null)
            {
                return (null, error);
            }
            var type = AgentTypes.FromConfigName(name!);
            if (type is null)
            {
                return (null, $"meta_agent_config.agents: '{name}' is not an agent type.");
            }
            if (type == AgentTypes.Meta || children.Any(c => c.AgentType == type))
            {
                continue;
            }
            if (!AgentTypes.Children.Contains(type))
            {
                return (null, $"meta_agent_config.agents: '{name}' cannot be a child of the meta memory agent.");
            }
            children.Add(new ChildAgentSpec(type, blocks));
        }
        return (new MetaAgentConfig(llm, embedding, children, prompts), null);
    }

    public const string LlmConfigRule = "llm_config must be an object with model, model_endpoint_type and context_window.";
    public const string EmbeddingConfigRule = "embedding_config must be an object with embedding_endpoint_type, embedding_model and embedding_dim.";

    /// <summary>MIRIX's LLMConfig as far as the SDK validates it: kept as sent, and only its model is ever used.</summary>
    public static bool IsLlmConfig(JsonNode? node, out JsonObject llm)
    {
        llm = node as JsonObject ?? [];
        return node is JsonObject && llm["model"] is not null && llm["model_endpoint_type"] is not null && llm["context_window"] is not null;
    }

    public static bool IsEmbeddingConfig(JsonNode? node, out JsonObject embedding)
    {
        embedding = node as JsonObject ?? [];
        return node is JsonObject && embedding["embedding_endpoint_type"] is not null && embedding["embedding_model"] is not null && embedding["embedding_dim"] is not null;
    }

    private static (string? Name, IReadOnlyList<TemplateBlockSpec> Blocks, string? Error) ParseEntry(JsonNode? entry)
    {
        if (entry?.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            return (entry.GetValue<string>(), [], null);
        }
        if (entry is not JsonObject obj || obj.Count != 1)
        {
            return (null, [], "meta_agent_config.agents entries must be a name or {name: {blocks: [...]}}.");
        }
        var (name, body) = obj.First();
        var blocks = new List<TemplateBlockSpec>();
        if ((body as JsonObject)?["blocks"] is JsonArray blockNodes)
        {
            foreach (var node in blockNodes)
            {
                if (node is not JsonObject block || block["label"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
                {
                    return (null, [], $"meta_agent_config.agents.{name}.blocks entries need a string label.");
                }
                var value = block["value"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? block["value"]!.GetValue<string>() : "";
                var limit = block["limit"]?.GetValueKind() == System.Text.Json.JsonValueKind.Number ? block["limit"]!.GetValue<int>() : (int?)null;
                blocks.Add(new TemplateBlockSpec(block["label"]!.GetValue<string>(), value, limit));
            }
        }
        return (name, blocks, null);
    }
}
