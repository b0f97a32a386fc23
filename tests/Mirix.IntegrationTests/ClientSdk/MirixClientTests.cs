using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Client;
using Mirix.Contracts;
using Mirix.IntegrationTests.Agents;
using Mirix.IntegrationTests.Api;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.ClientSdk;

/// <summary>
/// Mirix.Client as an application registers it (<c>AddMirixClient</c>: service discovery, the resilience handler),
/// against the Api on Kestrel with the scripted model: every answer arrives typed.
/// </summary>
public sealed class MirixClientTests(KestrelAgentApiFactory api) : IClassFixture<KestrelAgentApiFactory>, IDisposable
{
    private const string Birthday = "My sister Ana's birthday is on 3 May. She lives in Porto.";
    private readonly List<ServiceProvider> _providers = [];

    private async Task<(IMirixClient Mirix, TenantClient Tenant)> ClientAsync(string name, bool withMetaAgent = true)
    {
        api.Llm.Reset();
        var org = await api.Tenants.CreateOrganizationAsync(name);
        var tenant = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        var mirix = Connect(tenant.ApiKey);
        await mirix.CreateOrGetUserAsync("alice", "Alice", "Europe/Lisbon");
        if (withMetaAgent)
        {
            var config = JsonSerializer.SerializeToNode(SdkContract.MetaConfig())!["config"]!.DeepClone().AsObject();
            var meta = await mirix.InitializeMetaAgentAsync(new InitializeMetaAgentRequest(config));
            Assert.Equal("meta_memory_agent", meta!.AgentType);
            Assert.Equal(6, meta.Children!.Count);
        }
        return (mirix, tenant);
    }

