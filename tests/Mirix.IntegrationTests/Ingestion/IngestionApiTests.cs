using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Storage;
using Mirix.IntegrationTests.Api;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Ingestion;

/// <summary>The write path through the Api: in-process on SQLite (the embedded default), Redis Streams on PostgreSQL.</summary>
public abstract class IngestionApiTests(ApiFactory api)
{
    private readonly Tenants _tenants = api.Tenants;

    [Fact]
    public async Task Add_answers_queued_at_once_and_the_operation_ends_in_a_searchable_raw_memory()
    {
        var org = await _tenants.CreateOrganizationAsync("ingest");
        using var writer = await _tenants.CreateClientAsync(org, "notes", "notes");
        var meta = (await writer.Http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig()))!["id"]!.GetValue<string>();
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "alice", name = "alice" });

        // Exactly what the MIRIX SDK's add() sends.
        var queued = (await writer.Http.PostJsonAsync("/memory/add", new
        {
            user_id = "alice",
            meta_agent_id = meta,
            messages = new object[]
            {
                new { role = "user", content = new[] { new { type = "text", text = "I moved to Porto and adopted a greyhound called Biscuit." } } },
                new { role = "assistant", content = new[] { new { type = "text", text = "Congratulations on the move!" } } },
            },
            chaining = true,
            verbose = false,
            filter_tags = new { scope = "forged", project = "life" },
            occurred_at = "2026-03-14T10:00:00Z",
        }))!;

        Assert.True(queued["success"]!.GetValue<bool>());
        Assert.Equal("Memory queued for processing", queued["message"]!.GetValue<string>());
        Assert.Equal("queued", queued["status"]!.GetValue<string>());
        Assert.Equal(meta, queued["agent_id"]!.GetValue<string>());
        Assert.Equal(2, queued["message_count"]!.GetValue<int>());
        var operation = await OperationPolling.WaitForAsync(writer.Http, queued["operation_id"]!.GetValue<string>(), "succeeded");
        Assert.Equal(1, operation["attempts"]!.GetValue<int>());
        Assert.Equal(api.Target == StorageTarget.Postgres ? "redis_streams" : "in_process", operation["transport"]!.GetValue<string>());
        Assert.NotNull(operation["completed_at"]);

        var rawId = operation["result"]!["raw_memory_ids"]![0]!.GetValue<string>();
        var raw = (await writer.Http.GetJsonAsync($"/memory/raw/{rawId}?user_id=alice"))!["memory"]!;
        Assert.Equal("[USER] I moved to Porto and adopted a greyhound called Biscuit.\n[ASSISTANT] Congratulations on the move!", raw["context"]!.GetValue<string>());
        Assert.Equal("notes", raw["filter_tags"]!["scope"]!.GetValue<string>());
        Assert.Equal("life", raw["filter_tags"]!["project"]!.GetValue<string>());
        Assert.StartsWith("2026-03-14T10:00:00", raw["occurred_at"]!.GetValue<string>(), StringComparison.Ordinal);

        foreach (var method in new[] { "bm25", "embedding" })
        {
            var found = (await writer.Http.GetJsonAsync($"/memory/search?user_id=alice&memory_type=raw&search_method={method}&query=greyhound%20Biscuit"))!;
            Assert.Contains(found["results"]!.AsArray(), r => r!["id"]!.GetValue<string>() == rawId);
        }
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        var messages = await db.Messages.Where(m => m.OperationId == queued["operation_id"]!.GetValue<string>()).ToListAsync();
        Assert.Equal(["assistant", "user"], messages.Select(m => m.Role).Order());
    }

    [Fact]
    public async Task Every_message_shape_is_accepted_and_images_and_files_are_kept()
    {
        var org = await _tenants.CreateOrganizationAsync("shapes");
        using var writer = await _tenants.CreateClientAsync(org, "app", "app");

        var processed = (await writer.Http.PostJsonAsync("/memory/add_sync", new
        {
            user_id = "bob",
            mode = "raw",
            messages = new object[]
            {
                new { role = "user", content = "Plain string content." },
                new { role = "user", content = new[] { "A list", "of strings." } },
                new
                {
                    role = "user",
                    content = new object[]
                    {
                        new { type = "text", text = "Typed parts:" },
                        new { type = "image_url", image_url = new { url = "https://example.com/cat.png", detail = "high" } },
                        new { type = "file_uri", file_uri = "/docs/contract.pdf" },
                    },
                },
                new { type = "text", text = "A role-less part." },
            },
        }))!;

        Assert.Equal("processed", processed["status"]!.GetValue<string>());
        Assert.Equal(4, processed["message_count"]!.GetValue<int>());
        var operation = (await writer.Http.GetJsonAsync($"/memory/operations/{processed["operation_id"]!.GetValue<string>()}"))!;
        Assert.Equal("succeeded", operation["status"]!.GetValue<string>());
        Assert.Equal("inline", operation["transport"]!.GetValue<string>());
        var rawId = operation["result"]!["raw_memory_ids"]![0]!.GetValue<string>();
        var context = (await writer.Http.GetJsonAsync($"/memory/raw/{rawId}?user_id=bob"))!["memory"]!["context"]!.GetValue<string>();
        Assert.Equal(
            "[USER] Plain string content.\n[USER] A list\nof strings.\n[USER] Typed parts:\n[image_url: https://example.com/cat.png]\n[file_uri: /docs/contract.pdf]\n[USER] A role-less part.",
            context);

        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        var stored = await db.Messages.Where(m => m.OperationId == operation["id"]!.GetValue<string>()).Select(m => m.Content).ToListAsync();
        Assert.Contains(stored, c => c!.Contains("\"detail\":\"high\"", StringComparison.Ordinal) && c.Contains("contract.pdf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refusals_are_problem_details_and_nothing_is_queued()
    {
        var org = await _tenants.CreateOrganizationAsync("refusals");
        using var writer = await _tenants.CreateClientAsync(org, "w", "w");
        using var reader = await _tenants.CreateClientAsync(org, null, "w");
        using var neighbour = await _tenants.CreateClientAsync(org, "n", "n");
        var neighboursAgent = (await neighbour.Http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig()))!["id"]!.GetValue<string>();

        var cases = new (HttpClient Http, object Body, HttpStatusCode Status, string Detail)[]
        {
            (reader.Http, new { mode = "raw", messages = new[] { "hi" } }, HttpStatusCode.Forbidden, "write_scope"),
            (writer.Http, new { messages = new[] { "hi" } }, HttpStatusCode.UnprocessableEntity, "meta_agent_id"),
            (writer.Http, new { meta_agent_id = neighboursAgent, messages = new[] { "hi" } }, HttpStatusCode.NotFound, neighboursAgent),
            (writer.Http, new { mode = "raw", messages = Array.Empty<string>() }, HttpStatusCode.UnprocessableEntity, "non-empty"),
            (writer.Http, new { mode = "raw", messages = new[] { new { role = "robot", content = "x" } } }, HttpStatusCode.UnprocessableEntity, "role"),
            (writer.Http, new { mode = "raw", messages = new[] { new { type = "video", url = "x" } } }, HttpStatusCode.UnprocessableEntity, "type"),
            (writer.Http, new { mode = "raw", messages = new[] { new { type = "image_url" } } }, HttpStatusCode.UnprocessableEntity, "image_url"),
            (writer.Http, new { mode = "raw", messages = new[] { "hi" }, occurred_at = "last tuesday" }, HttpStatusCode.BadRequest, "occurred_at"),
            (writer.Http, new { mode = "raw", messages = new[] { "hi" }, block_filter_tags_update_mode = "append" }, HttpStatusCode.UnprocessableEntity, "block_filter_tags_update_mode"),
            (writer.Http, new { mode = "fast", messages = new[] { "hi" } }, HttpStatusCode.UnprocessableEntity, "mode"),
        };
        foreach (var (http, body, status, detail) in cases)
        {
            foreach (var route in new[] { "/memory/add", "/memory/add_sync" })
            {
                using var response = await http.PostAsJsonAsync(route, body);
                Assert.Equal(status, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains(detail, (await response.ReadJsonAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            }
        }
        var listed = (await writer.Http.GetJsonAsync("/memory/operations"))!;
        Assert.Equal(0, listed["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Operations_are_seen_only_by_their_client_and_listed_by_status()
    {
        var org = await _tenants.CreateOrganizationAsync("ops");
        var otherOrg = await _tenants.CreateOrganizationAsync("ops-other");
        using var writer = await _tenants.CreateClientAsync(org, "s", "s");
        using var sameOrg = await _tenants.CreateClientAsync(org, "t", "s");
        using var stranger = await _tenants.CreateClientAsync(otherOrg, "s", "s");

        var id = (await writer.Http.PostJsonAsync("/memory/add", new { user_id = "carol", mode = "raw", messages = new[] { "one" } }))!["operation_id"]!.GetValue<string>();
        await OperationPolling.WaitForAsync(writer.Http, id, "succeeded");

        foreach (var other in new[] { sameOrg.Http, stranger.Http })
        {
            using var get = await other.GetAsync(new Uri($"/memory/operations/{id}", UriKind.Relative));
            using var replay = await other.PostAsync(new Uri($"/memory/operations/{id}/replay", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
            Assert.Equal(0, (await other.GetJsonAsync("/memory/operations"))!["count"]!.GetValue<int>());
        }
        var succeeded = (await writer.Http.GetJsonAsync("/memory/operations?status=succeeded"))!["operations"]!.AsArray();
        Assert.Equal([id], succeeded.Select(o => o!["id"]!.GetValue<string>()));
        Assert.Equal(0, (await writer.Http.GetJsonAsync("/memory/operations?status=dead_lettered"))!["count"]!.GetValue<int>());
        using var badStatus = await writer.Http.GetAsync(new Uri("/memory/operations?status=lost", UriKind.Relative));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badStatus.StatusCode);
        using var replaySucceeded = await writer.Http.PostAsync(new Uri($"/memory/operations/{id}/replay", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, replaySucceeded.StatusCode);
    }

    [Fact]
    public async Task Agent_messages_are_queued_and_processed_like_add()
    {
        var org = await _tenants.CreateOrganizationAsync("agent-messages");
        using var writer = await _tenants.CreateClientAsync(org, "m", "m");
        var meta = (await writer.Http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig()))!["id"]!.GetValue<string>();

        using var response = await writer.Http.PostAsJsonAsync($"/agents/{meta}/messages",
            new { message = "Remember that my passport expires in May.", role = "user", user_id = "dave", stream_steps = false, stream_tokens = false });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"messages":[],"usage":{}}""", await response.Content.ReadAsStringAsync());
        var id = response.Headers.GetValues("X-Operation-Id").Single();
        var operation = await OperationPolling.WaitForAsync(writer.Http, id, "succeeded");
        Assert.Equal("dave", operation["user_id"]!.GetValue<string>());
        using var unknown = await writer.Http.PostAsJsonAsync("/agents/agent-unknown/messages", new { message = "x", role = "user" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_gets_the_first_operation_back_and_writes_once()
    {
        var org = await _tenants.CreateOrganizationAsync("idempotency");
        using var writer = await _tenants.CreateClientAsync(org, "idem", "idem");
        using var other = await _tenants.CreateClientAsync(org, "idem2", "idem2");
        var body = new { user_id = "pat", mode = "raw", messages = new[] { "Pat's locker is number 12." } };
        async Task<(string Id, bool Replayed, HttpStatusCode Status)> SendAsync(HttpClient http, string route, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await http.SendAsync(request);
            var json = (await response.ReadJsonAsync())!;
            return ((string?)json["operation_id"] ?? "", response.Headers.Contains("Idempotent-Replayed"), response.StatusCode);
        }

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SendAsync(writer.Http, "/memory/add", "retry-1")));

        var id = Assert.Single(concurrent.Select(r => r.Id).Distinct());
        Assert.All(concurrent, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(5, concurrent.Count(r => r.Replayed));
        // Same-key requests take turns: none raced the unique index, so the server logged no database error for them.
        Assert.DoesNotContain(api.ServerErrors.Errors, e => e.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) || e.Contains("duplicate key", StringComparison.OrdinalIgnoreCase));
        await OperationPolling.WaitForAsync(writer.Http, id, "succeeded");
        var again = await SendAsync(writer.Http, "/memory/add_sync", "retry-1");
        Assert.Equal((id, true, HttpStatusCode.OK), again);
        Assert.Single((await writer.Http.PostJsonAsync("/memory/search_raw?user_id=pat", new { }))!["items"]!.AsArray());

        var othersOwn = await SendAsync(other.Http, "/memory/add", "retry-1");
        Assert.NotEqual(id, othersOwn.Id);
        Assert.False(othersOwn.Replayed);
        var tooLong = await SendAsync(writer.Http, "/memory/add", new string('k', 129));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.Status);

        // The same key for another request is refused, not answered with the first operation (which would drop the payload).
        foreach (var different in new object[]
        {
            new { user_id = "pat", mode = "raw", messages = new[] { "Pat's locker is number 13." } },
            new { user_id = "sam", mode = "raw", messages = new[] { "Pat's locker is number 12." } },
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/memory/add") { Content = JsonContent.Create(different) };
            request.Headers.Add("Idempotency-Key", "retry-1");
            using var response = await writer.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("different request", (await response.ReadJsonAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        Assert.Single((await writer.Http.PostJsonAsync("/memory/search_raw?user_id=pat", new { }))!["items"]!.AsArray());
    }

    [Fact]
    public async Task A_retry_of_an_operation_left_queued_publishes_it_again_and_it_is_filed_once()
    {
        var org = await _tenants.CreateOrganizationAsync("republish");
        using var writer = await _tenants.CreateClientAsync(org, "rp", "rp");
        async Task<string> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/memory/add")
            {
                Content = JsonContent.Create(new { user_id = "quinn", mode = "raw", messages = new[] { "Quinn's bike lock code is 4412." } }),
            };
            request.Headers.Add("Idempotency-Key", "lost-1");
            using var response = await writer.Http.SendAsync(request);
            return (await response.ReadJsonAsync())!["operation_id"]!.GetValue<string>();
        }
        var id = await SendAsync();
        await OperationPolling.WaitForAsync(writer.Http, id, "succeeded");

        // As when a publish failed and the database was out of reach too, so the 503 path could not remove the row:
        // the operation stays queued with nothing in the queue for it.
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
            await db.RawMemories.Where(m => m.OrganizationId == writer.OrganizationId).ExecuteDeleteAsync();
            await db.IngestionOperations.Where(o => o.Id == id).ExecuteUpdateAsync(o => o
                .SetProperty(x => x.Status, Mirix.Core.Domain.OperationStatus.Queued)
                .SetProperty(x => x.CompletedAt, (DateTime?)null));
        }

        Assert.Equal(id, await SendAsync());
        await OperationPolling.WaitForAsync(writer.Http, id, "succeeded");
        var items = (await writer.Http.PostJsonAsync("/memory/search_raw?user_id=quinn", new { }))!["items"]!.AsArray();
        Assert.Equal("[USER] Quinn's bike lock code is 4412.", Assert.Single(items)!["context"]!.GetValue<string>());
    }

    [Fact]
    public async Task Raw_cleanup_deletes_only_the_callers_stale_raw_memories()
    {
        var org = await _tenants.CreateOrganizationAsync("ttl");
        using var writer = await _tenants.CreateClientAsync(org, "ttl", "ttl");
        using var other = await _tenants.CreateClientAsync(org, "ttl-other", "ttl-other");
        var stale = (await writer.Http.PostJsonAsync("/memory/raw?user_id=erin", new { context = "old" }))!["memory"]!["id"]!.GetValue<string>();
        var fresh = (await writer.Http.PostJsonAsync("/memory/raw?user_id=erin", new { context = "new" }))!["memory"]!["id"]!.GetValue<string>();
        var othersStale = (await other.Http.PostJsonAsync("/memory/raw?user_id=erin", new { context = "old too" }))!["memory"]!["id"]!.GetValue<string>();
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
            var longAgo = DateTime.UtcNow.AddDays(-20);
            await db.RawMemories.Where(r => r.Id == stale || r.Id == othersStale).ExecuteUpdateAsync(s => s.SetProperty(r => r.UpdatedAt, longAgo));
        }

        using var response = await writer.Http.PostAsync(new Uri("/memory/raw/cleanup?days_threshold=14", UriKind.Relative), null);
        var body = (await response.ReadJsonAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body["success"]!.GetValue<bool>());
        Assert.Equal(1, body["deleted_count"]!.GetValue<int>());
        Assert.Equal(14, body["days_threshold"]!.GetValue<int>());
        using var gone = await writer.Http.GetAsync(new Uri($"/memory/raw/{stale}?user_id=erin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await writer.Http.GetJsonAsync($"/memory/raw/{fresh}?user_id=erin");
        await other.Http.GetJsonAsync($"/memory/raw/{othersStale}?user_id=erin");
        using var outOfRange = await writer.Http.PostAsync(new Uri("/memory/raw/cleanup?days_threshold=0", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outOfRange.StatusCode);
    }
}

public sealed class SqliteIngestionApiTests(SqliteApiFactory api) : IngestionApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresIngestionApiTests(PostgresApiFactory api) : IngestionApiTests(api), IClassFixture<PostgresApiFactory>;
