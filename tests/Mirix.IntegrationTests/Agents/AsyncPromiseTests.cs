using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Mirix.IntegrationTests.Api;
using Mirix.IntegrationTests.Infrastructure;
using Mirix.ScriptedLlm;

namespace Mirix.IntegrationTests.Agents;

/// <summary>
/// The async promises at small N, asserted by order of events rather than by timing (the timed figures are the
/// concurrency benchmark's): a slow model call holds up nobody else, rate limits are waited out, and an exhausted model
/// budget is a 503 with Retry-After, never a blocked thread or a 500.
/// </summary>
public sealed class AsyncPromiseTests(PromiseApiFactory api) : IClassFixture<PromiseApiFactory>
{
    internal static async Task<(TenantClient Client, string AgentId)> ChatClientAsync(AgentApiFactory api, string name)
    {
        api.Llm.Reset();
        var org = await api.Tenants.CreateOrganizationAsync(name);
        var client = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        await client.Http.PostJsonAsync("/users/create_or_get", new { user_id = "alice", name = "alice" });
        await client.Http.PostJsonAsync("/memory/semantic", new { user_id = "alice", items = new object[] { new { name = "Ana", summary = "The user's sister" } } });
        var agent = (await client.Http.PostJsonAsync("/agents", new { name = "helper", agent_type = "chat_agent" }))!;
        return (client, agent["id"]!.GetValue<string>());
    }

    internal static object Ask(string text) => new { message = text, role = "user", user_id = "alice" };

    [Fact]
    public async Task Short_requests_finish_while_a_slow_model_call_is_in_flight()
    {
        var (client, agentId) = await ChatClientAsync(api, "promise-slow");
        using var _c = client;
        api.Llm.ChatSearchesFirst = false;
        api.Llm.LatencyFor = call => call.LastUser.Contains("slow", StringComparison.Ordinal) ? TimeSpan.FromSeconds(8) : TimeSpan.FromMilliseconds(50);

        var slow = client.Http.PostAsJsonAsync($"/agents/{agentId}/messages", Ask("a slow question"));
        await Eventually.WaitUntilAsync(() => api.Llm.Calls.Any(c => c.LastUser.Contains("slow", StringComparison.Ordinal)), "the slow call reached the model");

        var clock = Stopwatch.StartNew();
        var shorts = Enumerable.Range(0, 24).Select(async i =>
        {
            using var response = i % 2 == 0
                ? await client.Http.GetAsync(new Uri("/memory/search?user_id=alice&query=Ana&memory_type=all&search_method=bm25", UriKind.Relative))
                : await client.Http.PostAsJsonAsync($"/agents/{agentId}/messages", Ask($"quick question {i}"));
            return response.StatusCode;
        }).ToList();
        var statuses = await Task.WhenAll(shorts);
        clock.Stop();

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.False(slow.IsCompleted, $"24 short requests took {clock.Elapsed.TotalSeconds:0.0} s: as long as the slow one");
        using var slowResponse = await slow;
        Assert.Equal(HttpStatusCode.OK, slowResponse.StatusCode);
    }

    [Fact]
    public async Task A_storm_of_429s_is_waited_out_honouring_retry_after()
    {
        var (client, agentId) = await ChatClientAsync(api, "promise-429");
        using var _c = client;
        api.Llm.ChatSearchesFirst = false;
        api.Llm.Enqueue(new LlmFault(LlmFaultKind.RateLimited, RetryAfterSeconds: 1), new LlmFault(LlmFaultKind.RateLimited, RetryAfterSeconds: 1));

        using var response = await client.Http.PostAsJsonAsync($"/agents/{agentId}/messages", Ask("Who is Ana?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = api.Llm.Calls.Where(c => c.IsChat).Select(c => c.At).ToList();
        Assert.Equal(3, calls.Count);
        Assert.True(calls[1] - calls[0] >= TimeSpan.FromSeconds(0.9) && calls[2] - calls[1] >= TimeSpan.FromSeconds(0.9), "each retry waited for Retry-After");
    }
}

/// <summary>One model slot, one waiter, one second of patience: what is beyond the budget is refused at once, with Retry-After.</summary>
public sealed class OverloadPromiseTests(OverloadApiFactory api) : IClassFixture<OverloadApiFactory>
{
    [Fact]
    public async Task Requests_beyond_the_model_budget_get_503_with_retry_after_and_the_queue_recovers()
    {
        var (client, agentId) = await AsyncPromiseTests.ChatClientAsync(api, "promise-overload");
        using var _c = client;
        api.Llm.ChatSearchesFirst = false;
        api.Llm.LatencyFor = call => call.LastUser.Contains("slow", StringComparison.Ordinal) ? TimeSpan.FromSeconds(4) : null;

        var slow = client.Http.PostAsJsonAsync($"/agents/{agentId}/messages", AsyncPromiseTests.Ask("a slow question"));
        await Eventually.WaitUntilAsync(() => api.Llm.Calls.Any(c => c.LastUser.Contains("slow", StringComparison.Ordinal)), "the slow call holds the only slot");
        var waiter = client.Http.PostAsJsonAsync($"/agents/{agentId}/messages", AsyncPromiseTests.Ask("second"));
        await Task.Delay(200); // the second is now the one waiter
        using var third = await client.Http.PostAsJsonAsync($"/agents/{agentId}/messages", AsyncPromiseTests.Ask("third"));
        using var second = await waiter;

        foreach (var refused in new[] { third, second })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        }
        using var slowResponse = await slow;
        Assert.Equal(HttpStatusCode.OK, slowResponse.StatusCode);
        using var after = await client.Http.PostAsJsonAsync($"/agents/{agentId}/messages", AsyncPromiseTests.Ask("after the storm"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Empty(api.ServerErrors.Errors);
    }
}
