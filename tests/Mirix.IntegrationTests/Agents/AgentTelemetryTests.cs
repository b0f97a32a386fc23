using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Mirix.Agents.Llm;
using Mirix.IntegrationTests.Api;
using Mirix.IntegrationTests.Infrastructure;
using Mirix.IntegrationTests.Ingestion;

namespace Mirix.IntegrationTests.Agents;

/// <summary>Every LLM call of an add is a <c>gen_ai</c> span in the trace of the request that queued it.</summary>
public sealed class AgentTelemetryTests(SqliteAgentApiFactory api) : IClassFixture<SqliteAgentApiFactory>
{
    [Fact]
    public async Task Each_model_call_is_a_gen_ai_span_inside_the_add_requests_trace()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LlmGateway.TelemetryName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var org = await api.Tenants.CreateOrganizationAsync("agents-trace");
        using var writer = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        var meta = (await writer.Http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig()))!["id"]!.GetValue<string>();

        using var response = await writer.Http.PostAsJsonAsync("/memory/add", new
        {
            user_id = "zoe",
            meta_agent_id = meta,
            messages = new[] { new { role = "user", content = "My sister Ana's birthday is on 3 May." } },
        });
        var operation = await OperationPolling.WaitForAsync(writer.Http, (await response.ReadJsonAsync())!["operation_id"]!.GetValue<string>(), "succeeded");

        var trace = response.Headers.GetValues("X-Trace-Id").Single();
        var calls = operation["result"]!["llm_calls"]!.GetValue<int>();
        // Semantic Kernel's connector also wraps each call in an orchestrate_tools span; the chat spans are the calls.
        List<Activity> Chats() => spans.Where(s => s.TraceId.ToHexString() == trace && s.OperationName.StartsWith("chat ", StringComparison.Ordinal)).ToList();
        await Eventually.WaitUntilAsync(() => Chats().Count >= calls, "the model calls' spans were recorded");
        var chats = Chats();
        Assert.Equal(calls, chats.Count);
        Assert.All(chats, s =>
        {
            Assert.Equal("scripted-model", s.GetTagItem("gen_ai.request.model"));
            Assert.Equal("chat", s.GetTagItem("gen_ai.operation.name"));
            Assert.NotNull(s.GetTagItem("gen_ai.response.finish_reasons"));
        });
    }
}