    private IMirixClient Connect(string apiKey)
    {
        using var probe = api.CreateClient();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddMirixClient(o =>
        {
            o.BaseAddress = probe.BaseAddress!;
            o.ApiKey = apiKey;
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IMirixClient>();
    }

    [Fact]
    public async Task A_conversation_is_filed_by_the_agents_and_read_back_typed()
    {
        var (mirix, tenant) = await ClientAsync("client-flow");
        using var _t = tenant;

        // No meta_agent_id: the server uses the client's own.
        var added = await mirix.AddAsync("alice", [ChatTurn.User(Birthday), ChatTurn.Assistant("Noted.")]);
        Assert.Equal("queued", added.Status);
        Assert.Equal("agents", added.Mode);
        var operation = await mirix.WaitForOperationAsync(added.OperationId, TimeSpan.FromMilliseconds(50));
        Assert.Equal("succeeded", operation.Status);
        Assert.Equal(added.AgentId, operation.AgentId);

        var found = await mirix.SearchAsync(new MemorySearchQuery("Ana") { UserId = "alice", SearchMethod = "bm25" });
        var semantic = Assert.Single(found.Results.OfType<SemanticHit>());
        Assert.Equal("Ana", semantic.Name);
        Assert.NotNull(semantic.Score);
        Assert.Contains(found.Results.OfType<EpisodicHit>(), e => e.When is not null && e.Summary.Length > 0);

        var components = await mirix.ListMemoryComponentsAsync("alice");
        Assert.Equal(1, components.Memories.Semantic!.TotalCount);
        Assert.Equal("Ana", components.Memories.Semantic.Items[0].Name);
        Assert.NotNull(components.Memories.Core);
        var semanticOnly = await mirix.ListMemoryComponentsAsync("alice", "semantic");
        Assert.Null(semanticOnly.Memories.Episodic);

        var retrieved = await mirix.RetrieveWithConversationAsync(new RetrieveConversationRequest(
            "alice", ChatTurn.ToMessages([ChatTurn.User("What should I get Ana for her birthday?")])));
        Assert.Equal("llm", retrieved.RetrievalMethod);
        Assert.Contains(retrieved.Memories.Semantic.Items, s => s.Name == "Ana");
        var byTopic = await mirix.RetrieveWithTopicAsync("alice", "Ana");
        Assert.Equal("Ana", byTopic.Topic);
        Assert.NotEmpty(byTopic.Memories.Semantic.Items);
    }

    [Fact]
    public async Task Typed_writes_edits_and_history_round_trip()
    {
        var (mirix, tenant) = await ClientAsync("client-typed", withMetaAgent: false);
        using var _t = tenant;

        var inserted = await mirix.InsertMemoriesAsync(MemoryTypes.Semantic, new InsertMemoriesRequest("alice",
            [new JsonObject { ["name"] = "Porto", ["summary"] = "A city in Portugal", ["details"] = "Ana lives there." }]));
        var porto = Assert.Single(inserted.Memories);
        Assert.Equal("Porto", porto.Name);

        var updated = await mirix.UpdateMemoryAsync(MemoryTypes.Semantic, porto.Id, new JsonObject { ["summary"] = "Portugal's second city" });
        Assert.Equal("Portugal's second city", updated.Memory.Summary);
        // A REST edit changes the row in place; only the agents' merges and replacements leave older versions.
        var history = await mirix.GetMemoryHistoryAsync(MemoryTypes.Semantic, updated.Memory.Id);
        var current = Assert.Single(history.History);
        Assert.Equal("Portugal's second city", current.Memory.Summary);
        Assert.Null(current.SupersededAt);

        var vault = await mirix.InsertMemoriesAsync(MemoryTypes.KnowledgeVault, new InsertMemoriesRequest("alice",
            [new JsonObject { ["entry_type"] = "credential", ["source"] = "user", ["sensitivity"] = "high", ["secret_value"] = "hunter2", ["caption"] = "Wi-Fi password" }]));
        Assert.Equal(KnowledgeVaultView.Redacted, Assert.Single(vault.Memories).SecretValue);

        var raw = await mirix.CreateRawMemoryAsync("alice", new CreateRawMemoryRequest("Ana's train arrives at 9."));
        var listed = await mirix.SearchRawAsync("alice", new SearchRawRequest(Query: "train"));
        Assert.Equal(raw.Memory.Id, Assert.Single(listed.Items).Id);
        Assert.True((await mirix.DeleteRawMemoryAsync(raw.Memory.Id)).Success);

        await mirix.InsertMemoriesAsync(MemoryTypes.Semantic, new InsertMemoriesRequest("alice",
            [new JsonObject { ["name"] = "Lisbon", ["summary"] = "Where Alice works", ["details"] = "Office by the river." }], new JsonObject { ["topic"] = "work" }));
        var work = await mirix.ListMemoryComponentsAsync("alice", "semantic", filterTags: new JsonObject { ["topic"] = "work" });
        Assert.Equal(["Lisbon"], work.Memories.Semantic!.Items.Select(s => s.Name));
        var badTags = await Assert.ThrowsAsync<MirixApiException>(() => mirix.ListMemoryComponentsAsync("alice", filterTags: new JsonObject { ["topic"] = new JsonObject { ["$regex"] = "w" } }));
        Assert.Contains("$regex", badTags.Detail, StringComparison.Ordinal);

        var block = await mirix.UpsertBlockAsync(new UpsertBlockRequest(null, "human", "Alice likes green tea.", UserId: "alice"));
        Assert.Contains(await mirix.ListBlocksAsync("alice", "human"), b => b.Id == block.Id && b.Value == "Alice likes green tea.");
    }

    [Fact]
    public async Task A_chat_turn_streams_as_typed_events_and_whole_as_mirix_messages()
    {
        var (mirix, tenant) = await ClientAsync("client-chat");
        using var _t = tenant;
        await mirix.InsertMemoriesAsync(MemoryTypes.Semantic, new InsertMemoriesRequest("alice",
            [new JsonObject { ["name"] = "Ana", ["summary"] = "The user's sister, lives in Porto", ["details"] = "Ana teaches piano." }]));
        var agent = await mirix.CreateAgentAsync(new CreateAgentRequest("helper", "chat_agent"));

        var events = new List<ChatStreamEvent>();
        await foreach (var e in mirix.StreamMessageAsync(agent.Id, new SendMessageRequest("Where does Ana live?", "user", "alice")))
        {
            events.Add(e);
        }

        Assert.IsType<ChatToolCall>(events[0]);
        Assert.Equal("success", Assert.IsType<ChatToolResult>(events[1]).Status);
        var tokens = events.OfType<ChatToken>().Select(t => t.Delta).ToList();
        var answer = Assert.IsType<ChatAnswer>(events[^1]);
        Assert.Equal(string.Concat(tokens), answer.Content);
        Assert.Contains("Porto", answer.Content, StringComparison.Ordinal);
        Assert.Equal(2, answer.Usage.StepCount);
        Assert.NotNull(answer.OperationId);

        var whole = await mirix.SendMessageAsync(agent.Id, new SendMessageRequest("Where does Ana live?", "user", "alice"));
        Assert.Equal(["tool_call_message", "tool_return_message", "assistant_message"], whole.Messages.Select(m => m.MessageType));
        Assert.Equal("search_in_memory", whole.Messages[0].ToolCall!.Name);
        Assert.Contains("Porto", whole.Messages[2].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_carry_the_servers_reason_and_a_repeated_add_is_filed_once()
    {
        var (mirix, tenant) = await ClientAsync("client-errors", withMetaAgent: false);
        using var _t = tenant;
        var (stranger, strangerTenant) = await ClientAsync("client-errors-other", withMetaAgent: false);
        using var _s = strangerTenant;

        var invalid = await Assert.ThrowsAsync<MirixApiException>(() => mirix.SearchAsync(new MemorySearchQuery("x") { MemoryType = "dreams" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Contains("memory_type", invalid.Detail, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", invalid.TraceId!);

        var request = new AddMemoryRequest("alice", null, ChatTurn.ToMessages([ChatTurn.User("I moved to Lisbon.")]), Mode: "raw");
        var first = await mirix.AddAsync(request, "move-1");
        var again = await mirix.AddAsync(request, "move-1");
        Assert.Equal(first.OperationId, again.OperationId);
        var other = await mirix.AddAsync(request);
        Assert.NotEqual(first.OperationId, other.OperationId);

        var hidden = await Assert.ThrowsAsync<MirixApiException>(() => stranger.GetOperationAsync(first.OperationId));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        var noAgent = await Assert.ThrowsAsync<MirixApiException>(() => mirix.AddAsync(request with { Mode = null }));
        Assert.Contains("meta_agent_id", noAgent.Detail, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }
}
