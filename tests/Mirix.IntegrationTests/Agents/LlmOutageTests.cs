using System.Diagnostics;
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
/// The model server rate-limiting every call for a while, then hanging, then coming back (a minute and more in
/// docs/benchmarks/faults.md; seconds here): queued adds wait it out without using up their attempts, none is lost or
/// written twice, and routes that do not need the model answer as usual meanwhile.
/// </summary>
public sealed class LlmOutageTests(LlmOutageTests.OutageApiFactory api) : IClassFixture<LlmOutageTests.OutageApiFactory>
{
    /// <summary>The circuit breaker pauses calls for two seconds rather than fifteen, and waits back off to at most a second.</summary>
    public sealed class OutageApiFactory() : AgentApiFactory(StorageTarget.Sqlite)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Mirix:Llm:BreakDuration", "00:00:02");
            builder.UseSetting("Mirix:Ingestion:RetryMaxDelay", "00:00:01");
        }
    }

    private static readonly string[] Users = ["alice", "bob", "carol", "dan"];

    [Fact]
    public async Task Adds_queued_through_a_429_storm_and_a_hang_all_succeed_once_and_searches_are_unaffected()
    {
        api.Llm.Reset();
        var org = await api.Tenants.CreateOrganizationAsync("llm-outage");
        using var client = await api.Tenants.CreateClientAsync(org, "notes", ["notes"]);
        var meta = (await client.Http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig()))!["id"]!.GetValue<string>();
        foreach (var user in Users)
        {
            await client.Http.PostJsonAsync("/users/create_or_get", new { user_id = user, name = user });
        }

        // The first calls are rate-limited, the next ones hang until the client's time-out, then the model answers again.
        const int StormCalls = 12, HungCalls = 6;
        var calls = 0;
        api.Llm.FaultFor = _ => Interlocked.Increment(ref calls) switch
        {
            <= StormCalls => new LlmFault(LlmFaultKind.RateLimited, RetryAfterSeconds: 1),
            <= StormCalls + HungCalls => new LlmFault(LlmFaultKind.Hang),
            _ => null,
        };
        var operations = new List<string>();
        foreach (var user in Users)
        {
            var queued = (await client.Http.PostJsonAsync("/memory/add", new
            {
                user_id = user,
                meta_agent_id = meta,
                messages = new object[] { new { role = "user", content = new[] { new { type = "text", text = "My sister Ana's birthday is on 3 May." } } } },
            }))!;
            operations.Add(queued["operation_id"]!.GetValue<string>());
        }

        // Meanwhile, reads that need no model are answered, including while model calls hang. How fast they are is
        // the faults benchmark's figure, not this test's: a timed assertion here only measures the CI machine.
        var searches = 0;
        var searchesDuringHang = 0;
        while (Volatile.Read(ref calls) <= StormCalls + HungCalls)
        {
            var before = Volatile.Read(ref calls);
            var found = await client.Http.GetJsonAsync("/memory/search?user_id=alice&memory_type=all&search_method=bm25&query=birthday");
            Assert.NotNull(found);
            searches++;
            if (before > StormCalls && Volatile.Read(ref calls) <= StormCalls + HungCalls)
            {
                searchesDuringHang++;
            }
            await Task.Delay(200);
        }
        var finished = new List<JsonNode>();
        foreach (var operation in operations)
        {
            finished.Add(await OperationPolling.WaitForAsync(client.Http, operation, "succeeded", "dead_lettered"));
        }

        Assert.All(finished, o => Assert.Equal("succeeded", o["status"]!.GetValue<string>()));
        // Waiting out the outage used up no attempt: the factory allows only two before dead-lettering.
        Assert.All(finished, o => Assert.True(o["attempts"]!.GetValue<int>() <= 2, o.ToJsonString()));
        Assert.DoesNotContain(api.ServerErrors.Errors, e => e.Contains("outside its retry policy", StringComparison.Ordinal));
        Assert.True(searchesDuringHang > 0, $"none of {searches} searches was answered while model calls hung");
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        foreach (var user in Users)
        {
            Assert.Equal(1, await db.SemanticItems.CountAsync(s => s.OrganizationId == client.OrganizationId && s.UserId == user));
            Assert.Equal(1, await db.EpisodicEvents.CountAsync(e => e.OrganizationId == client.OrganizationId && e.UserId == user));
        }
    }
}
