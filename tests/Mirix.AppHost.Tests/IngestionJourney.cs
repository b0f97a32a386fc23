using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Mirix.AppHost.Tests;

/// <summary>
/// What a new team does first, across processes: sign up, create a client and key, add a conversation through the Api,
/// and find it once the Workers process has consumed it from the queue.
/// </summary>
internal static class IngestionJourney
{
    public static async Task AddAndFindAsync(DistributedApplication app, string expectedTransport)
    {
        using var api = app.CreateHttpClient("api");
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

        Assert.Equal(expectedTransport, operation["transport"]!.GetValue<string>());
        var found = JsonNode.Parse(await api.GetStringAsync(new Uri("/memory/search?user_id=lena&memory_type=raw&search_method=bm25&query=spare%20keys", UriKind.Relative)))!;
        Assert.Equal(operation["result"]!["raw_memory_ids"]![0]!.GetValue<string>(), found["results"]![0]!["id"]!.GetValue<string>());
        using var workers = app.CreateHttpClient("workers");
        var health = JsonNode.Parse(await workers.GetStringAsync(new Uri("/health", UriKind.Relative)))!;
        Assert.StartsWith(expectedTransport + ":", health["checks"]!["ingestion"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
