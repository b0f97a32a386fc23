using System.Net;
using System.Text.Json.Nodes;
using Mirix.IntegrationTests.Agents;
using Mirix.IntegrationTests.Api;
using Mirix.IntegrationTests.Infrastructure;
using Mirix.IntegrationTests.Ingestion;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mirix.IntegrationTests.Mcp;

/// <summary>The MCP server at <c>/mcp</c>, driven by the official MCP C# client over streamable HTTP with the tenants' API keys.</summary>
public sealed class McpServerTests(SqliteAgentApiFactory api) : IClassFixture<SqliteAgentApiFactory>
{
    private static readonly string[] ToolNames =
        ["add_memory", "delete_memory", "get_memory", "list_memories", "read_core_memory", "retrieve_for_conversation", "search_memory"];

    private static async Task<McpClient> ConnectAsync(TenantClient tenant) =>
        await McpClient.CreateAsync(new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(tenant.Http.BaseAddress!, "/mcp"), TransportMode = HttpTransportMode.StreamableHttp }, tenant.Http));

    private static async Task<(JsonNode? Body, bool IsError, string Text)> CallAsync(McpClient mcp, string tool, Dictionary<string, object?> arguments)
    {
        var result = await mcp.CallToolAsync(tool, arguments);
        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        return (result.IsError == true ? null : JsonNode.Parse(text), result.IsError == true, text);
    }

    [Fact]
    public async Task Every_tool_works_for_its_tenant_and_another_tenants_key_sees_nothing()
    {
        api.Llm.Reset();
        var org = await api.Tenants.CreateOrganizationAsync("mcp-tenant");
        using var tenant = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        await tenant.Http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig());
        await tenant.Http.PostJsonAsync("/users/create_or_get", new { user_id = "alice", name = "alice" });
        await using var mcp = await ConnectAsync(tenant);

        var tools = await mcp.ListToolsAsync();
        Assert.Equal(ToolNames, tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));

        var added = (await CallAsync(mcp, "add_memory", new()
        {
            ["messages"] = new[] { new { role = "user", content = "My sister Ana's birthday is on 3 May." } },
            ["userId"] = "alice",
        })).Body!;
        Assert.Equal("agents", added["mode"]!.GetValue<string>());
        await OperationPolling.WaitForAsync(tenant.Http, added["operation_id"]!.GetValue<string>(), "succeeded", "dead_lettered");

        var found = (await CallAsync(mcp, "search_memory", new() { ["query"] = "Ana birthday", ["userId"] = "alice" })).Body!;
        var semantic = found["results"]!.AsArray().First(r => r!["memory_type"]!.GetValue<string>() == "semantic")!;
        var id = semantic["id"]!.GetValue<string>();
        Assert.Contains("Ana", semantic["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var listed = (await CallAsync(mcp, "list_memories", new() { ["memoryType"] = "episodic", ["userId"] = "alice" })).Body!;
        Assert.Single(listed["items"]!.AsArray());
        var one = (await CallAsync(mcp, "get_memory", new() { ["memoryType"] = "semantic", ["id"] = id })).Body!;
        Assert.Equal("alice", one["user_id"]!.GetValue<string>());
        Assert.Equal(id, one["semantic_item_id"]!.GetValue<string>());
        var retrieved = (await CallAsync(mcp, "retrieve_for_conversation", new()
        {
            ["messages"] = new[] { new { role = "user", content = "What should I get Ana?" } },
            ["userId"] = "alice",
        })).Body!;
        Assert.Equal("llm", retrieved["retrieval_method"]!.GetValue<string>());
        Assert.Contains(retrieved["memories"]!.AsArray(), m => m!["id"]!.GetValue<string>() == id);
        var core = (await CallAsync(mcp, "read_core_memory", new() { ["userId"] = "alice" })).Body!;
        Assert.Equal("alice", core["user_id"]!.GetValue<string>());

        // Another organization's key: the user does not exist there, and the memory is not visible.
        var otherOrg = await api.Tenants.CreateOrganizationAsync("mcp-stranger");
        using var stranger = await api.Tenants.CreateClientAsync(otherOrg, "notes", "notes");
        await using var strangerMcp = await ConnectAsync(stranger);
        foreach (var (tool, arguments) in new (string, Dictionary<string, object?>)[]
        {
            ("search_memory", new() { ["query"] = "Ana birthday", ["userId"] = "alice" }),
            ("get_memory", new() { ["memoryType"] = "semantic", ["id"] = id }),
            ("delete_memory", new() { ["memoryType"] = "semantic", ["id"] = id }),
            ("read_core_memory", new() { ["userId"] = "alice" }),
        })
        {
            var (_, isError, text) = await CallAsync(strangerMcp, tool, arguments);
            Assert.True(isError, $"{tool} answered the stranger: {text}");
            Assert.DoesNotContain("birthday", text, StringComparison.OrdinalIgnoreCase);
        }
        var strangerSearch = (await CallAsync(strangerMcp, "search_memory", new() { ["query"] = "Ana birthday" })).Body!;
        Assert.Equal(0, strangerSearch["count"]!.GetValue<int>());

        var deleted = (await CallAsync(mcp, "delete_memory", new() { ["memoryType"] = "semantic", ["id"] = id })).Body!;
        Assert.Equal(id, deleted["deleted"]!.GetValue<string>());
        Assert.True((await CallAsync(mcp, "get_memory", new() { ["memoryType"] = "semantic", ["id"] = id })).IsError);
    }

    [Fact]
    public async Task The_mcp_endpoint_needs_an_api_key_and_bad_arguments_are_tool_errors()
    {
        using var anonymous = api.CreateClient();
        using var refused = await anonymous.PostAsync(new Uri("/mcp", UriKind.Relative),
            new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var org = await api.Tenants.CreateOrganizationAsync("mcp-bad");
        using var tenant = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        await using var mcp = await ConnectAsync(tenant);
        var (_, isError, text) = await CallAsync(mcp, "list_memories", new() { ["memoryType"] = "dreams" });
        Assert.True(isError);
        Assert.Contains("memory_type must be one of", text, StringComparison.Ordinal);
    }
}
