using Mirix.Client.AI;
using Mirix.Contracts;

namespace Mirix.Agents.Tests;

/// <summary>How Mirix.Client.AI shows memories to a model in the recall tool's answer.</summary>
public sealed class MemoryTextTests
{
    [Fact]
    public void Each_memory_is_one_line_saying_its_kind_and_events_carry_their_day()
    {
        SearchHit[] hits =
        [
            new SemanticHit("Ana", "The user's sister, lives in Porto", "Teaches piano.", "chat") { Id = "sem_1", Score = 0.9 },
            new EpisodicHit(null, new DateTime(2026, 5, 3, 10, 0, 0, DateTimeKind.Utc), "activity", "user", "Visited Ana", "") { Id = "ep_1" },
            new ProceduralHit("workflow", "Deploy", ["build", "ship"]) { Id = "proc_1" },
            new KnowledgeVaultHit("credential", "user", "high", KnowledgeVaultView.Redacted, "Wi-Fi password") { Id = "kv_1" },
        ];

        var text = MemoryText.Format(hits);

        Assert.Equal(
            "- [fact] Ana: The user's sister, lives in Porto\n- [event 2026-05-03] Visited Ana\n- [how-to] Deploy: build; ship\n- [vault] Wi-Fi password",
            text.ReplaceLineEndings("\n"));
        Assert.DoesNotContain(KnowledgeVaultView.Redacted, text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_memories_say_so_rather_than_leaving_the_model_an_empty_answer()
    {
        Assert.Equal(MemoryText.NothingFound, MemoryText.Format([]));
    }
}
