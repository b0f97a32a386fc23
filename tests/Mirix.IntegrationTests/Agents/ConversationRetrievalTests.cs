using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mirix.IntegrationTests.Api;
using Mirix.IntegrationTests.Infrastructure;
using Mirix.ScriptedLlm;

namespace Mirix.IntegrationTests.Agents;

/// <summary><c>POST /memory/retrieve/conversation</c> against the scripted model: topics and time from one forced call, or the last turns.</summary>
public sealed class ConversationRetrievalTests(SqliteAgentApiFactory api) : IClassFixture<SqliteAgentApiFactory>
{
    private async Task<(TenantClient Client, string Org)> WriterWithMemoriesAsync(string name)
    {
        api.Llm.Reset();
        var org = await api.Tenants.CreateOrganizationAsync(name);
        var client = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        var meta = (await client.Http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig()))!["id"]!.GetValue<string>();
        // Routed to episodic, semantic and the knowledge vault; the scripted episodic agent dates its event 2026-05-03.
        await client.Http.PostJsonAsync("/memory/add_sync", new
        {
            user_id = "alice",
            meta_agent_id = meta,
            messages = new object[] { new { role = "user", content = "My sister Ana's birthday is on 3 May. Her phone is 555 123 4567." } },
        });
        api.Llm.Reset();
        return (client, org);
    }

    private static object Conversation(string text) => new
    {
        user_id = "alice",
        messages = new object[]
        {
            new { role = "user", content = new[] { new { type = "text", text = "Hi there." } } },
            new { role = "assistant", content = new[] { new { type = "text", text = "Hello! How can I help?" } } },
            new { role = "user", content = new[] { new { type = "text", text } } },
        },
        limit = 5,
        local_model_for_retrieval = (string?)null,
    };

    [Fact]
    public async Task One_forced_call_extracts_the_topics_and_hybrid_retrieval_finds_every_type()
    {
        var (writer, _) = await WriterWithMemoriesAsync("conv-basic");
        using var _w = writer;

        var answer = (await writer.Http.PostJsonAsync("/memory/retrieve/conversation", Conversation("What should I get Ana for her birthday?")))!;

        Assert.True(answer["success"]!.GetValue<bool>());
        Assert.Equal("llm", answer["retrieval_method"]!.GetValue<string>());
        Assert.Contains("Ana", answer["topics"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(answer["date_range"]);
        var call = Assert.Single(api.Llm.Calls);
        Assert.Equal([ScriptedAnswers.TopicTool], call.Tools);
        Assert.Contains("[ASSISTANT] Hello! How can I help?", call.User, StringComparison.Ordinal);
        var memories = answer["memories"]!;
        Assert.Contains("Ana", memories["semantic"]!["items"]![0]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(memories["episodic"]!["relevant"]!.AsArray());
        Assert.Equal(1, memories["knowledge_vault"]!["total_count"]!.GetValue<int>());
        Assert.NotNull(memories["core"]);
    }

    [Fact]
    public async Task The_time_the_user_names_limits_events_and_explicit_dates_win()
    {
        var (writer, _) = await WriterWithMemoriesAsync("conv-time");
        using var _w = writer;

        var yesterday = (await writer.Http.PostJsonAsync("/memory/retrieve/conversation", Conversation("What did Ana do yesterday?")))!;
        Assert.Equal("yesterday", yesterday["temporal_expression"]!.GetValue<string>());
        var range = yesterday["date_range"]!;
        var start = range["start"]!.GetValue<DateTime>();
        Assert.Equal(TimeSpan.FromDays(1) - TimeSpan.FromTicks(1), range["end"]!.GetValue<DateTime>() - start);
        Assert.True(DateTime.UtcNow - start.ToUniversalTime() < TimeSpan.FromDays(2.1));
        Assert.Empty(yesterday["memories"]!["episodic"]!["recent"]!.AsArray()); // the event is in May 2026

        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Conversation("What did Ana do yesterday?")))!.AsObject();
        body["start_date"] = "2026-05-01T00:00:00Z";
        body["end_date"] = "2026-05-31T23:59:59Z";
        var explicitRange = (await writer.Http.PostJsonAsync("/memory/retrieve/conversation", body))!;
        Assert.Equal(new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc), explicitRange["date_range"]!["start"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Single(explicitRange["memories"]!["episodic"]!["recent"]!.AsArray());

        body["start_date"] = "2026-06-01T00:00:00Z";
        using var reversed = await writer.Http.PostAsync(new Uri("/memory/retrieve/conversation", UriKind.Relative), JsonContent.Create(body));
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Contains("start_date", await reversed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_model_falls_back_to_the_last_turns_and_says_so()
    {
        var (writer, _) = await WriterWithMemoriesAsync("conv-fallback");
        using var _w = writer;
        api.Llm.Enqueue(Enumerable.Repeat(new LlmFault(LlmFaultKind.ServerError, ScriptedAnswers.TopicTool), 3).ToArray());

        var answer = (await writer.Http.PostJsonAsync("/memory/retrieve/conversation", Conversation("Tell me about my sister Ana")))!;

        Assert.True(answer["success"]!.GetValue<bool>());
        Assert.Equal("last_turns", answer["retrieval_method"]!.GetValue<string>());
        Assert.Contains("500", answer["fallback_reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("sister Ana", answer["topics"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(answer["memories"]!["semantic"]!["items"]!.AsArray());
    }

    [Fact]
    public async Task The_knowledge_vault_honours_read_scopes()
    {
        var (writer, org) = await WriterWithMemoriesAsync("conv-scopes");
        using var _w = writer;
        using var outsider = await api.Tenants.CreateClientAsync(org, "elsewhere", "elsewhere");

        var seen = (await outsider.Http.PostJsonAsync("/memory/retrieve/conversation", Conversation("What is Ana's phone number?")))!["memories"]!;

        Assert.Equal(0, seen["knowledge_vault"]!["total_count"]!.GetValue<int>());
        Assert.Empty(seen["knowledge_vault"]!["items"]!.AsArray());
        Assert.Empty(seen["semantic"]!["items"]!.AsArray());
    }

    [Fact]
    public async Task Messages_that_are_missing_or_malformed_are_a_422()
    {
        var (writer, _) = await WriterWithMemoriesAsync("conv-bad");
        using var _w = writer;
        foreach (var body in new object[] { new { user_id = "alice" }, new { user_id = "alice", messages = new[] { new { role = "wizard", content = "x" } } }, new { messages = Array.Empty<object>(), limit = 0 } })
        {
            using var response = await writer.Http.PostAsync(new Uri("/memory/retrieve/conversation", UriKind.Relative), JsonContent.Create(body));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}

/// <summary>The embedded default without an LLM: the last turns are searched, and the answer says why.</summary>
public sealed class NoLlmConversationRetrievalTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task Without_an_llm_the_last_turns_are_searched()
    {
        var org = await api.Tenants.CreateOrganizationAsync("conv-no-llm");
        using var writer = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        await writer.Http.PostJsonAsync("/memory/add_sync", new
        {
            user_id = "bob",
            mode = "raw",
            messages = new object[] { new { role = "user", content = "I keep bees on the roof." } },
        });

        var answer = (await writer.Http.PostJsonAsync("/memory/retrieve/conversation", new
        {
            user_id = "bob",
            messages = new object[] { new { role = "user", content = new[] { new { type = "text", text = "how are my bees doing" } } } },
        }))!;

        Assert.Equal("last_turns", answer["retrieval_method"]!.GetValue<string>());
        Assert.Contains("no LLM is configured", answer["fallback_reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(answer["memories"]!["raw"]!["items"]!.AsArray());
    }
}
