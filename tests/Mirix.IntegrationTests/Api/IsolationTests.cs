using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Api;

/// <summary>
/// One tenant writes; other callers try every route on its data: a client of another organization (with the same scope
/// names and the same user id), a client of the same organization with another scope, and a revoked key. Nothing may be
/// read, changed or deleted across the boundary.
/// </summary>
public abstract class IsolationTests(ApiFactory api)
{
    private const string Secret = "SECRET-OF-TENANT-A";

    private sealed record Victim(TenantClient Client, string OrgId, Dictionary<string, string> Ids);

    [Fact]
    public async Task No_route_crosses_an_organization_a_scope_or_a_revoked_key()
    {
        var tenants = api.Tenants;
        var victim = await SeedVictimAsync(tenants);
        var otherOrg = await tenants.CreateOrganizationAsync("attacker-org");
        using var otherOrgClient = await tenants.CreateClientAsync(otherOrg, "a", "a");
        await otherOrgClient.Http.PostJsonAsync("/users/create_or_get", new { user_id = "alice" });
        using var otherScopeClient = await tenants.CreateClientAsync(victim.OrgId, "c", "c");
        using var revokedKey = await tenants.CreateClientAsync(victim.OrgId, "a", "a");
        using (var op = await tenants.OperatorAsync())
        {
            (await op.DeleteAsync(new Uri($"/clients/{revokedKey.ClientId}/api-keys/{revokedKey.ApiKeyId}", UriKind.Relative))).Dispose();
        }
        await Task.Delay(Mirix.Core.Tenancy.ClientDirectory.CacheLifetime + TimeSpan.FromMilliseconds(200));

        var attackers = new (string Name, HttpClient Http, bool MustBeRejected)[]
        {
            ("other organization", otherOrgClient.Http, false),
            ("other scope", otherScopeClient.Http, false),
            ("revoked key", revokedKey.Http, true),
        };
        var failures = new List<string>();
        foreach (var (name, http, mustBeRejected) in attackers)
        {
            foreach (var (method, path, body) in Attacks(victim))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body);
                }
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                if (status >= 500 || text.Contains(Secret, StringComparison.Ordinal) || (mustBeRejected && status != 401))
                {
                    failures.Add($"{name}: {method} {path} -> {status} {text[..Math.Min(200, text.Length)]}");
                }
            }
        }

        Assert.Empty(failures);
        await AssertVictimIntactAsync(victim);
    }

    private static async Task<Victim> SeedVictimAsync(Tenants tenants)
    {
        var org = await tenants.CreateOrganizationAsync("victim");
        var a = await tenants.CreateClientAsync(org, "a", "a");
        var http = a.Http;
        await http.PostJsonAsync("/users/create_or_get", new { user_id = "alice" });
        var ids = new Dictionary<string, string>();
        var items = new Dictionary<string, object>
        {
            ["episodic"] = new { summary = Secret, details = Secret, occurred_at = "2026-01-01T00:00:00Z" },
            ["semantic"] = new { name = Secret, summary = Secret, details = Secret },
            ["procedural"] = new { summary = Secret, steps = new[] { Secret } },
            ["resource"] = new { title = Secret, summary = Secret, content = Secret },
            ["knowledge_vault"] = new { entry_type = "password", sensitivity = "low", secret_value = Secret, caption = Secret },
        };
        foreach (var (kind, item) in items)
        {
            var created = await http.PostJsonAsync($"/memory/{kind}", new { user_id = "alice", items = new[] { item } });
            ids[kind] = created!["memories"]![0]!["id"]!.GetValue<string>();
        }
        ids["raw"] = (await http.PostJsonAsync("/memory/raw?user_id=alice", new { context = Secret }))!["memory"]!["id"]!.GetValue<string>();
        ids["block"] = (await http.PostJsonAsync("/blocks", new { label = "human", value = Secret, limit = 5000, user_id = "alice" }))!["id"]!.GetValue<string>();
        ids["agent"] = (await http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig()))!["id"]!.GetValue<string>();
        ids["operation"] = (await http.PostJsonAsync("/memory/add_sync", new { user_id = "alice", meta_agent_id = ids["agent"], messages = new[] { Secret } }))!["operation_id"]!.GetValue<string>();
        using (var system = await http.PatchAsJsonAsync($"/agents/{ids["agent"]}/system", new { system_prompt = Secret }))
        {
            system.EnsureSuccessStatusCode();
        }
        return new Victim(a, org, ids);
    }

    private static IEnumerable<(string Method, string Path, object? Body)> Attacks(Victim v)
    {
        var ids = v.Ids;
        var client = v.Client.ClientId;
        foreach (var kind in new[] { "episodic", "semantic", "procedural", "resource", "knowledge_vault" })
        {
            yield return ("PATCH", $"/memory/{kind}/{ids[kind]}", new { summary = "pwned" });
            yield return ("DELETE", $"/memory/{kind}/{ids[kind]}", null);
        }
        yield return ("GET", $"/memory/raw/{ids["raw"]}", null);
        yield return ("GET", $"/memory/raw/{ids["raw"]}?user_id=alice", null);
        yield return ("PATCH", $"/memory/raw/{ids["raw"]}", new { context = "pwned", context_update_type = "replace" });
        yield return ("DELETE", $"/memory/raw/{ids["raw"]}", null);
        yield return ("POST", "/memory/search_raw?user_id=alice", new { limit = 100 });
        yield return ("POST", "/memory/search_raw", new { limit = 100 });
        yield return ("GET", "/memory/components?user_id=alice", null);
        yield return ("GET", "/memory/components", null);
        yield return ("GET", "/blocks?user_id=alice", null);
        yield return ("GET", $"/blocks/{ids["block"]}", null);
        yield return ("POST", "/blocks", new { id = ids["block"], label = "human", value = "pwned", limit = 5000 });
        yield return ("DELETE", $"/blocks/{ids["block"]}", null);
        yield return ("GET", "/agents", null);
        yield return ("GET", $"/agents/{ids["agent"]}", null);
        yield return ("PATCH", $"/agents/{ids["agent"]}/system", new { system_prompt = "pwned" });
        yield return ("DELETE", $"/agents/{ids["agent"]}", null);
        yield return ("GET", "/users/alice", null);
        yield return ("DELETE", "/users/alice/memories", null);
        yield return ("DELETE", "/users/alice", null);
        yield return ("GET", $"/clients/{client}", null);
        yield return ("PATCH", $"/clients/{client}", new { write_scope = "c", read_scopes = new[] { "a", "c" } });
        yield return ("DELETE", $"/clients/{client}/memories", null);
        yield return ("DELETE", $"/clients/{client}", null);
        yield return ("GET", $"/clients/{client}/api-keys", null);
        yield return ("POST", $"/clients/{client}/api-keys", new { name = "stolen" });
        yield return ("GET", $"/organizations/{v.OrgId}", null);
        yield return ("POST", "/clients/create_or_get", new { client_id = client, org_id = v.OrgId });
        yield return ("GET", $"/memory/operations/{ids["operation"]}", null);
        yield return ("GET", "/memory/operations?user_id=alice", null);
        yield return ("POST", $"/memory/operations/{ids["operation"]}/replay", null);
        yield return ("POST", "/memory/add", new { user_id = "alice", meta_agent_id = ids["agent"], messages = new[] { "pwned" } });
        yield return ("POST", "/memory/add_sync", new { user_id = "alice", meta_agent_id = ids["agent"], messages = new[] { "pwned" } });
        yield return ("POST", $"/agents/{ids["agent"]}/messages", new { message = "pwned", role = "user", user_id = "alice" });
        yield return ("POST", "/memory/raw/cleanup?days_threshold=1", null);
    }

    private static async Task AssertVictimIntactAsync(Victim v)
    {
        var http = v.Client.Http;
        var memories = (await http.GetJsonAsync("/memory/components?user_id=alice"))!["memories"]!;
        foreach (var kind in new[] { "episodic", "semantic", "procedural", "resource", "knowledge_vault" })
        {
            var items = memories[kind]!["items"]!.AsArray();
            Assert.Contains(items, i => i!["id"]!.GetValue<string>() == v.Ids[kind] && i.ToJsonString().Contains(Secret, StringComparison.Ordinal)
                && !i.ToJsonString().Contains("pwned", StringComparison.Ordinal));
        }
        Assert.Equal(Secret, (await http.GetJsonAsync($"/memory/raw/{v.Ids["raw"]}"))!["memory"]!["context"]!.GetValue<string>());
        Assert.Equal(Secret, (await http.GetJsonAsync($"/blocks/{v.Ids["block"]}"))!["value"]!.GetValue<string>());
        Assert.Equal(Secret, (await http.GetJsonAsync($"/agents/{v.Ids["agent"]}"))!["system"]!.GetValue<string>());
        var operation = (await http.GetJsonAsync($"/memory/operations/{v.Ids["operation"]}"))!;
        Assert.Equal(("succeeded", 1), (operation["status"]!.GetValue<string>(), operation["attempts"]!.GetValue<int>()));
        var self = await http.GetJsonAsync($"/clients/{v.Client.ClientId}");
        Assert.Equal("a", self!["write_scope"]!.GetValue<string>());
        Assert.Equal("active", self["status"]!.GetValue<string>());
    }
}

public sealed class SqliteIsolationTests(SqliteApiFactory api) : IsolationTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresIsolationTests(PostgresApiFactory api) : IsolationTests(api), IClassFixture<PostgresApiFactory>;
