using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Storage;
using Mirix.IntegrationTests.Api;
using Mirix.IntegrationTests.Infrastructure;
using Mirix.IntegrationTests.Ingestion;
using Mirix.ScriptedLlm;

namespace Mirix.IntegrationTests.Agents;

/// <summary>
/// /memory/add through the meta memory agent and the memory agents, against the scripted model server over HTTP:
/// SQLite with the in-process queue, PostgreSQL with Redis Streams.
/// </summary>
public abstract class AgentIngestionTests(AgentApiFactory api)
{
    private const string Birthday = "My sister Ana's birthday is on 3 May.";

    private ScriptedLlmServer Llm => api.Llm;

    private sealed record Writer(TenantClient Client, string MetaId, string UserId) : IDisposable
    {
        public HttpClient Http => Client.Http;

        public void Dispose() => Client.Dispose();
    }

    private async Task<Writer> WriterAsync(string name, string scope = "notes", params string[] readScopes)
    {
        Llm.Reset();
        var org = await api.Tenants.CreateOrganizationAsync(name);
        var client = await api.Tenants.CreateClientAsync(org, scope, readScopes.Length == 0 ? [scope] : readScopes);
        var meta = (await client.Http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig()))!["id"]!.GetValue<string>();
        await client.Http.PostJsonAsync("/users/create_or_get", new { user_id = "alice", name = "alice" });
        return new Writer(client, meta, "alice");
    }

    private static async Task<JsonNode> AddAsync(Writer writer, string text, string? status = "succeeded")
    {
        var queued = (await writer.Http.PostJsonAsync("/memory/add", new
        {
            user_id = writer.UserId,
            meta_agent_id = writer.MetaId,
            messages = new object[] { new { role = "user", content = new[] { new { type = "text", text } } } },
            chaining = true,
        }))!;
        Assert.Equal("agents", queued["mode"]!.GetValue<string>());
        Assert.Equal("an LLM is configured", queued["mode_reason"]!.GetValue<string>());
        return await OperationPolling.WaitForAsync(writer.Http, queued["operation_id"]!.GetValue<string>(), status!, "dead_lettered");
    }

    private async Task<(int Episodic, int Semantic)> CountAsync(string organizationId)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        return (await db.EpisodicEvents.CountAsync(e => e.OrganizationId == organizationId),
            await db.SemanticItems.CountAsync(e => e.OrganizationId == organizationId));
    }

    [Fact]
    public async Task Add_files_typed_memories_in_k_plus_one_calls_with_provenance_and_they_are_searchable()
    {
        using var writer = await WriterAsync("agents-basic");
        var operation = await AddAsync(writer, Birthday);

        var result = operation["result"]!;
        Assert.Equal("agents", result["mode"]!.GetValue<string>());
        Assert.Equal(["episodic", "semantic"], result["routed_types"]!.AsArray().Select(t => t!.GetValue<string>()).Order());
        Assert.Equal(3, result["llm_calls"]!.GetValue<int>()); // k + 1 for k = 2
        Assert.Equal(3, Llm.Calls.Count);
        Assert.Empty(result["failures"]!.AsArray());
        var semanticId = Assert.Single(result["memories"]!["semantic"]!.AsArray())!.GetValue<string>();
        Assert.Single(result["memories"]!["episodic"]!.AsArray());

        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
            var item = await db.SemanticItems.AsNoTracking().SingleAsync(s => s.Id == semanticId);
            Assert.Equal("Ana", item.Name);
            Assert.Equal(writer.MetaId, item.AgentId);
            Assert.Equal(writer.Client.ClientId, item.ClientId);
            Assert.Equal("notes", item.Scope);
            var messageIds = result["message_ids"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
            Assert.Equal(messageIds, item.SourceMessageIds);
            Assert.Equal(3, await db.Steps.CountAsync(s => s.OrganizationId == writer.Client.OrganizationId && s.TotalTokens > 0));
        }

        var found = (await writer.Http.GetJsonAsync("/memory/search?user_id=alice&memory_type=all&search_method=bm25&query=Ana%20birthday"))!["results"]!.AsArray();
        Assert.Contains(found, r => r!["memory_type"]!.GetValue<string>() == "semantic");
        Assert.Contains(found, r => r!["memory_type"]!.GetValue<string>() == "episodic");
    }

    [Fact]
    public async Task Memory_agents_call_the_model_concurrently()
    {
        using var writer = await WriterAsync("agents-concurrent");
        Llm.Latency = TimeSpan.FromMilliseconds(400);
        try
        {
            var operation = await AddAsync(writer, Birthday + " Her phone is 555 123 4567.");
            Assert.Equal(3, operation["result"]!["routed_types"]!.AsArray().Count);
            Assert.Equal(4, operation["result"]!["llm_calls"]!.GetValue<int>());
            Assert.True(Llm.MaxInFlight >= 2, $"at most {Llm.MaxInFlight} model call(s) were in flight at once");
        }
        finally
        {
            Llm.Latency = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Rate_limits_and_hung_calls_are_retried_within_the_attempt()
    {
        using var writer = await WriterAsync("agents-retry");
        Llm.Enqueue(new LlmFault(LlmFaultKind.RateLimited, "trigger_memory_update", RetryAfterSeconds: 1),
            new LlmFault(LlmFaultKind.Hang, "semantic_memory_insert"));

        var operation = await AddAsync(writer, Birthday);

        Assert.Equal(1, operation["attempts"]!.GetValue<int>());
        // 3 answered, one rate-limited, one abandoned after the time-out (more only if a slow machine timed out another).
        Assert.True(Llm.Calls.Count >= 5, $"{Llm.Calls.Count} calls");
        var calls = Llm.Calls.ToList();
        var metaCalls = calls.Where(c => c.IsMeta).ToList();
        Assert.True(metaCalls.Count >= 2, $"{metaCalls.Count} routing calls");
        if (api.RetryAfterVisible)
        {
            Assert.True(metaCalls[1].At - metaCalls[0].At >= TimeSpan.FromSeconds(0.9), "the retry waited for Retry-After");
        }
        Assert.Single(operation["result"]!["memories"]!["semantic"]!.AsArray());
    }

    [Fact]
    public async Task A_failure_between_memory_agents_keeps_nothing_and_the_retry_writes_each_memory_once()
    {
        using var writer = await WriterAsync("agents-crash");
        // The semantic agent's call fails every try of the first attempt, after the episodic agent has staged its event.
        Llm.Enqueue(Enumerable.Repeat(new LlmFault(LlmFaultKind.ServerError, "semantic_memory_insert"), 3).ToArray());

        var operation = await AddAsync(writer, Birthday);

        Assert.Equal(2, operation["attempts"]!.GetValue<int>());
        Assert.Equal((1, 1), await CountAsync(writer.Client.OrganizationId));
    }

    [Fact]
    public async Task A_model_that_only_answers_text_fails_visibly()
    {
        using var writer = await WriterAsync("agents-text");
        Llm.Enqueue(Enumerable.Repeat(new LlmFault(LlmFaultKind.Text, "trigger_memory_update"), 4).ToArray());

        var operation = await AddAsync(writer, Birthday, status: "dead_lettered");

        Assert.Equal("dead_lettered", operation["status"]!.GetValue<string>());
        Assert.Contains("answered in text twice", operation["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((0, 0), await CountAsync(writer.Client.OrganizationId));
    }

    [Fact]
    public async Task A_text_answer_is_asked_once_more_for_a_tool_call()
    {
        using var writer = await WriterAsync("agents-reask");
        Llm.Enqueue(new LlmFault(LlmFaultKind.Text, "semantic_memory_insert"));

        var operation = await AddAsync(writer, Birthday);

        var semantic = operation["result"]!["agents"]!.AsArray().Single(a => a!["agent_type"]!.GetValue<string>() == "semantic_memory_agent")!;
        Assert.Equal(2, semantic["llm_calls"]!.GetValue<int>());
        Assert.Equal(4, operation["result"]!["llm_calls"]!.GetValue<int>());
        Assert.Single(operation["result"]!["memories"]!["semantic"]!.AsArray());
    }

    [Fact]
    public async Task Malformed_arguments_come_back_as_a_failure_the_model_corrects()
    {
        using var writer = await WriterAsync("agents-malformed");
        Llm.Enqueue(new LlmFault(LlmFaultKind.MalformedArguments, "semantic_memory_insert"));

        var operation = await AddAsync(writer, Birthday);

        var semantic = operation["result"]!["agents"]!.AsArray().Single(a => a!["agent_type"]!.GetValue<string>() == "semantic_memory_agent")!;
        var tools = semantic["tool_calls"]!.AsArray();
        Assert.Equal("Failed", tools[0]!["status"]!.GetValue<string>());
        Assert.Equal("OK", tools[1]!["status"]!.GetValue<string>());
        Assert.Single(operation["result"]!["memories"]!["semantic"]!.AsArray());
        Assert.NotEmpty(operation["result"]!["failures"]!.AsArray());
    }

    [Fact]
    public async Task Prompts_show_only_memories_the_writing_client_may_read()
    {
        using var writer = await WriterAsync("agents-scopes");
        using var other = await api.Tenants.CreateClientAsync(writer.Client.OrganizationId, "private", "private");
        await other.Http.PostJsonAsync("/memory/semantic", new { user_id = "alice", items = new[] { new { name = "Zephyrine", summary = "PRIVATEFACT codename", details = "hidden" } } });
        await writer.Http.PostJsonAsync("/memory/semantic", new { user_id = "alice", items = new[] { new { name = "Bartholomew", summary = "SHAREDFACT cousin", details = "visible" } } });

        await AddAsync(writer, Birthday);

        var calls = Llm.Calls.ToList();
        Assert.All(calls, c => Assert.DoesNotContain("PRIVATEFACT", c.System, StringComparison.Ordinal));
        var meta = calls.Single(c => c.IsMeta);
        var semantic = calls.Single(c => c.Tools.Contains("semantic_memory_insert"));
        Assert.Contains("SHAREDFACT", meta.System, StringComparison.Ordinal);
        Assert.Contains("SHAREDFACT", semantic.System, StringComparison.Ordinal);
        Assert.DoesNotContain("[ID: ", meta.System, StringComparison.Ordinal); // ids only for the agent owning the type
        Assert.Contains("[ID: sem", semantic.System, StringComparison.Ordinal);
        Assert.Contains("Topics: Ana", semantic.User, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Updates_and_merges_keep_the_old_rows_as_history_that_reads_skip()
    {
        using var writer = await WriterAsync("agents-supersede");
        var first = (await AddAsync(writer, Birthday))["result"]!["memories"]!;
        var oldSemantic = first["semantic"]![0]!.GetValue<string>();
        var oldEvent = first["episodic"]![0]!.GetValue<string>();
        Llm.Override = call =>
        {
            var ids = System.Text.RegularExpressions.Regex.Matches(call.System, @"\[ID: ([^\]]+)\]").Select(m => m.Groups[1].Value).ToList();
            if (call.Tools.Contains("semantic_memory_update"))
            {
                return ("semantic_memory_update", new JsonObject
                {
                    ["old_semantic_item_ids"] = new JsonArray(ids[0]),
                    ["new_items"] = new JsonArray(new JsonObject { ["name"] = "Ana", ["summary"] = "Ana's birthday is on 4 May", ["details"] = "corrected by the user", ["source"] = "conversation" }),
                });
            }
            return call.Tools.Contains("episodic_memory_merge")
                ? ("episodic_memory_merge", new JsonObject { ["event_id"] = ids[0], ["combined_summary"] = "Ana's birthday, corrected to 4 May" })
                : null;
        };

        var second = (await AddAsync(writer, "Correction: my sister Ana's birthday is on 4 May."))["result"]!["memories"]!;

        var newSemantic = Assert.Single(second["semantic"]!.AsArray())!.GetValue<string>();
        var newEvent = Assert.Single(second["episodic"]!.AsArray())!.GetValue<string>();
        Assert.NotEqual(oldSemantic, newSemantic);
        var current = (await writer.Http.GetJsonAsync("/memory/search?user_id=alice&memory_type=semantic&search_method=bm25&query=Ana"))!["results"]!.AsArray();
        Assert.Equal([newSemantic], current.Select(r => r!["id"]!.GetValue<string>()));
        var withHistory = (await writer.Http.GetJsonAsync("/memory/search?user_id=alice&memory_type=semantic&search_method=bm25&query=Ana&include_superseded=true"))!["results"]!.AsArray();
        Assert.Equal(2, withHistory.Count);

        foreach (var id in new[] { oldSemantic, newSemantic })
        {
            var history = (await writer.Http.GetJsonAsync($"/memory/semantic/{id}/history"))!["history"]!.AsArray();
            Assert.Equal([oldSemantic, newSemantic], history.Select(v => v!["memory"]!["id"]!.GetValue<string>()));
            Assert.Equal(newSemantic, history[0]!["superseded_by_id"]!.GetValue<string>());
            Assert.Equal("superseded", history[0]!["last_modify_operation"]!.GetValue<string>());
            Assert.Null(history[1]!["superseded_at"]);
        }
        var events = (await writer.Http.GetJsonAsync($"/memory/episodic/{newEvent}/history"))!["history"]!.AsArray();
        Assert.Equal([oldEvent, newEvent], events.Select(v => v!["memory"]!["id"]!.GetValue<string>()));
        Assert.Equal("Ana's birthday, corrected to 4 May", events[1]!["memory"]!["summary"]!.GetValue<string>());

        // Another organization cannot read the chain.
        var stranger = await api.Tenants.CreateClientAsync(await api.Tenants.CreateOrganizationAsync("agents-stranger"), "notes", "notes");
        using (stranger)
        {
            using var hidden = await stranger.Http.GetAsync(new Uri($"/memory/semantic/{newSemantic}/history", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, hidden.StatusCode);
        }
    }

    [Fact]
    public async Task Images_reach_every_agent_of_a_model_that_reads_them()
    {
        using var writer = await WriterAsync("agents-images");
        var queued = (await writer.Http.PostJsonAsync("/memory/add", new
        {
            user_id = writer.UserId,
            meta_agent_id = writer.MetaId,
            messages = new object[]
            {
                new
                {
                    role = "user",
                    content = new object[]
                    {
                        new { type = "text", text = Birthday + " Here is her photo." },
                        new { type = "image_url", image_url = new { url = "https://example.org/ana.png" } },
                        new { type = "image_url", image_url = new { url = "data:image/png;base64,iVBORw0KGgo=" } },
                    },
                },
            },
        }))!;
        var operation = await OperationPolling.WaitForAsync(writer.Http, queued["operation_id"]!.GetValue<string>(), "succeeded");

        var calls = Llm.Calls.ToList();
        Assert.Equal(operation["result"]!["llm_calls"]!.GetValue<int>(), calls.Count);
        Assert.True(calls.Count >= 3);
        Assert.All(calls, c => Assert.Equal(2, c.Images));
    }

    [Fact]
    public async Task A_fact_added_again_in_other_words_is_skipped_and_a_same_named_item_is_checked()
    {
        using var writer = await WriterAsync("agents-dedupe");
        await AddAsync(writer, Birthday);

        var again = (await AddAsync(writer, "My sister Ana's birthday is on 3 May!"))["result"]!;
        Assert.Empty(again["memories"]!.AsObject());
        Assert.Equal(3, again["llm_calls"]!.GetValue<int>());
        Assert.Contains("Skipped 1 already stored", again.ToJsonString(), StringComparison.Ordinal);

        var pilot = (await AddAsync(writer, "My sister Ana works as a pilot."))["result"]!;
        var semantic = pilot["agents"]!.AsArray().Single(a => a!["agent_type"]!.GetValue<string>() == "semantic_memory_agent")!;
        Assert.Equal(2, semantic["llm_calls"]!.GetValue<int>()); // the insert resembled a stored item: one more look
        Assert.Contains("resembles stored", semantic["tool_calls"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(pilot["memories"]!["semantic"]!.AsArray());
        Assert.Equal((1, 2), await CountAsync(writer.Client.OrganizationId));
    }

    [Fact]
    public async Task An_agent_can_list_the_events_of_a_period_before_writing()
    {
        using var writer = await WriterAsync("agents-timerange");
        await AddAsync(writer, Birthday);
        var episodicCalls = 0;
        Llm.Override = call => call.Tools.Contains("episodic_memory_insert") && Interlocked.Increment(ref episodicCalls) == 1
            ? ("list_memory_within_timerange", new JsonObject { ["memory_type"] = "episodic", ["start_time"] = "2026-05-01 00:00:00", ["end_time"] = "2026-05-31 23:59:59" })
            : null;

        var operation = await AddAsync(writer, "Yesterday my sister Ana planned a picnic for her birthday.");

        var episodic = operation["result"]!["agents"]!.AsArray().Single(a => a!["agent_type"]!.GetValue<string>() == "episodic_memory_agent")!;
        var listed = episodic["tool_calls"]![0]!;
        Assert.Equal("list_memory_within_timerange", listed["name"]!.GetValue<string>());
        Assert.Equal("OK", listed["status"]!.GetValue<string>());
        Assert.Contains("Ana's birthday", listed["message"]!.GetValue<string>(), StringComparison.Ordinal); // the event stored by the first add
        Assert.Equal(2, episodic["llm_calls"]!.GetValue<int>()); // what it read went back to the model, which then wrote
    }

    [Fact]
    public async Task A_chat_prompt_holds_the_relevant_memories_of_each_type_the_user_holds_and_only_theirs()
    {
        using var writer = await WriterAsync("chat-prompt-types");
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "bob", name = "bob" });
        await writer.Http.PostJsonAsync("/memory/semantic", new { user_id = "alice", items = new[] { new { name = "Ana", summary = "The user's sister, a cellist", details = "Ana plays the cello in Porto" } } });
        await writer.Http.PostJsonAsync("/memory/procedural", new { user_id = "alice", items = new[] { new { summary = "Cello restringing for Ana", steps = new[] { "loosen the pegs", "fit the new strings" } } } });
        var agentId = (await writer.Http.PostJsonAsync("/agents", new { name = "helper", agent_type = "chat_agent" }))!["id"]!.GetValue<string>();

        string SystemPrompt() => Llm.Calls.First(c => c.IsChat).System;
        // Each turn is queued for memory; waiting for it keeps its model calls out of the next turn and the next test.
        async Task AskAsync(string userId)
        {
            using var answer = await writer.Http.PostAsJsonAsync($"/agents/{agentId}/messages", new { message = "How do I restring Ana's cello?", role = "user", user_id = userId });
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            await OperationPolling.WaitForAsync(writer.Http, answer.Headers.GetValues("X-Operation-Id").Single(), "succeeded", "dead_lettered");
        }

        await AskAsync("alice");
        Assert.Contains("Ana: The user's sister, a cellist", SystemPrompt(), StringComparison.Ordinal);
        Assert.Contains("Cello restringing for Ana", SystemPrompt(), StringComparison.Ordinal);

        Llm.Reset();
        await AskAsync("bob");
        Assert.DoesNotContain("cello", SystemPrompt(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_names_the_configured_model()
    {
        using var http = api.CreateClient();
        var health = (await http.GetJsonAsync("/health"))!;
        Assert.Contains("scripted-model", health.ToJsonString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteAgentIngestionTests(SqliteAgentApiFactory api) : AgentIngestionTests(api), IClassFixture<SqliteAgentApiFactory>;

public sealed class PostgresAgentIngestionTests(PostgresAgentApiFactory api) : AgentIngestionTests(api), IClassFixture<PostgresAgentApiFactory>;

/// <summary>The same behaviour on Anthropic's Messages API, through its official SDK.</summary>
public sealed class AnthropicAgentIngestionTests(AnthropicAgentApiFactory api) : AgentIngestionTests(api), IClassFixture<AnthropicAgentApiFactory>;

/// <summary>The embedded default without an LLM: raw mode, and the answer says so.</summary>
public sealed class NoLlmIngestionTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task Add_without_an_llm_runs_raw_and_says_why()
    {
        var org = await api.Tenants.CreateOrganizationAsync("no-llm");
        using var writer = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        var meta = (await writer.Http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig()))!["id"]!.GetValue<string>();
        var queued = (await writer.Http.PostJsonAsync("/memory/add", new
        {
            user_id = "bob",
            meta_agent_id = meta,
            messages = new object[] { new { role = "user", content = "I keep bees on the roof." } },
        }))!;
        Assert.Equal("raw", queued["mode"]!.GetValue<string>());
        Assert.Contains("no LLM is configured", queued["mode_reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var operation = await OperationPolling.WaitForAsync(writer.Http, queued["operation_id"]!.GetValue<string>(), "succeeded");
        Assert.Contains("no LLM is configured", operation["result"]!["mode_reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var rawId = operation["result"]!["raw_memory_ids"]![0]!.GetValue<string>();

        // The SDK's add → search → retrieve round trip finds what was added.
        var found = (await writer.Http.GetJsonAsync("/memory/search?user_id=bob&memory_type=all&search_method=bm25&query=bees"))!["results"]!.AsArray();
        Assert.Contains(found, r => r!["memory_type"]!.GetValue<string>() == "raw" && r["id"]!.GetValue<string>() == rawId);
        var topic = (await writer.Http.GetJsonAsync("/memory/retrieve/topic?user_id=bob&topic=bees;roof"))!["memories"]!["raw"]!;
        Assert.Equal(1, topic["total_count"]!.GetValue<int>());
        Assert.Equal(rawId, topic["items"]![0]!["id"]!.GetValue<string>());
        var components = (await writer.Http.GetJsonAsync("/memory/components?user_id=bob&memory_type=all"))!["memories"]!["raw"]!;
        Assert.Equal(rawId, components["items"]![0]!["id"]!.GetValue<string>());

        using var refused = await writer.Http.PostAsync(new Uri("/memory/add", UriKind.Relative), JsonContent.Create(new
        {
            user_id = "bob",
            meta_agent_id = meta,
            messages = new object[] { new { role = "user", content = "x" } },
            mode = "agents",
        }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);

        var health = (await writer.Http.GetJsonAsync("/health"))!;
        Assert.Contains("not configured", health.ToJsonString(), StringComparison.Ordinal);
    }
}
