using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mirix.AppHost.Tests;

[Collection(DistributedAppCollection.Name)]
public sealed class DistributedAppTests(DistributedAppFixture fixture)
{
    [Theory]
    [InlineData("api", "mirix-api")]
    [InlineData("workers", "mirix-workers")]
    [InlineData("web", "mirix-web")]
    public async Task Every_service_answers_health_with_its_name_and_a_healthy_status(string resource, string service)
    {
        using var http = fixture.App.CreateHttpClient(resource);
        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(service, body.RootElement.GetProperty("service").GetString());
    }

    [Fact]
    public async Task Api_and_workers_use_the_migrated_postgres_database_and_redis()
    {
        using var http = fixture.App.CreateHttpClient("workers");
        using var body = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative)));

        var checks = body.RootElement.GetProperty("checks");
        Assert.StartsWith("PostgreSQL at", checks.GetProperty("database").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains(checks.EnumerateObject(), c => c.Name.Contains("Redis", StringComparison.OrdinalIgnoreCase)
            && c.Value.GetProperty("status").GetString() == "healthy");
    }

    [Fact]
    public async Task Web_status_page_shows_the_api_health_it_fetched_through_service_discovery()
    {
        using var http = fixture.App.CreateHttpClient("web");
        using var response = await http.GetAsync(new Uri("/status", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"api-status\"", html, StringComparison.Ordinal);
        Assert.Contains("<strong>healthy</strong>", html, StringComparison.Ordinal);
    }
}

/// <summary>The distributed write path: the Api queues to Redis Streams, the separate Workers process consumes.</summary>
[Collection(DistributedAppCollection.Name)]
public sealed class DistributedIngestionTests(DistributedAppFixture fixture)
{
    [Fact]
    public async Task Add_through_the_api_is_processed_by_the_workers_over_redis_streams_and_becomes_searchable()
    {
        using var api = fixture.App.CreateHttpClient("api");
        var token = (await PostAsync(api, "/admin/auth/register", new { name = "Ops", email = "ops@example.com", password = "a long password" }))["access_token"]!.GetValue<string>();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        await PostAsync(api, "/clients/create_or_get", new { client_id = "client-e2e", name = "e2e", write_scope = "e2e", read_scopes = new[] { "e2e" } });
        var key = (await PostAsync(api, "/clients/client-e2e/api-keys", new { }))["api_key"]!.GetValue<string>();
        api.DefaultRequestHeaders.Authorization = null;
        api.DefaultRequestHeaders.Add("X-API-Key", key);
        var meta = (await PostAsync(api, "/agents/meta/initialize", new
        {
            config = new
            {
                llm_config = new { model = "gpt-4o-mini", model_endpoint_type = "openai", context_window = 128000 },
                embedding_config = new { embedding_endpoint_type = "openai", embedding_model = "text-embedding-3-small", embedding_dim = 1536 },
            },
        }))["id"]!.GetValue<string>();

        var queued = await PostAsync(api, "/memory/add", new
        {
            user_id = "lena",
            meta_agent_id = meta,
            messages = new[] { new { role = "user", content = new[] { new { type = "text", text = "Lena keeps her spare keys with the concierge." } } } },
        });
        var operationId = queued["operation_id"]!.GetValue<string>();
        JsonNode operation;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await Task.Delay(100);
            operation = JsonNode.Parse(await api.GetStringAsync(new Uri($"/memory/operations/{operationId}", UriKind.Relative)))!;
            Assert.True(DateTime.UtcNow < deadline, operation.ToJsonString());
        }
        while (operation["status"]!.GetValue<string>() != "succeeded");

        Assert.Equal("redis_streams", operation["transport"]!.GetValue<string>());
        var found = JsonNode.Parse(await api.GetStringAsync(new Uri("/memory/search?user_id=lena&memory_type=raw&search_method=bm25&query=spare%20keys", UriKind.Relative)))!;
        Assert.Equal(operation["result"]!["raw_memory_ids"]![0]!.GetValue<string>(), found["results"]![0]!["id"]!.GetValue<string>());
        using var workers = fixture.App.CreateHttpClient("workers");
        var health = JsonNode.Parse(await workers.GetStringAsync(new Uri("/health", UriKind.Relative)))!;
        Assert.StartsWith("redis_streams:", health["checks"]!["ingestion"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
