using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Mirix.IntegrationTests.Api;
using Mirix.IntegrationTests.Infrastructure;
using Mirix.IntegrationTests.Ingestion;
using Mirix.ScriptedLlm;

namespace Mirix.IntegrationTests.Agents;

/// <summary>Chat agents over Kestrel and real sockets: answers from memory, SSE streaming, disconnects, hung models.</summary>
public sealed class ChatAgentTests(KestrelAgentApiFactory api) : IClassFixture<KestrelAgentApiFactory>
{
    private ScriptedLlmServer Llm => api.Llm;

    private async Task<(TenantClient Client, string AgentId)> ChatClientAsync(string name)
    {
        Llm.Reset();
        var org = await api.Tenants.CreateOrganizationAsync(name);
        var client = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        await client.Http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig());
        await client.Http.PostJsonAsync("/users/create_or_get", new { user_id = "alice", name = "alice" });
        await client.Http.PostJsonAsync("/memory/semantic", new
        {
            user_id = "alice",
            items = new object[] { new { name = "Ana", summary = "The user's sister, lives in Porto", details = "Ana lives in Porto and teaches piano." } },
        });
        var agent = (await client.Http.PostJsonAsync("/agents", new { name = "helper", agent_type = "chat_agent" }))!;
        Assert.Equal("chat_agent", agent["agent_type"]!.GetValue<string>());
        return (client, agent["id"]!.GetValue<string>());
    }

    private static object Ask(string text, bool stream = false) => new { message = text, role = "user", user_id = "alice", stream_tokens = stream, stream_steps = false };

    [Fact]
    public async Task A_chat_agent_answers_from_memory_and_the_turn_is_queued_for_memory()
    {
        var (client, agentId) = await ChatClientAsync("chat-basic");
        using var _c = client;

        using var response = await client.Http.PostAsJsonAsync($"/agents/{agentId}/messages", Ask("Where does Ana live?"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.ReadJsonAsync())!;

        var types = body["messages"]!.AsArray().Select(m => m!["message_type"]!.GetValue<string>()).ToList();
        Assert.Equal(["tool_call_message", "tool_return_message", "assistant_message"], types);
        Assert.Equal("search_in_memory", body["messages"]![0]!["tool_call"]!["name"]!.GetValue<string>());
        Assert.Contains("Porto", body["messages"]![2]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, body["usage"]!["step_count"]!.GetValue<int>());
        Assert.True(body["usage"]!["total_tokens"]!.GetValue<long>() > 0);
        // The user's relevant memory was in the system prompt before any tool ran.
        Assert.Contains("Ana", Llm.Calls.First(c => c.IsChat).System, StringComparison.Ordinal);

        var operationId = response.Headers.GetValues("X-Operation-Id").Single();
        var operation = await OperationPolling.WaitForAsync(client.Http, operationId, "succeeded", "dead_lettered");
        Assert.Equal("agents", operation["mode"]!.GetValue<string>());
        Assert.Equal(2, operation["message_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Streaming_sends_tool_events_token_deltas_and_a_final_event_with_usage()
    {
        var (client, agentId) = await ChatClientAsync("chat-stream");
        using var _c = client;

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/agents/{agentId}/messages", UriKind.Relative)) { Content = JsonContent.Create(Ask("Where does Ana live?", stream: true)) };
        using var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<(string Type, JsonObject Data)>();
        await using (var stream = await response.Content.ReadAsStreamAsync())
        {
            await foreach (var item in SseParser.Create(stream).EnumerateAsync())
            {
                events.Add((item.EventType, JsonNode.Parse(item.Data)!.AsObject()));
            }
        }

        Assert.Equal("tool_call", events[0].Type);
        Assert.Equal("search_in_memory", events[0].Data["name"]!.GetValue<string>());
        Assert.Equal("tool_result", events[1].Type);
        Assert.Equal("success", events[1].Data["status"]!.GetValue<string>());
        var tokens = events.Where(e => e.Type == "token").Select(e => e.Data["delta"]!.GetValue<string>()).ToList();
        Assert.True(tokens.Count > 3, $"{tokens.Count} token events");
        var final = events[^1];
        Assert.Equal("final", final.Type);
        Assert.Equal(string.Concat(tokens), final.Data["content"]!.GetValue<string>());
        Assert.Contains("Porto", final.Data["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, final.Data["usage"]!["step_count"]!.GetValue<int>());
        Assert.StartsWith("op-", final.Data["operation_id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_disconnects_cancels_the_model_call_within_a_second_and_nothing_is_queued()
    {
        var (client, agentId) = await ChatClientAsync("chat-disconnect");
        using var _c = client;
        Llm.TokenDelay = TimeSpan.FromMilliseconds(100);
        Llm.ChatText = _ => string.Join(' ', Enumerable.Repeat("la", 300)); // 30 s of tokens

        // A client that goes away closes its connection: no draining of the rest of the response first.
        using var impatient = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = client.Http.BaseAddress };
        foreach (var header in client.Http.DefaultRequestHeaders)
        {
            impatient.DefaultRequestHeaders.TryAddWithoutValidation(header.Key, header.Value);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/agents/{agentId}/messages", UriKind.Relative)) { Content = JsonContent.Create(Ask("Sing me something long", stream: true)) };
        var response = await impatient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        var tokens = 0;
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            if (item.EventType == "token" && ++tokens == 3)
            {
                break;
            }
        }
        var disconnected = DateTimeOffset.UtcNow;
        await stream.DisposeAsync();
        response.Dispose();
        request.Dispose();

        await Eventually.WaitUntilAsync(() => !Llm.AbortedStreams.IsEmpty, "the model server saw its request aborted", TimeSpan.FromSeconds(5));
        Llm.AbortedStreams.TryPeek(out var aborted);
        Assert.True(aborted - disconnected < TimeSpan.FromSeconds(1), $"the model call was cancelled {(aborted - disconnected).TotalMilliseconds:0} ms after the disconnect");
        var operations = (await client.Http.GetJsonAsync("/memory/operations?user_id=alice"))!["operations"]!.AsArray();
        Assert.Empty(operations);
    }

    [Fact]
    public async Task A_hung_model_is_a_504_problem_within_the_time_out()
    {
        var (client, agentId) = await ChatClientAsync("chat-hang");
        using var _c = client;
        Llm.Enqueue(new LlmFault(LlmFaultKind.Hang));

        var clock = Stopwatch.StartNew();
        using var response = await client.Http.PostAsJsonAsync($"/agents/{agentId}/messages", Ask("Hello?"));
        clock.Stop();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // The scripted model never answers, so any answer at all is the server's 2 s time-out cutting the call short. The
        // upper bound is loose because the suite shares 2 cores (a 4.8 s answer failed a 3.5 s bound once); only a time-out
        // that never fired would reach it.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Another_tenant_cannot_talk_to_the_agent_and_bad_messages_are_refused()
    {
        var (client, agentId) = await ChatClientAsync("chat-bad");
        using var _c = client;
        var otherOrg = await api.Tenants.CreateOrganizationAsync("chat-bad-other");
        using var stranger = await api.Tenants.CreateClientAsync(otherOrg, "notes", "notes");

        using var foreign = await stranger.Http.PostAsJsonAsync($"/agents/{agentId}/messages", Ask("Where does Ana live?"));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using var asAssistant = await client.Http.PostAsJsonAsync($"/agents/{agentId}/messages", new { message = "hi", role = "assistant", user_id = "alice" });
        Assert.Equal(HttpStatusCode.BadRequest, asAssistant.StatusCode);
        using var empty = await client.Http.PostAsJsonAsync($"/agents/{agentId}/messages", new { role = "user", user_id = "alice" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        var meta = (await client.Http.GetJsonAsync("/agents"))!.AsArray().First(a => a!["agent_type"]!.GetValue<string>() == "meta_memory_agent")!["id"]!.GetValue<string>();
        using var streamToMemoryAgent = await client.Http.PostAsJsonAsync($"/agents/{meta}/messages", Ask("hi", stream: true));
        Assert.Equal(HttpStatusCode.BadRequest, streamToMemoryAgent.StatusCode);
        Assert.DoesNotContain(Llm.Calls, c => c.IsChat);
    }
}
