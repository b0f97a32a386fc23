using System.Net;
using System.Net.Http.Json;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Api;

/// <summary>MIRIX's scope model: write_scope tags writes, read_scopes filter reads, templates are shared per scope.</summary>
public abstract class ScopeTests(ApiFactory api)
{
    private readonly Tenants _tenants = api.Tenants;

    [Fact]
    public async Task Readers_see_exactly_their_granted_scopes_and_cannot_modify_what_they_only_read()
    {
        var org = await _tenants.CreateOrganizationAsync("scopes");
        using var privateWriter = await _tenants.CreateClientAsync(org, "private", "private");
        using var sharedWriter = await _tenants.CreateClientAsync(org, "shared", "shared");
        using var multiReader = await _tenants.CreateClientAsync(org, null, "private", "shared");
        using var sharedReader = await _tenants.CreateClientAsync(org, "mine", "shared");
        using var blind = await _tenants.CreateClientAsync(org, "blind");
        await privateWriter.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u" });
        await privateWriter.Http.PostJsonAsync("/memory/semantic", new { user_id = "u", items = new[] { new { name = "private fact", summary = "p" } } });
        var shared = await sharedWriter.Http.PostJsonAsync("/memory/semantic", new { user_id = "u", items = new[] { new { name = "shared fact", summary = "s" } } });
        var sharedId = shared!["memories"]![0]!["id"]!.GetValue<string>();

        async Task<string[]> NamesAsync(HttpClient http) =>
            (await http.GetJsonAsync("/memory/components?user_id=u&memory_type=semantic"))!["memories"]!["semantic"]!["items"]!.AsArray()
                .Select(i => i!["name"]!.GetValue<string>()).Order().ToArray();

        Assert.Equal(["private fact", "shared fact"], await NamesAsync(multiReader.Http));
        Assert.Equal(["shared fact"], await NamesAsync(sharedReader.Http));
        Assert.Equal(["private fact"], await NamesAsync(privateWriter.Http));
        Assert.Empty(await NamesAsync(blind.Http));

        using var readerPatch = await sharedReader.Http.PatchAsJsonAsync($"/memory/semantic/{sharedId}", new { summary = "changed" });
        using var readerDelete = await sharedReader.Http.DeleteAsync(new Uri($"/memory/semantic/{sharedId}", UriKind.Relative));
        using var readOnlyWrite = await multiReader.Http.PostAsJsonAsync("/memory/semantic", new { user_id = "u", items = new[] { new { name = "x", summary = "y" } } });
        Assert.Equal(HttpStatusCode.Forbidden, readerPatch.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readerDelete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOnlyWrite.StatusCode);
    }

    [Fact]
    public async Task Templates_are_shared_per_write_scope_seeded_once_and_copied_only_for_a_single_read_scope()
    {
        var org = await _tenants.CreateOrganizationAsync("templates");
        using var first = await _tenants.CreateClientAsync(org, "team", "team");
        using var second = await _tenants.CreateClientAsync(org, "team", "team");
        using var twoScopes = await _tenants.CreateClientAsync(org, null, "team", "other");
        await first.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u1" });
        await first.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u2" });
        await first.Http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig());
        await second.Http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig());

        var multi = (await twoScopes.Http.GetJsonAsync("/blocks?user_id=u1"))!.AsArray();
        var copied = (await second.Http.GetJsonAsync("/blocks?user_id=u1"))!.AsArray();
        var again = (await first.Http.GetJsonAsync("/blocks?user_id=u1"))!.AsArray();
        var persona = (await first.Http.GetJsonAsync("/blocks?user_id=u2&label=persona"))!.AsArray();

        Assert.Empty(multi);
        Assert.Equal(["human", "persona"], copied.Select(b => b!["label"]!.GetValue<string>()).Order());
        Assert.All(copied, b => Assert.Equal("team", b!["filter_tags"]!["scope"]!.GetValue<string>()));
        Assert.Equal(copied.Select(b => b!["id"]!.GetValue<string>()).Order(), again.Select(b => b!["id"]!.GetValue<string>()).Order());
        Assert.Equal("I am a helpful assistant.", Assert.Single(persona)!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Blocks_are_written_in_the_write_scope_with_the_limit_enforced()
    {
        var org = await _tenants.CreateOrganizationAsync("blocks");
        using var writer = await _tenants.CreateClientAsync(org, "team", "team");
        using var other = await _tenants.CreateClientAsync(org, "else", "else");
        var blockId = "block-" + Guid.NewGuid();

        var created = await writer.Http.PostJsonAsync("/blocks",
            new { id = blockId, label = "human", value = "Likes tea.", limit = 50, user_id = (string?)null, filter_tags = new { scope = "forged" } });
        using var tooLong = await writer.Http.PostAsJsonAsync("/blocks", new { id = blockId, label = "human", value = new string('x', 51), limit = 50 });
        var updated = await writer.Http.PostJsonAsync("/blocks", new { id = blockId, label = "human", value = "Likes green tea.", limit = 50 });
        using var foreign = await other.Http.PostAsJsonAsync("/blocks", new { id = blockId, label = "human", value = "hijacked", limit = 50 });

        Assert.Equal("team", created!["filter_tags"]!["scope"]!.GetValue<string>());
        Assert.Equal($"user-{writer.ClientId["client-".Length..]}", created["user_id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Equal("Likes green tea.", updated!["value"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }
}

public sealed class SqliteScopeTests(SqliteApiFactory api) : ScopeTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresScopeTests(PostgresApiFactory api) : ScopeTests(api), IClassFixture<PostgresApiFactory>;
