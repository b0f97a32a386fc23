using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mirix.IntegrationTests.Infrastructure;

/// <summary>
/// Sets tenants up through the public API as an operator would: the first dashboard account (the operator), then
/// organizations, clients and their API keys. One instance per API host.
/// </summary>
public sealed class Tenants(ApiFactory api)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _operatorToken;

    public async Task<HttpClient> OperatorAsync()
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await OperatorTokenAsync());
        return client;
    }

    public async Task<string> OperatorTokenAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_operatorToken is null)
            {
                using var http = api.CreateClient();
                using var response = await http.PostAsJsonAsync("/admin/auth/register",
                    new { name = "Operator", email = "operator@example.com", password = "operator-password" });
                response.EnsureSuccessStatusCode();
                _operatorToken = (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
            }
            return _operatorToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<string> CreateOrganizationAsync(string name)
    {
        using var op = await OperatorAsync();
        using var response = await op.PostAsync(new Uri($"/organizations?name={Uri.EscapeDataString(name)}", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>A new client in <paramref name="organizationId"/> and an HttpClient that calls as it with an API key.</summary>
    public async Task<TenantClient> CreateClientAsync(string organizationId, string? writeScope, params string[] readScopes)
    {
        using var op = await OperatorAsync();
        var clientId = "client-" + Guid.NewGuid().ToString("N")[..10];
        using (var created = await op.PostAsJsonAsync("/clients/create_or_get",
            new { client_id = clientId, name = clientId, org_id = organizationId, write_scope = writeScope, read_scopes = readScopes }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }
        using var keyResponse = await op.PostAsJsonAsync($"/clients/{clientId}/api-keys", new { name = "test" });
        keyResponse.EnsureSuccessStatusCode();
        var key = (await keyResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        var http = api.CreateClient();
        http.DefaultRequestHeaders.Add("X-API-Key", key["api_key"]!.GetValue<string>());
        return new TenantClient(clientId, organizationId, key["id"]!.GetValue<string>(), http, key["api_key"]!.GetValue<string>());
    }
}

public sealed record TenantClient(string ClientId, string OrganizationId, string ApiKeyId, HttpClient Http, string ApiKey) : IDisposable
{
    public void Dispose() => Http.Dispose();
}

public static class HttpJson
{
    public static async Task<JsonNode?> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync());

    public static async Task<JsonNode?> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    public static Task<JsonNode?> PostJsonAsync(this HttpClient http, string path, object body) => http.SendJsonAsync(HttpMethod.Post, path, body);

    public static async Task<JsonNode?> SendJsonAsync(this HttpClient http, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
