using System.Text.Json;
using Mirix.Agents.Runs;
using Mirix.Agents.Tools;
using Mirix.Core.Agents;

namespace Mirix.Agents.Tests;

public sealed class ToolCatalogTests
{
    [Fact]
    public void Schemas_are_generated_in_snake_case_with_every_item_field()
    {
        var insert = ToolCatalog.For(AgentTypes.Episodic).Single(t => t.Name == "episodic_memory_insert");
        var item = insert.Declaration.JsonSchema.GetProperty("properties").GetProperty("items").GetProperty("items").GetProperty("properties");
        Assert.Equal(["actor", "details", "event_type", "occurred_at", "summary"], item.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["items"], insert.Parameters);
        Assert.Contains("occurred_at", AgentTool.ItemFields<EpisodicInput>());
        Assert.Equal(JsonValueKind.Array, ToolCatalog.Trigger.Declaration.JsonSchema.GetProperty("properties").GetProperty("memory_types").GetProperty("type").ValueKind == JsonValueKind.String
            ? JsonValueKind.Array : JsonValueKind.Undefined);
    }

    [Fact]
    public void Each_agent_gets_its_own_tools_plus_search_and_finish()
    {
        Assert.Equal(["trigger_memory_update", "finish_memory_update"], ToolCatalog.For(AgentTypes.Meta).Select(t => t.Name));
        var semantic = ToolCatalog.For(AgentTypes.Semantic).Select(t => t.Name).ToList();
        Assert.Equal(["semantic_memory_insert", "semantic_memory_update", "check_semantic_memory", "search_in_memory", "list_memory_within_timerange", "finish_memory_update"], semantic);
        Assert.DoesNotContain(ToolCatalog.For(AgentTypes.Core), t => t.Name.StartsWith("episodic", StringComparison.Ordinal));
        Assert.False(ToolCatalog.IsMemoryAgent(AgentTypes.Reflexion));
        Assert.True(ToolCatalog.IsMemoryAgent(AgentTypes.KnowledgeVault));
    }

    [Theory]
    [InlineData("episodic", "episodic")]
    [InlineData("Knowledge Vault", "knowledge_vault")]
    [InlineData("knowledge", "knowledge_vault")]
    [InlineData("semantic_memory", "semantic")]
    [InlineData("procedural_memory_agent", "procedural")]
    [InlineData(" Core ", "core")]
    public void Routed_type_names_are_normalised(string given, string expected) => Assert.Equal(expected, AgentLoop.NormalizeType(given));
}
