using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Domain;
using Mirix.Core.Ingestion;
using Mirix.Core.Storage;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Ingestion;

/// <summary>
/// The consumers finish the raw messages waiting at the head of a partition in one transaction
/// (<see cref="IngestionProcessor.CompleteAheadAsync"/>), as their deliveries would one by one; when any of them fails,
/// nothing of the batch is kept and each delivery does its own work. Run on a host that only publishes, so the test
/// hands the batch over itself.
/// </summary>
public abstract class CompleteAheadTests(ApiFactory api)
{
    [Fact]
    public async Task A_batch_finishes_each_operation_once_and_its_deliveries_only_acknowledge()
    {
        using var writer = await WriterAsync("ahead");
        var ids = new List<string>();
        foreach (var text in new[] { "Maya adopted a greyhound named Biscuit.", "Biscuit is afraid of thunder.", "Maya walks him at six." })
        {
            ids.Add(await AddAsync(writer, "maya", text));
        }

        await Processor.CompleteAheadAsync(await EnvelopesAsync(ids), CancellationToken.None);

        var finished = await OperationsAsync(ids);
        Assert.All(finished, o => Assert.Equal((OperationStatus.Succeeded, 1), (o.Status, o.Attempts)));
        foreach (var envelope in await EnvelopesAsync(ids))
        {
            Assert.Equal(DeliveryOutcome.Done, await Processor.ProcessAsync(envelope, CancellationToken.None));
        }
        Assert.All(await OperationsAsync(ids), o => Assert.Equal(1, o.Attempts)); // the deliveries ran nothing again
        var memories = (await writer.Http.PostJsonAsync("/memory/search_raw?user_id=maya", new { }))!["items"]!.AsArray();
        Assert.Equal(3, memories.Count);
        var hits = (await writer.Http.GetJsonAsync("/memory/search?user_id=maya&memory_type=raw&search_method=bm25&query=thunder"))!["results"]!.AsArray();
        Assert.Contains(hits, h => h!["context"]!.GetValue<string>().Contains("thunder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_batch_span_links_the_trace_of_each_request_it_finishes()
    {
        using var writer = await WriterAsync("ahead-trace");
        var requestTraces = new List<string>();
        var ids = new List<string>();
        foreach (var text in new[] { "Lena's train leaves at nine.", "Lena forgot her umbrella." })
        {
            using var response = await writer.Http.PostAsJsonAsync("/memory/add", new { user_id = "lena", mode = "raw", messages = new[] { text } });
            ids.Add((await response.ReadJsonAsync())!["operation_id"]!.GetValue<string>());
            requestTraces.Add(response.Headers.GetValues("X-Trace-Id").Single());
        }
        var linked = new ConcurrentBag<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == IngestionProcessor.TelemetryName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                foreach (var link in activity.Links)
                {
                    linked.Add(link.Context.TraceId.ToHexString());
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await Processor.CompleteAheadAsync(await EnvelopesAsync(ids), CancellationToken.None);

        Assert.All(requestTraces, trace => Assert.Contains(trace, linked));
    }

    [Fact]
    public async Task A_batch_with_a_failing_message_keeps_nothing_and_each_delivery_does_its_own_work()
    {
        var org = await api.Tenants.CreateOrganizationAsync("ahead-mixed");
        using var good = await api.Tenants.CreateClientAsync(org, "app", "app");
        using var gone = await api.Tenants.CreateClientAsync(org, "old", "old");
        var first = await AddAsync(good, "noor", "Noor's dentist is on Tuesday.");
        var failing = await AddAsync(gone, "noor", "This client is switched off before its message runs.");
        var last = await AddAsync(good, "noor", "Noor prefers mornings.");
        using (var op = await api.Tenants.OperatorAsync())
        using (var deactivate = await op.PatchAsJsonAsync($"/clients/{gone.ClientId}", new { status = "inactive" }))
        {
            deactivate.EnsureSuccessStatusCode();
        }
        var ids = new List<string> { first, failing, last };

        await Processor.CompleteAheadAsync(await EnvelopesAsync(ids), CancellationToken.None);

        Assert.All(await OperationsAsync(ids), o => Assert.Equal((OperationStatus.Queued, 0), (o.Status, o.Attempts)));
        Assert.Empty((await good.Http.PostJsonAsync("/memory/search_raw?user_id=noor", new { }))!["items"]!.AsArray());
        var outcomes = new List<DeliveryOutcome>();
        foreach (var envelope in await EnvelopesAsync(ids))
        {
            outcomes.Add(await Processor.ProcessAsync(envelope, CancellationToken.None));
        }
        Assert.Equal([DeliveryOutcome.Done, DeliveryOutcome.DeadLettered, DeliveryOutcome.Done], outcomes);
        Assert.Equal(2, (await good.Http.PostJsonAsync("/memory/search_raw?user_id=noor", new { }))!["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Only_the_raw_messages_before_another_mode_are_finished_ahead()
    {
        using var writer = await WriterAsync("ahead-order");
        var ids = new List<string>();
        foreach (var text in new[] { "one", "two", "three" })
        {
            ids.Add(await AddAsync(writer, "omar", text));
        }
        var envelopes = await EnvelopesAsync(ids);
        envelopes[1] = envelopes[1] with { Mode = IngestionMode.Agents };

        await Processor.CompleteAheadAsync(envelopes, CancellationToken.None);

        // One raw message before the other mode is not a batch: nothing is finished ahead, and nothing jumps the queue.
        Assert.All(await OperationsAsync(ids), o => Assert.Equal(OperationStatus.Queued, o.Status));
    }

    private IngestionProcessor Processor => api.Services.GetRequiredService<IngestionProcessor>();

    private async Task<TenantClient> WriterAsync(string name)
    {
        var org = await api.Tenants.CreateOrganizationAsync(name);
        return await api.Tenants.CreateClientAsync(org, name, name);
    }

    private static async Task<string> AddAsync(TenantClient writer, string user, string text) =>
        (await writer.Http.PostJsonAsync("/memory/add", new { user_id = user, mode = "raw", messages = new[] { text } }))!["operation_id"]!.GetValue<string>();

    /// <summary>The operations' envelopes as the queue carries them, in the order of <paramref name="ids"/>.</summary>
    private async Task<List<IngestionEnvelope>> EnvelopesAsync(List<string> ids)
    {
        var operations = await OperationsAsync(ids);
        return ids.ConvertAll(id => IngestionEnvelope.Deserialize(operations.Single(o => o.Id == id).Envelope));
    }

    private async Task<List<IngestionOperation>> OperationsAsync(List<string> ids)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        return await db.IngestionOperations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync();
    }
}

public sealed class SqliteCompleteAheadTests(SqlitePublishOnlyApiFactory api) : CompleteAheadTests(api), IClassFixture<SqlitePublishOnlyApiFactory>;

public sealed class PostgresCompleteAheadTests(PostgresPublishOnlyQueueApiFactory api) : CompleteAheadTests(api), IClassFixture<PostgresPublishOnlyQueueApiFactory>;

/// <summary>The Api on SQLite without consumers: accepted messages wait in the queue.</summary>
public sealed class SqlitePublishOnlyApiFactory() : ApiFactory(StorageTarget.Sqlite, settings: PublishOnly.Settings);

/// <summary>The Api on PostgreSQL and Redis Streams without consumers: accepted messages wait in the stream.</summary>
public sealed class PostgresPublishOnlyQueueApiFactory() : ApiFactory(StorageTarget.Postgres, settings: PublishOnly.Settings);

internal static class PublishOnly
{
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string> { ["Mirix:Workers:Enabled"] = "false" };
}
