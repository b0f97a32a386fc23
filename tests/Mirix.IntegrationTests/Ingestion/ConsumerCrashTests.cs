using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Mirix.Core.Ingestion;
using Mirix.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace Mirix.IntegrationTests.Ingestion;

/// <summary>
/// Consumers killed in the middle of a message, on Redis Streams and PostgreSQL with the real processor and handler: the
/// next consumer takes the message over, and its effect happens exactly once.
/// </summary>
public sealed class ConsumerCrashTests(PostgresPublishOnlyApiFactory api) : IClassFixture<PostgresPublishOnlyApiFactory>
{
    [Fact]
    public async Task A_consumer_killed_before_its_commit_leaves_the_message_to_the_next_which_writes_it_once()
    {
        using var writer = await WriterAsync("kill-before");
        api.Control.Close();
        var runs = api.Control.Runs;
        var operationId = await AddAsync(writer, "ivy", "Her locker code is 4417.");

        var first = Consume(Processor.ProcessAsync);
        await Eventually.WaitUntilAsync(() => api.Control.Runs > runs, "the first consumer is in the handler");
        await first.KillAsync();
        api.Control.Open();
        await using var second = Consume(Processor.ProcessAsync);
        var operation = await OperationPolling.WaitForAsync(writer.Http, operationId, "succeeded");

        Assert.Equal(2, operation["attempts"]!.GetValue<int>());
        var memories = (await writer.Http.PostJsonAsync("/memory/search_raw?user_id=ivy", new { }))!["items"]!.AsArray();
        Assert.Equal("[USER] Her locker code is 4417.", Assert.Single(memories)!["context"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_consumer_killed_after_its_commit_but_before_its_acknowledgement_does_not_write_twice()
    {
        using var writer = await WriterAsync("kill-after");
        api.Control.Open();
        var operationId = await AddAsync(writer, "jack", "Jack's flight is on Friday.");
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = Consume(async (envelope, abort) =>
        {
            var outcome = await Processor.ProcessAsync(envelope, abort);
            committed.TrySetResult();
            await Task.Delay(Timeout.Infinite, abort); // dies before the transport acknowledges
            return outcome;
        });
        await committed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await first.KillAsync();
        var runs = api.Control.Runs;
        await using var second = Consume(Processor.ProcessAsync);
        await Eventually.WaitUntilAsync(async () => await second.Transport.GetBacklogAsync(default) == 0, "the second consumer acknowledged the message");

        Assert.Equal(runs, api.Control.Runs); // the redelivery was recognised, the handler not run again
        var operation = (await writer.Http.GetJsonAsync($"/memory/operations/{operationId}"))!;
        Assert.Equal("succeeded", operation["status"]!.GetValue<string>());
        Assert.Equal(1, operation["attempts"]!.GetValue<int>());
        Assert.Single((await writer.Http.PostJsonAsync("/memory/search_raw?user_id=jack", new { }))!["items"]!.AsArray());
    }

    private IngestionProcessor Processor => api.Services.GetRequiredService<IngestionProcessor>();

    private async Task<TenantClient> WriterAsync(string name)
    {
        var org = await api.Tenants.CreateOrganizationAsync(name);
        return await api.Tenants.CreateClientAsync(org, name, name);
    }

    private static async Task<string> AddAsync(TenantClient writer, string user, string text) =>
        (await writer.Http.PostJsonAsync("/memory/add", new { user_id = user, mode = "raw", messages = new[] { text } }))!["operation_id"]!.GetValue<string>();

    /// <summary>A consumer as a worker process would run one: its own transport instance on the Api's Redis.</summary>
    private RunningConsumer Consume(Func<IngestionEnvelope, CancellationToken, Task<DeliveryOutcome>> handle) =>
        new(new RedisStreamsTransport(api.Services.GetRequiredService<IConnectionMultiplexer>(),
            api.Services.GetRequiredService<IngestionOptions>(), TimeProvider.System, NullLogger<RedisStreamsTransport>.Instance), handle);
}
