using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Api;

/// <summary>The MIRIX SDK's request sequence (bootstrap, users, meta agent, components), with its parsing rules.</summary>
public abstract class SdkFlowTests(ApiFactory api)
{
    private readonly Tenants _tenants = api.Tenants;

    [Fact]
    public async Task Api_key_mode_bootstrap_user_meta_agent_and_components_succeed()
    {
        var org = await _tenants.CreateOrganizationAsync("sdk");
        using var tenant = await _tenants.CreateClientAsync(org, "drive", "drive");
        var http = tenant.Http;

        // MirixClient.create() in key mode sends null ids; the server answers with the caller's own org and client.
        var bootOrg = await http.PostJsonAsync("/organizations/create_or_get", new { org_id = (string?)null, name = "org" });
        Assert.Equal(org, bootOrg!["id"]!.GetValue<string>());
        using (var bootClient = await http.PostAsJsonAsync("/clients/create_or_get",
            new { client_id = (string?)null, name = "client", org_id = (string?)null, write_scope = "drive", read_scopes = new[] { "drive" }, status = "active" }))
        {
            Assert.Equal(HttpStatusCode.OK, bootClient.StatusCode);
            Assert.Equal(tenant.ClientId, (await bootClient.ReadJsonAsync())!["id"]!.GetValue<string>());
        }

        var user = await http.PostJsonAsync("/users/create_or_get", new { user_id = "drive-user-1", name = "Drive User" });
        Assert.Equal("drive-user-1", user!["id"]!.GetValue<string>());

        var meta = await http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig());
        SdkContract.AssertAgentState(meta);
        Assert.Equal("meta_memory_agent", meta!["agent_type"]!.GetValue<string>());
        var children = meta["children"]!.AsArray();
        Assert.Equal(6, children.Count);
        Assert.All(children, c => Assert.Equal(meta["id"]!.GetValue<string>(), c!["parent_id"]!.GetValue<string>()));
        Assert.Equal("gpt-4o-mini", meta["llm_config"]!["model"]!.GetValue<string>());
        Assert.Equal(1536, meta["embedding_config"]!["embedding_dim"]!.GetValue<int>());

        var again = await http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig());
        Assert.Equal(meta["id"]!.GetValue<string>(), again!["id"]!.GetValue<string>());

        var components = await http.GetJsonAsync("/memory/components?user_id=drive-user-1&memory_type=all&limit=50");
        Assert.True(components!["success"]!.GetValue<bool>());
        var memories = components["memories"]!.AsObject();
        foreach (var type in new[] { "episodic", "semantic", "procedural", "resource", "knowledge_vault", "core" })
        {
            Assert.True(memories.ContainsKey(type), $"components lack {type}");
        }
        // The core-memory templates of the config were copied to the user on first scoped access.
        var core = memories["core"]!["scopes"]!["drive"]!["items"]!.AsArray();
        Assert.Equal(["human", "persona"], core.Select(b => b!["label"]!.GetValue<string>()).Order());

        var fields = await http.GetJsonAsync("/memory/fields");
        Assert.Equal(["summary", "details"], fields!["fields"]!["episodic"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task Update_agents_reconciles_children_and_prompts_and_agents_can_be_listed_and_renamed_by_short_name()
    {
        var org = await _tenants.CreateOrganizationAsync("reconcile");
        using var tenant = await _tenants.CreateClientAsync(org, "app", "app");
        var http = tenant.Http;
        var meta = await http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig());

        var updated = await http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig(true, "episodic", "semantic_memory_agent"));
        Assert.Equal(meta!["id"]!.GetValue<string>(), updated!["id"]!.GetValue<string>());
        Assert.Equal(["episodic_memory_agent", "semantic_memory_agent"],
            updated["children"]!.AsArray().Select(c => c!["agent_type"]!.GetValue<string>()).Order());

        using var renamed = await http.PatchAsJsonAsync("/agents/by-name/episodic/system", new { system_prompt = "Only keep travel events." });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var list = (await http.GetJsonAsync("/agents"))!.AsArray();
        var listed = Assert.Single(list);
        SdkContract.AssertAgentState(listed);
        var episodic = listed!["children"]!.AsArray().Single(c => c!["agent_type"]!.GetValue<string>() == "episodic_memory_agent");
        Assert.Equal("Only keep travel events.", episodic!["system"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_read_only_client_gets_null_from_meta_initialize()
    {
        var org = await _tenants.CreateOrganizationAsync("readonly");
        using var tenant = await _tenants.CreateClientAsync(org, writeScope: null, "shared");

        using var response = await tenant.Http.PostAsJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await response.ReadJsonAsync());
    }

    [Fact]
    public async Task Meta_initialize_rejects_a_config_without_llm_config_with_a_problem_detail()
    {
        var org = await _tenants.CreateOrganizationAsync("badconfig");
        using var tenant = await _tenants.CreateClientAsync(org, "app", "app");

        using var response = await tenant.Http.PostAsJsonAsync("/agents/meta/initialize", new { config = new { embedding_config = new { } } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("llm_config", (await response.ReadJsonAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

public sealed class SqliteSdkFlowTests(SqliteApiFactory api) : SdkFlowTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresSdkFlowTests(PostgresApiFactory api) : SdkFlowTests(api), IClassFixture<PostgresApiFactory>;
