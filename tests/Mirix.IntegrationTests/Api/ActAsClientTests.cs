using System.Net;
using System.Net.Http.Json;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Api;

/// <summary>
/// A dashboard account reading as one of the clients it manages (<c>X-Mirix-Client</c>), as the memory browser does:
/// the client's memories and scopes, never the account's operator rights.
/// </summary>
public sealed class ActAsClientTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task The_operator_reads_as_a_client_with_its_scopes_and_without_operator_rights()
    {
        var org = await api.Tenants.CreateOrganizationAsync("act-as");
        using var notes = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        using var other = await api.Tenants.CreateClientAsync(org, "private", "private");
        await notes.Http.PostJsonAsync("/memory/raw?user_id=alice", new { context = "Ana lives in Porto." });
        await other.Http.PostJsonAsync("/memory/raw?user_id=alice", new { context = "Ana's passport number." });
        using var browser = await api.Tenants.OperatorAsync();
        browser.DefaultRequestHeaders.Add("X-Mirix-Client", notes.ClientId);

        var seen = (await browser.PostJsonAsync("/memory/search_raw?user_id=alice", new { }))!["items"]!.AsArray();
        Assert.Equal(["Ana lives in Porto."], seen.Select(i => i!["context"]!.GetValue<string>()));
        var organizations = (await browser.GetJsonAsync("/organizations"))!.AsArray();
        Assert.Equal([org], organizations.Select(o => o!["id"]!.GetValue<string>()));
        using var newOrg = await browser.PostAsJsonAsync("/organizations", new { name = "not-as-a-client" });
        Assert.Equal(HttpStatusCode.Forbidden, newOrg.StatusCode);

        using var stranger = await api.Tenants.OperatorAsync();
        stranger.DefaultRequestHeaders.Add("X-Mirix-Client", "client-does-not-exist");
        using var missing = await stranger.GetAsync(new Uri("/agents", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        // An API key cannot act as another client: the header counts only with a dashboard token.
        notes.Http.DefaultRequestHeaders.Add("X-Mirix-Client", other.ClientId);
        var ownView = (await notes.Http.PostJsonAsync("/memory/search_raw?user_id=alice", new { }))!["items"]!.AsArray();
        Assert.Equal(["Ana lives in Porto."], ownView.Select(i => i!["context"]!.GetValue<string>()));
    }
}
