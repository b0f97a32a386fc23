using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Api;

/// <summary><c>POST /agents</c> and <c>PATCH /agents/{id}</c> with the bodies the MIRIX SDK sends (every field, null when unset).</summary>
public sealed class AgentEditTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private static JsonObject CreateBody(string? name) => new()
    {
        ["name"] = name, ["agent_type"] = "chat_agent", ["embedding_config"] = null, ["llm_config"] = null, ["memory"] = null,
        ["block_ids"] = null, ["system"] = null, ["tool_ids"] = null, ["tool_rules"] = new JsonArray(), ["include_base_tools"] = true,
        ["include_meta_memory_tools"] = false, ["metadata"] = null, ["description"] = null, ["initial_message_sequence"] = null, ["tags"] = null,
    };

    private static JsonObject UpdateBody() => new()
    {
        ["name"] = null, ["description"] = null, ["system"] = null, ["tool_ids"] = null, ["metadata"] = null, ["llm_config"] = null,
        ["embedding_config"] = null, ["message_ids"] = null, ["memory"] = null, ["tags"] = null,
    };

    [Fact]
    public async Task An_agent_created_with_sdk_defaults_runs_on_the_servers_models_and_can_be_changed()
    {
        var org = await api.Tenants.CreateOrganizationAsync("agent-edit");
        using var client = await api.Tenants.CreateClientAsync(org, "notes", "notes");

        var created = (await client.Http.PostJsonAsync("/agents", CreateBody("helper")))!;
        SdkContract.AssertAgentState(created);
        Assert.Equal("chat_agent", created["agent_type"]!.GetValue<string>());
        Assert.Equal("helper", created["name"]!.GetValue<string>());
        Assert.NotNull(created["llm_config"]!["model"]);
        Assert.Equal(384, created["embedding_config"]!["embedding_dim"]!.GetValue<int>()); // the local MiniLM
        var id = created["id"]!.GetValue<string>();

        var patch = UpdateBody();
        patch["name"] = "helper-2";
        patch["system"] = "Answer briefly.";
        patch["llm_config"] = new JsonObject { ["model"] = "big", ["model_endpoint_type"] = "openai", ["context_window"] = 32000 };
        patch["tags"] = new JsonArray("support");
        var updated = (await client.Http.SendJsonAsync(HttpMethod.Patch, $"/agents/{id}", patch))!;
        SdkContract.AssertAgentState(updated);
        var fetched = (await client.Http.GetJsonAsync($"/agents/{id}"))!;
        Assert.Equal("helper-2", fetched["name"]!.GetValue<string>());
        Assert.Equal("Answer briefly.", fetched["system"]!.GetValue<string>());
        Assert.Equal("big", fetched["llm_config"]!["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_bodies_are_refused_and_other_clients_agents_are_not_found()
    {
        var org = await api.Tenants.CreateOrganizationAsync("agent-edit-refusals");
        using var client = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        using var other = await api.Tenants.CreateClientAsync(org, "other", "other");
        var id = (await client.Http.PostJsonAsync("/agents", CreateBody(null)))!["id"]!.GetValue<string>();

        var cases = new (HttpMethod Method, string Path, Action<JsonObject> Change, HttpStatusCode Status, string Says)[]
        {
            (HttpMethod.Post, "/agents", b => b["memory"] = new JsonObject { ["blocks"] = new JsonArray() }, HttpStatusCode.UnprocessableEntity, "memory"),
            (HttpMethod.Post, "/agents", b => b["surprise"] = 1, HttpStatusCode.UnprocessableEntity, "surprise"),
            (HttpMethod.Post, "/agents", b => b["agent_type"] = "meta_memory_agent", HttpStatusCode.BadRequest, "meta/initialize"),
            (HttpMethod.Post, "/agents", b => b["agent_type"] = "wizard", HttpStatusCode.UnprocessableEntity, "agent_type"),
            (HttpMethod.Post, "/agents", b => b["llm_config"] = new JsonObject { ["model"] = "x" }, HttpStatusCode.UnprocessableEntity, "llm_config"),
            (HttpMethod.Patch, $"/agents/{id}", b => b["name"] = 42, HttpStatusCode.UnprocessableEntity, "name"),
            (HttpMethod.Patch, $"/agents/{id}", b => b["system"] = " ", HttpStatusCode.UnprocessableEntity, "system"),
            (HttpMethod.Patch, $"/agents/{id}", b => b["tool_ids"] = new JsonArray("tool-1"), HttpStatusCode.UnprocessableEntity, "tool_ids"),
        };
        foreach (var (method, path, change, status, says) in cases)
        {
            var body = method == HttpMethod.Post ? CreateBody("x") : UpdateBody();
            change(body);
            using var response = await client.Http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
            Assert.Equal(status, response.StatusCode);
            Assert.Contains(says, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var rename = UpdateBody();
        rename["name"] = "mine now";
        using var foreign = await other.Http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/agents/{id}") { Content = JsonContent.Create(rename) });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }
}
