using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Mirix.Core.Ingestion;
using Mirix.IntegrationTests.Api;
using Mirix.IntegrationTests.Infrastructure;
using Mirix.IntegrationTests.Ingestion;
using StackExchange.Redis;

namespace Mirix.IntegrationTests.Agents;

/// <summary>The Api with the scripted model on PostgreSQL and Redis Streams, publishing only: the tests run the consumers.</summary>
public sealed class PublishOnlyAgentApiFactory() : AgentApiFactory(StorageTarget.Postgres)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mirix:Ingestion:Partitions", "1");
        builder.UseSetting("Mirix:Workers:Enabled", "false");
        builder.UseSetting("Mirix:Llm:Timeout", "00:00:30");
    }
}

/// <summary>
/// A worker killed in the middle of an agent run, while a memory agent waits on the model: the next worker runs the
/// conversation again from the start, and each memory is written once (the killed run's staged writes never committed).
/// </summary>
public sealed class AgentRunCrashTests(PublishOnlyAgentApiFactory api) : IClassFixture<PublishOnlyAgentApiFactory>
{
    [Fact]
    public async Task A_worker_killed_while_an_agent_waits_on_the_model_leaves_the_run_to_the_next_and_nothing_is_written_twice()
    {
        api.Llm.Reset();
        var org = await api.Tenants.CreateOrganizationAsync("agent-crash");
        using var writer = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        await writer.Http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig());
        // The semantic agent's first call takes far longer than the test: the worker is killed while it waits.
        var semanticCalls = 0;
        api.Llm.LatencyFor = call => call.Tools.Contains("semantic_memory_insert") && Interlocked.Increment(ref semanticCalls) == 1 ? TimeSpan.FromMinutes(5) : null;
        var operationId = (await writer.Http.PostJsonAsync("/memory/add", new { user_id = "alice", messages = new[] { "My sister Ana's birthday is on 3 May." } }))!["operation_id"]!.GetValue<string>();

        var first = Consume();
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref semanticCalls) == 1, "the semantic agent is waiting on the model", TimeSpan.FromSeconds(30));
        await first.KillAsync();
        await using var second = Consume();
        var operation = await OperationPolling.WaitForAsync(writer.Http, operationId, "succeeded");

        Assert.True(operation["attempts"]!.GetValue<int>() >= 2, $"{operation["attempts"]} attempts");
        var memories = (await writer.Http.GetJsonAsync("/memory/components?user_id=alice&memory_type=all"))!["memories"]!;
        Assert.Equal(1, memories["semantic"]!["total_count"]!.GetValue<int>());
        Assert.Equal(1, memories["episodic"]!["total_count"]!.GetValue<int>());
        Assert.True(Volatile.Read(ref semanticCalls) >= 2, "the next worker ran the semantic agent again");
    }

    /// <summary>A consumer as a worker process runs one: its own transport on the Api's Redis, the real processor and agents.</summary>
    private RunningConsumer Consume() =>
        new(new RedisStreamsTransport(api.Services.GetRequiredService<IConnectionMultiplexer>(),
            api.Services.GetRequiredService<IngestionOptions>(), TimeProvider.System, NullLogger<RedisStreamsTransport>.Instance),
            api.Services.GetRequiredService<IngestionProcessor>().ProcessAsync);
}
