using Mirix.Agents.Prompts;
using Mirix.Agents.Tools;
using Mirix.Core.Domain;
using Mirix.Core.Ingestion;

namespace Mirix.Agents.Tests;

public sealed class DreamPromptsTests
{
    [Fact]
    public void Each_mode_gets_only_the_rewriting_tools_of_its_components()
    {
        var experience = ToolCatalog.ForDream(AutoDream.Modes["experience"]).Select(t => t.Name).ToList();

        Assert.Contains("episodic_memory_replace", experience);
        Assert.Contains("semantic_memory_update", experience);
        Assert.Contains("knowledge_vault_update", experience);
        Assert.Contains(ToolCatalog.FinishMemoryUpdate, experience);
        Assert.DoesNotContain(experience, n => n.EndsWith("_insert", StringComparison.Ordinal));
        Assert.DoesNotContain("procedural_memory_update", experience);
        Assert.Equal(["core_memory_rewrite", ToolCatalog.SearchInMemory, ToolCatalog.FinishMemoryUpdate], ToolCatalog.ForDream(AutoDream.Modes["core"]).Select(t => t.Name));
    }

    [Fact]
    public void The_content_lists_every_item_with_its_id_and_never_a_secret()
    {
        var items = new Dictionary<string, IReadOnlyList<MemoryItem>>
        {
            ["semantic"] = [new SemanticItem { Id = "sem_a", OrganizationId = "o", UserId = "u", Name = "Ana", Summary = "Sister", CreatedAt = new DateTime(2026, 11, 2, 9, 30, 0) }],
            ["knowledge_vault"] = [new KnowledgeVaultItem { Id = "kv_b", OrganizationId = "o", UserId = "u", Caption = "Bank PIN", SecretValue = "4321", Sensitivity = "high", EntryType = "pin", Source = "chat" }],
        };

        var content = DreamPrompts.Content(items, [new Block { Id = "b", OrganizationId = "o", UserId = "u", Label = "human", Value = "Likes tea." }]);

        Assert.Contains("=== semantic (1 items) ===", content, StringComparison.Ordinal);
        Assert.Contains("\"semantic_item_id\":\"sem_a\"", content, StringComparison.Ordinal);
        Assert.Contains("\"stored_at\":\"2026-11-02 09:30\"", content, StringComparison.Ordinal);
        Assert.Contains("kv_b", content, StringComparison.Ordinal);
        Assert.DoesNotContain("4321", content, StringComparison.Ordinal);
        Assert.Contains("<human characters=\"10/5000\">", content, StringComparison.Ordinal);
    }

    [Fact]
    public void The_system_prompt_names_the_mode_and_the_users_time() =>
        Assert.Contains("(semantic consolidation)", DreamPrompts.System("You consolidate.", "semantic", new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc), TimeZoneInfo.Utc), StringComparison.Ordinal);
}
