using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Mirix.Core.Tenancy;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Api;

public sealed class AuthTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task Registration_closes_after_the_first_account_and_login_does_not_reveal_which_emails_exist()
    {
        var operatorToken = await api.Tenants.OperatorTokenAsync();
        using var anonymous = api.CreateClient();
        using var op = await api.Tenants.OperatorAsync();

        using var setup = await anonymous.GetAsync(new Uri("/admin/auth/check-setup", UriKind.Relative));
        using var openRegistration = await anonymous.PostAsJsonAsync("/admin/auth/register", new { name = "Eve", email = "eve@example.com", password = "password-1" });
        using var invited = await op.PostAsJsonAsync("/admin/auth/register", new { name = "Bo", email = "bo@example.com", password = "password-2" });
        using var wrongPassword = await anonymous.PostAsJsonAsync("/admin/auth/login", new { email = "bo@example.com", password = "nope-nope" });
        using var unknownEmail = await anonymous.PostAsJsonAsync("/admin/auth/login", new { email = "nobody@example.com", password = "nope-nope" });
        using var login = await anonymous.PostAsJsonAsync("/admin/auth/login", new { email = "bo@example.com", password = "password-2" });

        Assert.False((await setup.ReadJsonAsync())!["setup_required"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Forbidden, openRegistration.StatusCode);
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail.StatusCode);
        Assert.Equal((await wrongPassword.ReadJsonAsync())!["detail"]!.ToString(), (await unknownEmail.ReadJsonAsync())!["detail"]!.ToString());
        var token = (await login.ReadJsonAsync())!;
        Assert.Equal("bearer", token["token_type"]!.GetValue<string>());
        Assert.Equal(86400, token["expires_in"]!.GetValue<int>());
        Assert.NotEqual(operatorToken, token["access_token"]!.GetValue<string>());

        using var bo = api.CreateClient();
        bo.DefaultRequestHeaders.Authorization = new("Bearer", token["access_token"]!.GetValue<string>());
        var me = await bo.GetJsonAsync("/admin/auth/me");
        using var badChange = await bo.PostAsJsonAsync("/admin/auth/change-password", new { current_password = "wrong", new_password = "password-3" });
        using var change = await bo.PostAsJsonAsync("/admin/auth/change-password", new { current_password = "password-2", new_password = "password-3" });
        using var relogin = await anonymous.PostAsJsonAsync("/admin/auth/login", new { email = "bo@example.com", password = "password-3" });
        Assert.Equal("bo@example.com", me!["email"]!.GetValue<string>());
        Assert.Equal("admin", me["write_scope"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badChange.StatusCode);
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, relogin.StatusCode);
    }

    [Fact]
    public async Task The_operator_names_an_organization_in_the_query_or_in_a_json_body()
    {
        using var op = await api.Tenants.OperatorAsync();

        var fromQuery = (await op.PostJsonAsync("/organizations?name=from-query", new { }))!;
        var fromBody = (await op.PostJsonAsync("/organizations", new { name = "from-body" }))!;
        using var empty = await op.PostAsync(new Uri("/organizations", UriKind.Relative), null);

        Assert.Equal("from-query", fromQuery["name"]!.GetValue<string>());
        Assert.Equal("from-body", fromBody["name"]!.GetValue<string>());
        Assert.Equal(System.Net.HttpStatusCode.OK, empty.StatusCode);
    }

    [Fact]
    public async Task The_key_decides_the_users_organization_and_a_client_purge_says_what_it_kept()
    {
        var org = await api.Tenants.CreateOrganizationAsync("key-decides");
        using var tenant = await api.Tenants.CreateClientAsync(org, "notes", "notes");

        var user = (await tenant.Http.PostJsonAsync("/users/create_or_get", new { user_id = "carol", name = "Carol", org_id = "org-somebody-else" }))!;
        Assert.Equal(org, user["organization_id"]!.GetValue<string>());

        await tenant.Http.PostJsonAsync("/memory/semantic", new { user_id = "carol", items = new[] { new { name = "Tea", summary = "Carol likes tea" } } });
        using var op = await api.Tenants.OperatorAsync();
        using var purge = await op.DeleteAsync(new Uri($"/clients/{tenant.ClientId}/memories", UriKind.Relative));
        var purged = (await purge.ReadJsonAsync())!;
        Assert.Equal(["client", "agents", "api_keys"], purged["preserved"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Contains("Deleted 1", purged["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_or_missing_credentials_are_401_and_api_keys_cannot_reach_dashboard_routes()
    {
        var org = await api.Tenants.CreateOrganizationAsync("auth");
        using var tenant = await api.Tenants.CreateClientAsync(org, "app", "app");
        using var anonymous = api.CreateClient();
        using var forgedToken = api.CreateClient();
        forgedToken.DefaultRequestHeaders.Authorization = new("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjbGllbnQteCJ9.c2lnbmF0dXJl");
        using var headersOnly = api.CreateClient();
        headersOnly.DefaultRequestHeaders.Add("X-Client-Id", tenant.ClientId);
        headersOnly.DefaultRequestHeaders.Add("X-Org-Id", org);

        using var none = await anonymous.GetAsync(new Uri("/users", UriKind.Relative));
        using var forged = await forgedToken.GetAsync(new Uri("/users", UriKind.Relative));
        using var trusted = await headersOnly.GetAsync(new Uri("/users", UriKind.Relative));
        using var me = await tenant.Http.GetAsync(new Uri("/admin/auth/me", UriKind.Relative));
        using var keyForKey = await tenant.Http.PostAsJsonAsync($"/clients/{tenant.ClientId}/api-keys", new { name = "more" });

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("X-API-Key", (await none.ReadJsonAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, trusted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, me.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, keyForKey.StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_and_a_deactivated_client_stop_working_within_the_cache_lifetime()
    {
        var org = await api.Tenants.CreateOrganizationAsync("revoke");
        using var revoked = await api.Tenants.CreateClientAsync(org, "app", "app");
        using var deactivated = await api.Tenants.CreateClientAsync(org, "other", "other");
        using var op = await api.Tenants.OperatorAsync();
        Assert.Equal(HttpStatusCode.OK, (await revoked.Http.GetAsync(new Uri("/users", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await deactivated.Http.GetAsync(new Uri("/users", UriKind.Relative))).StatusCode);

        using (var revoke = await op.DeleteAsync(new Uri($"/clients/{revoked.ClientId}/api-keys/{revoked.ApiKeyId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }
        using (var deactivate = await op.PatchAsJsonAsync($"/clients/{deactivated.ClientId}", new { status = "inactive" }))
        {
            Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        }

        var revokedAfter = await TimeUntilAsync(revoked.Http, HttpStatusCode.Unauthorized);
        var deactivatedAfter = await TimeUntilAsync(deactivated.Http, HttpStatusCode.Forbidden);
        Assert.True(revokedAfter <= ClientDirectory.CacheLifetime + TimeSpan.FromSeconds(1), $"revocation took {revokedAfter}");
        Assert.True(deactivatedAfter <= ClientDirectory.CacheLifetime + TimeSpan.FromSeconds(1), $"deactivation took {deactivatedAfter}");
    }

    private static async Task<TimeSpan> TimeUntilAsync(HttpClient http, HttpStatusCode expected)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            using var response = await http.GetAsync(new Uri("/users", UriKind.Relative));
            if (response.StatusCode == expected)
            {
                return clock.Elapsed;
            }
            await Task.Delay(100);
        }
        return TimeSpan.MaxValue;
    }
}

public sealed class HeaderModeTests(HeaderModeApiFactory api) : IClassFixture<HeaderModeApiFactory>
{
    [Fact]
    public async Task Without_a_key_the_sdk_registers_its_org_and_client_from_headers_then_works()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        using var http = api.CreateClient();
        http.DefaultRequestHeaders.Add("X-Client-ID", $"client-{suffix}");
        http.DefaultRequestHeaders.Add("X-Org-ID", $"org-{suffix}");

        using var usersBefore = await http.GetAsync(new Uri("/users", UriKind.Relative));
        var org = await http.PostJsonAsync("/organizations/create_or_get", new { org_id = $"org-{suffix}", name = $"org-{suffix}" });
        using var client = await http.PostAsJsonAsync("/clients/create_or_get",
            new { client_id = $"client-{suffix}", name = "drive", org_id = $"org-{suffix}", write_scope = "drive", read_scopes = new[] { "drive" }, status = "active" });
        using var clientAgain = await http.PostAsJsonAsync("/clients/create_or_get",
            new { client_id = $"client-{suffix}", name = "drive", org_id = $"org-{suffix}", write_scope = "drive", read_scopes = new[] { "drive" }, status = "active" });
        var user = await http.PostJsonAsync("/users/create_or_get", new { user_id = "drive-user-1", name = "Drive User", org_id = $"org-{suffix}" });
        var meta = await http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig());
        using var otherOrg = await http.PostAsJsonAsync("/organizations/create_or_get", new { org_id = "org-somebody-else", name = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, usersBefore.StatusCode);
        Assert.Equal($"org-{suffix}", org!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, client.StatusCode);
        Assert.Equal(HttpStatusCode.OK, clientAgain.StatusCode);
        Assert.Equal("drive-user-1", user!["id"]!.GetValue<string>());
        SdkContract.AssertAgentState(meta);
        Assert.Equal(HttpStatusCode.Forbidden, otherOrg.StatusCode);
    }
}
