using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Domain;
using Mirix.Core.Storage;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Ingestion;

/// <summary>A handler that always fails: retries with back-off, then the dead-letter store, then a replay that works.</summary>
public abstract class DeadLetterTests(ControlledHandlerApiFactory api)
{
    [Fact]
    public async Task A_message_that_always_fails_is_dead_lettered_after_max_attempts_and_replays()
    {
        var org = await api.Tenants.CreateOrganizationAsync("dlq");
        using var writer = await api.Tenants.CreateClientAsync(org, "dlq", "dlq");
        api.Control.Failing = true;

        var id = (await writer.Http.PostJsonAsync("/memory/add", new { user_id = "frank", mode = "raw", messages = new[] { "Allergic to peanuts." } }))!["operation_id"]!.GetValue<string>();
        var dead = await OperationPolling.WaitForAsync(writer.Http, id, "dead_lettered");

        Assert.Equal(3, dead["attempts"]!.GetValue<int>());
        Assert.Equal(3, dead["max_attempts"]!.GetValue<int>());
        Assert.Contains("injected handler failure", dead["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(dead["completed_at"]);
        var listed = (await writer.Http.GetJsonAsync("/memory/operations?status=dead_lettered"))!["operations"]!.AsArray();
        Assert.Contains(listed, o => o!["id"]!.GetValue<string>() == id);
        Assert.Equal(0, (await writer.Http.PostJsonAsync("/memory/search_raw?user_id=frank", new { }))!["count"]!.GetValue<int>());

        api.Control.Failing = false;
        var replayed = (await writer.Http.PostJsonAsync($"/memory/operations/{id}/replay", new { }))!;
        Assert.Equal("queued", replayed["status"]!.GetValue<string>());
        var done = await OperationPolling.WaitForAsync(writer.Http, id, "succeeded");
        Assert.Equal(1, done["attempts"]!.GetValue<int>());
        var memories = (await writer.Http.PostJsonAsync("/memory/search_raw?user_id=frank", new { }))!["items"]!.AsArray();
        Assert.Equal("[USER] Allergic to peanuts.", Assert.Single(memories)!["context"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_message_whose_client_was_deactivated_before_it_ran_is_dead_lettered_at_once_and_writes_nothing()
    {
        var org = await api.Tenants.CreateOrganizationAsync("dlq-inactive");
        using var writer = await api.Tenants.CreateClientAsync(org, "gone", "gone");
        using var operatorHttp = await api.Tenants.OperatorAsync();
        api.Control.Close();
        var runs = api.Control.Runs;
        var id = (await writer.Http.PostJsonAsync("/memory/add", new { user_id = "hana", mode = "raw", messages = new[] { "Her bike is blue." } }))!["operation_id"]!.GetValue<string>();
        await Eventually.WaitUntilAsync(() => api.Control.Runs > runs, "the handler holds the message");
        using (var deactivate = await operatorHttp.PatchAsJsonAsync($"/clients/{writer.ClientId}", new { status = "inactive" }))
        {
            Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        }
        api.Control.Open();

        // The deactivated client may no longer read its operations: the database says what became of it.
        await Eventually.WaitUntilAsync(async () => (await OperationAsync(id)).Status == OperationStatus.DeadLettered, "the operation is dead-lettered");
        var operation = await OperationAsync(id);
        Assert.Equal(1, operation.Attempts);
        Assert.Contains("not active", operation.LastError, StringComparison.Ordinal);
        await using var scope = api.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<MirixDbContext>().Messages.IgnoreQueryFilters().AnyAsync(m => m.OperationId == id));
    }

    private async Task<IngestionOperation> OperationAsync(string id)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MirixDbContext>().IngestionOperations.AsNoTracking().SingleAsync(o => o.Id == id);
    }

    [Fact]
    public async Task Add_sync_that_fails_inline_is_handed_to_the_queue_and_retried()
    {
        var org = await api.Tenants.CreateOrganizationAsync("sync-retry");
        using var writer = await api.Tenants.CreateClientAsync(org, "sr", "sr");
        api.Control.Failing = true;

        using var response = await writer.Http.PostAsJsonAsync("/memory/add_sync", new { user_id = "gina", mode = "raw", messages = new[] { "Prefers tea." } });
        var body = (await response.ReadJsonAsync())!;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("queued", body["status"]!.GetValue<string>());
        var id = body["operation_id"]!.GetValue<string>();
        api.Control.Failing = false;
        var done = await OperationPolling.WaitForAsync(writer.Http, id, "succeeded");
        Assert.True(done["attempts"]!.GetValue<int>() >= 2);
    }
}

public sealed class SqliteDeadLetterTests(SqliteControlledHandlerApiFactory api) : DeadLetterTests(api), IClassFixture<SqliteControlledHandlerApiFactory>;

public sealed class PostgresDeadLetterTests(PostgresControlledHandlerApiFactory api) : DeadLetterTests(api), IClassFixture<PostgresControlledHandlerApiFactory>;

/// <summary>The in-process queue, full: the Api answers 503 with Retry-After and keeps no trace of what it refused.</summary>
public sealed class QueueFullTests(SqliteControlledHandlerApiFactory api) : IClassFixture<SqliteControlledHandlerApiFactory>
{
    [Fact]
    public async Task A_full_in_process_queue_answers_503_with_retry_after_and_loses_nothing_it_accepted()
    {
        var org = await api.Tenants.CreateOrganizationAsync("full");
        using var writer = await api.Tenants.CreateClientAsync(org, "full", "full");
        api.Control.Close();
        var runsBefore = api.Control.Runs;
        try
        {
            // One message held by the consumer at its gate fills the one-slot queue.
            var first = (await writer.Http.PostJsonAsync("/memory/add", new { user_id = "hal", mode = "raw", messages = new[] { "first" } }))!["operation_id"]!.GetValue<string>();
            await Eventually.WaitUntilAsync(() => api.Control.Runs > runsBefore, "the consumer picked the first message up");
            using var refused = await writer.Http.PostAsJsonAsync("/memory/add", new { user_id = "hal", mode = "raw", messages = new[] { "second" } });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            var lagging = (await writer.Http.GetJsonAsync("/health"))!["checks"]!["ingestion"]!;
            Assert.Equal(("degraded", "in_process: 1 messages waiting (threshold 0)."), (lagging["status"]!.GetValue<string>(), lagging["description"]!.GetValue<string>()));
            api.Control.Open();
            await OperationPolling.WaitForAsync(writer.Http, first, "succeeded");
            await Eventually.WaitUntilAsync(async () => (await writer.Http.GetJsonAsync("/health"))!["checks"]!["ingestion"]!["status"]!.GetValue<string>() == "healthy",
                "the backlog drained");
            var operations = (await writer.Http.GetJsonAsync("/memory/operations"))!["operations"]!.AsArray();
            Assert.Equal([first], operations.Select(o => o!["id"]!.GetValue<string>()));
        }
        finally
        {
            api.Control.Open();
        }
    }
}
