using Mirix.IntegrationTests.Agents;
using Mirix.IntegrationTests.Infrastructure;
using Mirix.Mcp;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mirix.IntegrationTests.Mcp;

/// <summary><c>mirix-mcp</c>, the stdio launcher, started as a process and driven by the MCP C# client over its standard streams.</summary>
public sealed class StdioLauncherTests(KestrelAgentApiFactory api) : IClassFixture<KestrelAgentApiFactory>
{
    [Fact]
    public async Task The_launcher_starts_lists_the_servers_tools_and_forwards_calls_with_the_key()
    {
        var org = await api.Tenants.CreateOrganizationAsync("mcp-stdio");
        using var tenant = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        await tenant.Http.PostJsonAsync("/users/create_or_get", new { user_id = "alice", name = "alice" });
        await tenant.Http.PostJsonAsync("/memory/semantic", new { user_id = "alice", items = new object[] { new { name = "Stdio", summary = "Reached through the launcher" } } });
        var key = tenant.Http.DefaultRequestHeaders.GetValues("X-API-Key").Single();
        var launcher = Path.Combine(AppContext.BaseDirectory, "Mirix.Mcp.dll");

        await using var mcp = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "mirix-mcp",
            Command = "dotnet",
            Arguments = [launcher, "--url", tenant.Http.BaseAddress!.ToString(), "--api-key", key],
        }));

        var tools = await mcp.ListToolsAsync();
        Assert.Contains(tools, t => t.Name == "search_memory");
        Assert.Equal(7, tools.Count);
        var result = await mcp.CallToolAsync("search_memory", new Dictionary<string, object?> { ["query"] = "launcher", ["userId"] = "alice" });
        Assert.NotEqual(true, result.IsError);
        Assert.Contains("Stdio", string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--url", "http://h:1", "--api-key", "k" }, null, "http://h:1/mcp")]
    [InlineData(new string[0], "from-env", "http://127.0.0.1:8531/mcp")]
    [InlineData(new[] { "--url", "ftp://h" }, "k", null)]
    [InlineData(new[] { "--bogus" }, "k", null)]
    [InlineData(new string[0], null, null)]
    public void Options_come_from_arguments_then_the_environment(string[] args, string? environmentKey, string? endpoint)
    {
        var options = LauncherOptions.Parse(args, name => name == "MIRIX_API_KEY" ? environmentKey : null);

        Assert.Equal(endpoint, options.Endpoint?.ToString());
        Assert.Equal(endpoint is null, options.Error is not null);
    }
}
