using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Mirix.Agents.Llm;

namespace Mirix.Agents.Tests;

public sealed class LlmLayerTests
{
    private static LlmOptions Options(Dictionary<string, string?> values) =>
        LlmOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public void Named_models_inherit_the_default_endpoint_and_need_a_default_model()
    {
        var options = Options(new() { ["Mirix:Llm:Endpoint"] = "http://127.0.0.1:9/v1", ["Mirix:Llm:Model"] = "small", ["Mirix:Llm:Models:big:Model"] = "large-v2" });
        var all = options.AllModels();
        Assert.Equal(["default", "big"], all.Select(m => m.Name));
        Assert.Equal(new Uri("http://127.0.0.1:9/v1"), all[1].Model.Endpoint);
        Assert.False(Options([]).IsConfigured);
        Assert.Throws<InvalidOperationException>(() => Options(new() { ["Mirix:Llm:Models:big:Model"] = "large-v2" }));
        Assert.Throws<InvalidOperationException>(() => Options(new() { ["Mirix:Llm:Model"] = "m", ["Mirix:Llm:MaxConcurrency"] = "0" }));
    }

    [Fact]
    public void Providers_have_their_own_default_endpoints_and_a_named_model_on_another_provider_inherits_nothing()
    {
        var options = Options(new()
        {
            ["Mirix:Llm:Model"] = "gpt-4o-mini", ["Mirix:Llm:ApiKey"] = "sk-openai",
            ["Mirix:Llm:Models:claude:Provider"] = "Anthropic", ["Mirix:Llm:Models:claude:Model"] = "claude-sonnet-4-5",
        });
        var all = options.AllModels();
        Assert.Equal(new Uri("https://api.openai.com/v1"), all[0].Model.Endpoint);
        Assert.Equal(("anthropic", new Uri("https://api.anthropic.com"), (string?)null), (all[1].Model.Provider, all[1].Model.Endpoint, all[1].Model.ApiKey));
        Assert.Throws<InvalidOperationException>(() => Options(new() { ["Mirix:Llm:Model"] = "m", ["Mirix:Llm:Provider"] = "gemini" }));
    }

    [Fact]
    public void A_client_picks_an_operator_model_by_name_or_id_and_anything_else_gets_the_default()
    {
        using var small = new NullChatClient();
        using var large = new NullChatClient();
        var catalog = new LlmModelCatalog([new("default", "small", new Uri("http://a/v1"), small), new("big", "large-v2", new Uri("http://a/v1"), large)]);
        Assert.Equal("large-v2", catalog.Resolve("big").ModelId);
        Assert.Equal("large-v2", catalog.Resolve("LARGE-V2").ModelId);
        Assert.Equal("small", catalog.Resolve("gpt-4o-mini").ModelId);
        Assert.Equal("small", catalog.Resolve(null).ModelId);
    }

    [Fact]
    public async Task One_organization_cannot_take_more_than_its_share_of_calls()
    {
        using var gate = new LlmConcurrencyGate(new LlmOptions { MaxConcurrency = 4, MaxConcurrencyPerOrganization = 1 }, TimeProvider.System);
        var first = await gate.EnterAsync("org-a", CancellationToken.None);
        var second = gate.EnterAsync("org-a", CancellationToken.None);
        using (await gate.EnterAsync("org-b", CancellationToken.None))
        {
            Assert.False(second.IsCompleted);
            Assert.Equal(1, gate.Waiting);
            Assert.Equal(2, gate.InFlight);
        }
        first.Dispose();
        (await second).Dispose();
        Assert.Equal(0, gate.InFlight);
    }

    [Fact]
    public void Only_failures_a_retry_can_fix_are_retried()
    {
        Assert.True(LlmGateway.IsTransient(new HttpRequestException("connection refused")));
        Assert.True(LlmGateway.IsTransient(new Polly.Timeout.TimeoutRejectedException()));
        Assert.False(LlmGateway.IsTransient(new InvalidOperationException()));
        Assert.Null(LlmGateway.RetryAfter(new HttpRequestException(), TimeSpan.FromSeconds(30)));
    }

    private sealed class NullChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse());

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
