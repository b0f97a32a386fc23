using Mirix.Agents.Prompts;
using Mirix.Core.Agents;
using Mirix.Core.Domain;

namespace Mirix.Agents.Tests;

public sealed class AgentPromptsTests
{
    private static readonly DateTime Now = new(2026, 5, 3, 8, 30, 0, DateTimeKind.Utc);

    private static SemanticItem Semantic(string id, string name) => new() { Id = id, OrganizationId = "o", UserId = "u", Name = name, Summary = name + " summary", Details = "" };

    [Fact]
    public void Ids_are_shown_only_to_the_agent_that_owns_the_type()
    {
        var items = new MemoryItem[] { Semantic("sem-1", "Ana") };
        var owner = AgentPrompts.MemoryBlock(new MemorySnapshot([], [new MemorySection("semantic", 1, items, [], ShowIds: true)]), TimeZoneInfo.Utc);
        var other = AgentPrompts.MemoryBlock(new MemorySnapshot([], [new MemorySection("semantic", 1, items, [], ShowIds: false)]), TimeZoneInfo.Utc);
        Assert.Contains("[ID: sem-1] Ana: Ana summary", owner, StringComparison.Ordinal);
        Assert.DoesNotContain("sem-1", other, StringComparison.Ordinal);
        Assert.Contains("[1] Ana: Ana summary", other, StringComparison.Ordinal);
    }

    [Fact]
    public void Relevant_items_already_listed_as_recent_are_not_repeated()
    {
        var ana = Semantic("sem-1", "Ana");
        var text = AgentPrompts.MemoryBlock(new MemorySnapshot([], [new MemorySection("semantic", 2, [ana], [ana, Semantic("sem-2", "Bo")], true)]), TimeZoneInfo.Utc);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "sem-1"));
        Assert.Contains("[ID: sem-2]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void High_sensitivity_secrets_are_never_shown()
    {
        var secret = new KnowledgeVaultItem { Id = "kv-1", OrganizationId = "o", UserId = "u", EntryType = "password", Sensitivity = "high", SecretValue = "hunter2", Caption = "Bank password" };
        var phone = new KnowledgeVaultItem { Id = "kv-2", OrganizationId = "o", UserId = "u", EntryType = "phone", Sensitivity = "low", SecretValue = "555 0100", Caption = "Dentist" };
        Assert.DoesNotContain("hunter2", MemoryLines.Line(secret, TimeZoneInfo.Utc), StringComparison.Ordinal);
        Assert.Equal("(hidden)", MemoryLines.Detail(secret)["secret_value"]!.GetValue<string>());
        Assert.Contains("555 0100", MemoryLines.Line(phone, TimeZoneInfo.Utc), StringComparison.Ordinal);
    }

    [Fact]
    public void The_system_prompt_keeps_the_stored_prompt_adds_the_protocol_time_and_blocks()
    {
        var block = new Block { Id = "b", OrganizationId = "o", UserId = "u", Label = "human", Value = new string('x', 2500), Limit = 5000 };
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Lisbon");
        var text = AgentPrompts.System(AgentTypes.Meta, "CLIENT PROMPT", new MemorySnapshot([block], []), Now, zone);
        Assert.StartsWith("CLIENT PROMPT", text, StringComparison.Ordinal);
        Assert.Contains("trigger_memory_update", text, StringComparison.Ordinal);
        Assert.Contains("Current time: 2026-05-03 09:30", text, StringComparison.Ordinal); // Lisbon is UTC+1 in May
        Assert.Contains("<human characters=\"2500/5000\" (50% full)>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_carries_the_topics_and_the_conversation()
    {
        var text = AgentPrompts.Content("[USER] hello", "Ana;May");
        Assert.Equal("Topics: Ana;May\nNew content to file into memory:\n<content>\n[USER] hello\n</content>", text.ReplaceLineEndings("\n"));
    }
}
