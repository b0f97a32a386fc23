using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Api;

/// <summary>An API key bound to one user serves that user only, also when it names another user's row by id.</summary>
public sealed class BoundKeyTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task A_key_bound_to_one_user_cannot_change_another_users_block_by_id()
    {
        var org = await api.Tenants.CreateOrganizationAsync("bound-blocks");
        using var client = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        await client.Http.PostJsonAsync("/users/create_or_get", new { user_id = "alice", name = "alice" });
        await client.Http.PostJsonAsync("/users/create_or_get", new { user_id = "bob", name = "bob" });
        var bobsBlock = (await client.Http.PostJsonAsync("/blocks", new { user_id = "bob", label = "human", value = "Bob likes tea." }))!["id"]!.GetValue<string>();

        using var op = await api.Tenants.OperatorAsync();
        using var keyResponse = await op.PostAsJsonAsync($"/clients/{client.ClientId}/api-keys", new { name = "alice only", user_id = "alice" });
        keyResponse.EnsureSuccessStatusCode();
        using var alice = api.CreateClient();
        alice.DefaultRequestHeaders.Add("X-API-Key", (await keyResponse.ReadJsonAsync())!["api_key"]!.GetValue<string>());

        using var hijack = await alice.PostAsJsonAsync("/blocks", new { id = bobsBlock, label = "human", value = "Bob owes Alice money." });
        Assert.Equal(HttpStatusCode.NotFound, hijack.StatusCode);
        var block = (await client.Http.GetJsonAsync($"/blocks/{bobsBlock}"))!;
        Assert.Equal("Bob likes tea.", block["value"]!.GetValue<string>());

        var own = (await alice.PostJsonAsync("/blocks", new { label = "human", value = "Alice runs." }))!;
        Assert.Equal("alice", own["user_id"]!.GetValue<string>());
    }
}
