using System.Text.Json.Nodes;

namespace Mirix.IntegrationTests.Api;

/// <summary>What the MIRIX Python SDK sends and how strictly it parses the answers (shared/reference/mirix-python-client.md §5).</summary>
internal static class SdkContract
{
    /// <summary>AgentState is parsed with extra="forbid": these are the only keys it may carry.</summary>
    public static readonly HashSet<string> AgentStateKeys =
    [
        "id", "name", "system", "agent_type", "llm_config", "embedding_config", "tools", "created_by_id", "last_updated_by_id",
        "created_at", "updated_at", "tool_rules", "message_ids", "organization_id", "description", "parent_id", "children", "mcp_tools",
    ];

    public static readonly string[] AgentStateRequired = ["id", "name", "system", "agent_type", "llm_config", "embedding_config", "tools"];

    public static readonly HashSet<string> AgentTypes =
    [
        "chat_agent", "coder_agent", "reflexion_agent", "background_agent", "episodic_memory_agent", "procedural_memory_agent",
        "resource_memory_agent", "knowledge_vault_memory_agent", "meta_memory_agent", "semantic_memory_agent", "core_memory_agent", "auto_dream_agent",
    ];

    /// <summary>The README-style config the SDK's acceptance driver sends to /agents/meta/initialize.</summary>
    public static object MetaConfig(bool updateAgents = false, params object[] agents) => new
    {
        config = new
        {
            llm_config = new { model = "gpt-4o-mini", model_endpoint_type = "openai", model_endpoint = "https://api.openai.com/v1", context_window = 128000 },
            embedding_config = new
            {
                embedding_model = "text-embedding-3-small", embedding_endpoint_type = "openai",
                embedding_endpoint = "https://api.openai.com/v1", embedding_dim = 1536,
            },
            meta_agent_config = new
            {
                agents = agents.Length > 0 ? agents : new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["core_memory_agent"] = new { blocks = new object[] { new { label = "human", value = "" }, new { label = "persona", value = "I am a helpful assistant." } } },
                    },
                    "resource_memory_agent", "semantic_memory_agent", "episodic_memory_agent", "procedural_memory_agent", "knowledge_vault_memory_agent",
                },
            },
        },
        update_agents = updateAgents,
    };

    public static void AssertAgentState(JsonNode? node)
    {
        var state = Assert.IsType<JsonObject>(node);
        foreach (var (key, _) in state)
        {
            Assert.Contains(key, AgentStateKeys);
        }
        foreach (var key in AgentStateRequired)
        {
            Assert.True(state[key] is not null, $"AgentState lacks {key}");
        }
        Assert.Contains(state["agent_type"]!.GetValue<string>(), AgentTypes);
        Assert.IsType<JsonArray>(state["tools"]);
        foreach (var child in state["children"] as JsonArray ?? [])
        {
            AssertAgentState(child);
        }
    }
}
