using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Mirix.IntegrationTests.Api;
using Mirix.IntegrationTests.Infrastructure;
using Mirix.IntegrationTests.Ingestion;
using Mirix.ScriptedLlm;

namespace Mirix.IntegrationTests.Agents;

/// <summary><c>POST /memory/auto_dream</c>: dry runs count, real runs are queued operations that merge through the supersede mechanism.</summary>
public sealed partial class AutoDreamTests(SqliteAgentApiFactory api) : IClassFixture<SqliteAgentApiFactory>
{
    private async Task<(TenantClient Writer, string Org, string[] Ids)> WriterWithDuplicatesAsync(string name)
    {
        api.Llm.Reset();
        var org = await api.Tenants.CreateOrganizationAsync(name);
        var writer = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        await writer.Http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig());
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "alice", name = "alice" });
        var inserted = (await writer.Http.PostJsonAsync("/memory/semantic", new
        {
            user_id = "alice",
            filter_tags = new { project = "family" },
            items = new object[]
            {
                new { name = "Ana", summary = "My sister", details = "Ana is the user's sister." },
                new { name = "Ana Lima", summary = "Sister of the user, lives in Porto", details = "Lives in Porto." },
            },
        }))!;
        return (writer, org, [.. inserted["memories"]!.AsArray().Select(m => m!["id"]!.GetValue<string>())]);
    }

    [Fact]
    public async Task A_dry_run_counts_the_window_without_calling_the_model()
    {
        var (writer, _, _) = await WriterWithDuplicatesAsync("dream-dry");
        using var _w = writer;

        var answer = (await writer.Http.PostJsonAsync("/memory/auto_dream?user_id=alice", new { mode = "experience", dry_run = true }))!;

        Assert.True(answer["dry_run"]!.GetValue<bool>());
        Assert.Equal(2, answer["processed"]!["semantic"]!["total"]!.GetValue<int>());
        Assert.Equal(0, answer["processed"]!["episodic"]!["total"]!.GetValue<int>());
        Assert.Equal(0, answer["processed"]!["knowledge_vault"]!["total"]!.GetValue<int>());
        Assert.Null(answer["last_dream_at"]);
        var start = answer["start_date"]!.GetValue<DateTime>();
        Assert.InRange((DateTime.UtcNow - start.ToUniversalTime()).TotalDays, 29.9, 30.1);
        Assert.Empty(api.Llm.Calls);
    }

    [Fact]
    public async Task A_real_run_merges_duplicates_keeps_history_scope_and_tags_and_writes_a_checkpoint()
    {
        var (writer, _, ids) = await WriterWithDuplicatesAsync("dream-merge");
        using var _w = writer;
        api.Llm.Override = call =>
        {
            if (!call.Tools.Contains("semantic_memory_update") || call.MessageCount > 2)
            {
                return null; // the scripted answer: finish_memory_update
            }
            var shown = SemanticId().Matches(call.User).Select(m => m.Value).Distinct().ToArray();
            return ("semantic_memory_update", new JsonObject
            {
                ["old_semantic_item_ids"] = new JsonArray([.. shown.Select(i => (JsonNode)i)]),
                ["new_items"] = new JsonArray(new JsonObject
                {
                    ["name"] = "Ana Lima", ["summary"] = "The user's sister, lives in Porto", ["details"] = "Ana Lima is the user's sister; she lives in Porto.", ["source"] = "consolidation",
                }),
            });
        };

        using var response = await writer.Http.PostAsJsonAsync("/memory/auto_dream?user_id=alice", new { mode = "semantic" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = (await response.ReadJsonAsync())!;
        var operationId = queued["operation_id"]!.GetValue<string>();
        Assert.Equal($"/memory/operations/{operationId}", response.Headers.Location?.OriginalString);
        var operation = await OperationPolling.WaitForAsync(writer.Http, operationId, "succeeded", "dead_lettered");

        var semantic = operation["result"]!["processed"]!["semantic"]!;
        Assert.Equal(2, semantic["total"]!.GetValue<int>());
        Assert.Equal(2, semantic["merged"]!.GetValue<int>());
        Assert.Equal(0, semantic["removed"]!.GetValue<int>());
        var call = api.Llm.Calls.First(c => c.User.Contains(ids[0], StringComparison.Ordinal));
        Assert.Contains("semantic_memory_update", call.Tools);
        Assert.DoesNotContain("semantic_memory_insert", call.Tools);
        Assert.All(ids, id => Assert.Contains(id, call.User, StringComparison.Ordinal));

        // One current item, still in the writer's scope with the tags readers filter on; the two old ones are its history.
        var current = (await writer.Http.GetJsonAsync("/memory/components?user_id=alice&memory_type=semantic"))!["memories"]!["semantic"]!["items"]!.AsArray();
        var merged = Assert.Single(current)!;
        Assert.Equal("Ana Lima", merged["name"]!.GetValue<string>());
        var tagged = (await writer.Http.GetJsonAsync("/memory/search?user_id=alice&memory_type=semantic&search_method=bm25&query=Porto&filter_tags=" + Uri.EscapeDataString("{\"project\":\"family\"}")))!;
        Assert.Equal(merged["id"]!.GetValue<string>(), Assert.Single(tagged["results"]!.AsArray())!["id"]!.GetValue<string>());
        var history = (await writer.Http.GetJsonAsync($"/memory/semantic/{ids[0]}/history"))!.ToJsonString();
        Assert.Contains(merged["id"]!.GetValue<string>(), history, StringComparison.Ordinal);

        // The checkpoint: an event in the writer's scope, and the next window starts there.
        var checkpointId = operation["result"]!["checkpoint_id"]!.GetValue<string>();
        var events = (await writer.Http.GetJsonAsync("/memory/components?user_id=alice&memory_type=episodic"))!["memories"]!["episodic"]!["items"]!.AsArray();
        Assert.Equal("auto_dream_checkpoint", events.Single(e => e!["id"]!.GetValue<string>() == checkpointId)!["event_type"]!.GetValue<string>());
        var next = (await writer.Http.PostJsonAsync("/memory/auto_dream?user_id=alice", new { mode = "semantic", dry_run = true }))!;
        Assert.NotNull(next["last_dream_at"]);
        Assert.Equal(next["last_dream_at"]!.GetValue<DateTime>(), next["start_date"]!.GetValue<DateTime>());
    }

    [Fact]
    public async Task Another_clients_scope_is_neither_shown_nor_changed()
    {
        var (writer, org, ids) = await WriterWithDuplicatesAsync("dream-scope");
        using var _w = writer;
        using var other = await api.Tenants.CreateClientAsync(org, "other", "other");
        await other.Http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig());

        var dry = (await other.Http.PostJsonAsync("/memory/auto_dream?user_id=alice", new { mode = "semantic", dry_run = true }))!;
        Assert.Equal(0, dry["processed"]!["semantic"]!["total"]!.GetValue<int>());
        var queued = (await other.Http.PostJsonAsync("/memory/auto_dream?user_id=alice", new { mode = "semantic" }))!;
        var operation = await OperationPolling.WaitForAsync(other.Http, queued["operation_id"]!.GetValue<string>(), "succeeded", "dead_lettered");

        Assert.Equal(0, operation["result"]!["llm_calls"]!.GetValue<int>());
        var mine = (await writer.Http.GetJsonAsync("/memory/components?user_id=alice&memory_type=semantic"))!["memories"]!["semantic"]!["items"]!.AsArray();
        Assert.Equal(ids.Order(), mine.Select(m => m!["id"]!.GetValue<string>()).Order());
    }

    [Theory]
    [InlineData("{\"mode\": \"nightmare\"}", "mode must be one of", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"model\": \"gpt-unknown\"}", "not one of the server's models", HttpStatusCode.BadRequest)]
    [InlineData("{\"start_date\": \"2026-06-01T00:00:00Z\", \"end_date\": \"2026-05-01T00:00:00Z\"}", "start_date", HttpStatusCode.BadRequest)]
    [InlineData("{\"start_date\": \"someday\"}", "start_date", HttpStatusCode.BadRequest)]
    public async Task Bad_requests_are_refused_naming_the_problem(string body, string expected, HttpStatusCode status)
    {
        var (writer, _, _) = await WriterWithDuplicatesAsync("dream-bad");
        using var _w = writer;

        using var response = await writer.Http.PostAsync(new Uri("/memory/auto_dream?user_id=alice", UriKind.Relative),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, (await response.ReadJsonAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_periodic_job_queues_one_run_per_user_and_scope_with_new_memories()
    {
        var (writer, org, _) = await WriterWithDuplicatesAsync("dream-periodic");
        using var _w = writer;
        using var noAgent = await api.Tenants.CreateClientAsync(org, "loose", "loose");
        await noAgent.Http.PostJsonAsync("/users/create_or_get", new { user_id = "bob", name = "bob" });
        await noAgent.Http.PostJsonAsync("/memory/semantic", new { user_id = "bob", items = new object[] { new { name = "Loose", summary = "No meta agent owns this scope" } } });
        var scheduler = api.Services.GetRequiredService<Mirix.Agents.Runs.AutoDreamScheduler>();
        var since = DateTime.UtcNow.AddMinutes(-1);

        Assert.Equal(1, await scheduler.QueueDueAsync(since, CancellationToken.None, org));
        var operations = (await writer.Http.GetJsonAsync("/memory/operations?user_id=alice"))!["operations"]!.AsArray();
        var dream = Assert.Single(operations, o => o!["mode"]!.GetValue<string>() == "auto_dream")!;
        // While it waits or runs, another pass leaves the pair alone (or, done, finds nothing new but its checkpoint).
        Assert.Equal(0, await scheduler.QueueDueAsync(since, CancellationToken.None, org));
        var finished = await OperationPolling.WaitForAsync(writer.Http, dream["id"]!.GetValue<string>(), "succeeded", "dead_lettered");
        Assert.Equal(2, finished["result"]!["processed"]!["semantic"]!["total"]!.GetValue<int>());
        Assert.Empty((await noAgent.Http.GetJsonAsync("/memory/operations?user_id=bob"))!["operations"]!.AsArray());
    }

    [GeneratedRegex(@"sem_[0-9A-Za-z]{12}")]
    private static partial Regex SemanticId();
}
