using System.Net;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Agents;

/// <summary>MIRIX's <c>/tools</c> and <c>/config/*</c> routes, and the 501s of the MIRIX routes we do not serve.</summary>
public sealed class ToolsAndConfigTests(SqliteAgentApiFactory api) : IClassFixture<SqliteAgentApiFactory>
{
    [Fact]
    public async Task Tools_are_listed_and_read_by_id_or_name()
    {
        var org = await api.Tenants.CreateOrganizationAsync("tools");
        using var client = await api.Tenants.CreateClientAsync(org, "notes", "notes");

        var tools = (await client.Http.GetJsonAsync("/tools"))!.AsArray();
        var names = tools.Select(t => t!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("episodic_memory_insert", names);
        Assert.Contains("search_in_memory", names);
        Assert.Equal(names.Distinct().Count(), names.Count);
        var insert = tools.Single(t => t!["name"]!.GetValue<string>() == "episodic_memory_insert")!;
        Assert.Equal("mirix_memory_core", insert["tool_type"]!.GetValue<string>());
        Assert.Equal(org, insert["organization_id"]!.GetValue<string>());
        Assert.Equal("object", insert["json_schema"]!["parameters"]!["type"]!.GetValue<string>());

        var byId = (await client.Http.GetJsonAsync("/tools/tool-search_in_memory"))!;
        Assert.Equal("mirix_core", byId["tool_type"]!.GetValue<string>());
        var page = (await client.Http.GetJsonAsync($"/tools?limit=2&cursor={tools[1]!["id"]}"))!.AsArray();
        Assert.Equal(tools[2]!["id"]!.GetValue<string>(), page[0]!["id"]!.GetValue<string>());

        using var missing = await client.Http.GetAsync(new Uri("/tools/tool-nope", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Config_lists_the_operators_models_without_keys_and_only_to_callers_with_a_key()
    {
        var org = await api.Tenants.CreateOrganizationAsync("config");
        using var client = await api.Tenants.CreateClientAsync(org, "notes", "notes");

        var llm = Assert.Single((await client.Http.GetJsonAsync("/config/llm"))!.AsArray())!;
        Assert.Equal("scripted-model", llm["model"]!.GetValue<string>());
        Assert.Equal("openai", llm["model_endpoint_type"]!.GetValue<string>());
        Assert.DoesNotContain("key", llm.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var embedding = Assert.Single((await client.Http.GetJsonAsync("/config/embedding"))!.AsArray())!;
        Assert.True(embedding["embedding_dim"]!.GetValue<int>() > 0);

        using var anonymous = api.CreateClient();
        using var refused = await anonymous.GetAsync(new Uri("/config/llm", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/tools")]
    [InlineData("DELETE", "/tools/tool-search_in_memory")]
    [InlineData("GET", "/agents/agent-1/memory/archival")]
    [InlineData("GET", "/agents/agent-1/messages")]
    public async Task Mirix_routes_we_do_not_serve_answer_501_naming_the_route(string method, string path)
    {
        var org = await api.Tenants.CreateOrganizationAsync("unsupported");
        using var client = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await response.ReadJsonAsync())!["detail"]!.GetValue<string>();
        Assert.StartsWith($"{method} {path.Replace("tool-search_in_memory", "{toolId}", StringComparison.Ordinal).Replace("agent-1", "{agentId}", StringComparison.Ordinal)} is a MIRIX route", detail, StringComparison.Ordinal);
    }
}
