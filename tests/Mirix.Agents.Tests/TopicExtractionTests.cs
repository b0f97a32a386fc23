using System.Text.Json;
using Microsoft.Extensions.AI;
using Mirix.Agents.Chat;
using Mirix.Agents.Retrieval;
using Mirix.Core.Domain;
using Mirix.Core.Retrieval;

namespace Mirix.Agents.Tests;

public sealed class TopicExtractionTests
{
    private static ChatResponse Called(string name, Dictionary<string, object?> arguments) =>
        new(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c1", name, arguments)]));

    [Fact]
    public void The_request_forces_the_topic_tool_and_carries_the_conversation()
    {
        var (messages, options) = TopicExtraction.Request("  [USER] What did Ana do yesterday?  ");

        var forced = Assert.IsType<RequiredChatToolMode>(options.ToolMode);
        Assert.Equal(TopicExtraction.ToolName, forced.RequiredFunctionName);
        Assert.Equal(TopicExtraction.ToolName, Assert.Single(options.Tools!).Name);
        Assert.Equal("<conversation>\n[USER] What did Ana do yesterday?\n</conversation>", messages[1].Text);
    }

    [Fact]
    public void Topics_are_trimmed_deduplicated_and_capped_and_an_empty_time_is_none()
    {
        var read = TopicExtraction.Read(Called(TopicExtraction.ToolName, new()
        {
            ["topic"] = JsonSerializer.SerializeToElement(" Ana ; birthday;ana, gifts;a;b;c;d;e;f;g "),
            ["temporal_expression"] = JsonSerializer.SerializeToElement("  "),
        }));

        Assert.NotNull(read);
        Assert.Equal("Ana;birthday;gifts;a;b;c;d;e", read.Topics);
        Assert.Null(read.TemporalExpression);
    }

    [Fact]
    public void A_list_of_topics_is_read_and_a_missing_or_empty_call_gives_nothing()
    {
        var list = TopicExtraction.Read(Called(TopicExtraction.ToolName, new()
        {
            ["topic"] = JsonSerializer.SerializeToElement(new[] { "Porto", "marathon" }),
            ["temporal_expression"] = "last week",
        }));
        Assert.Equal("Porto;marathon", list!.Topics);
        Assert.Equal("last week", list.TemporalExpression);

        Assert.Null(TopicExtraction.Read(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Ana and birthdays"))));
        Assert.Null(TopicExtraction.Read(Called("something_else", new() { ["topic"] = "x" })));
        Assert.Null(TopicExtraction.Read(Called(TopicExtraction.ToolName, new() { ["topic"] = " " })));
    }

    [Fact]
    public void The_chat_prompt_holds_the_relevant_memories_and_core_blocks_but_never_a_secret()
    {
        var system = ChatPrompts.System("You are helpful.",
            [new Block { Id = "b", OrganizationId = "o", UserId = "u", Label = "human", Value = "Name: Rita" }],
            [("semantic", new SemanticItem { Id = "s", OrganizationId = "o", UserId = "u", Name = "Ana", Summary = "Sister" }),
             ("knowledge_vault", new KnowledgeVaultItem { Id = "k", OrganizationId = "o", UserId = "u", Caption = "Bank PIN", SecretValue = "4321", Sensitivity = "high", EntryType = "pin", Source = "chat" })],
            new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc), TimeZoneInfo.Utc);

        Assert.StartsWith("You are helpful.", system, StringComparison.Ordinal);
        Assert.Contains("<human>\nName: Rita\n</human>", system.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("- [semantic] Ana: Sister", system, StringComparison.Ordinal);
        Assert.Contains("Bank PIN", system, StringComparison.Ordinal);
        Assert.DoesNotContain("4321", system, StringComparison.Ordinal);
        Assert.Contains("(none found for this turn)", ChatPrompts.System("x", [], [], DateTime.UtcNow, TimeZoneInfo.Utc), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_identical_queries_share_one_embedding_and_a_failure_is_not_kept()
    {
        using var cache = new QueryEmbeddingCache();
        var calls = 0;
        var gate = new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<float[]> Embed()
        {
            Interlocked.Increment(ref calls);
            return gate.Task;
        }

        var waiting = Enumerable.Range(0, 20).Select(_ => cache.GetOrAddAsync("m", "where does Ana live", Embed)).ToList();
        gate.SetResult([1f, 2f]);
        var vectors = await Task.WhenAll(waiting);

        Assert.Equal(1, calls);
        Assert.All(vectors, v => Assert.Equal(new[] { 1f, 2f }, v));
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrAddAsync("m", "broken", () => Task.FromException<float[]>(new InvalidOperationException("down"))));
        var retried = await cache.GetOrAddAsync("m", "broken", () => Task.FromResult<float[]>([3f]));
        Assert.Equal(3f, Assert.Single(retried));
    }
}
