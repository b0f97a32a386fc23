using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Storage;
using Mirix.IntegrationTests.Infrastructure;
using Mirix.ScriptedLlm;

namespace Mirix.IntegrationTests.Retrieval;

/// <summary>An OpenAI-compatible embedding endpoint (through Semantic Kernel's connector), and a change of model.</summary>
public sealed class EmbeddingProviderTests
{
    [Fact]
    public async Task An_openai_compatible_endpoint_embeds_writes_and_queries()
    {
        await using var openAi = await ScriptedLlmServer.StartAsync();
        var api = new ApiFactory(StorageTarget.Sqlite, settings: OpenAiSettings(openAi, dimensions: null));
        await api.InitializeAsync();
        try
        {
            var org = await api.Tenants.CreateOrganizationAsync("openai-embeddings");
            using var writer = await api.Tenants.CreateClientAsync(org, "oe", "oe");
            var id = (await writer.Http.PostJsonAsync("/memory/raw?user_id=nia", new { context = "Nia's passport is in the blue drawer." }))!["memory"]!["id"]!.GetValue<string>();
            await writer.Http.PostJsonAsync("/memory/raw?user_id=nia", new { context = "The dentist appointment moved to Thursday." });

            var found = (await writer.Http.GetJsonAsync("/memory/search?user_id=nia&memory_type=raw&search_method=embedding&query=where%20is%20the%20passport"))!;

            Assert.Equal(id, found["results"]![0]!["id"]!.GetValue<string>());
            Assert.All(openAi.EmbeddingRequests, r =>
            {
                Assert.Equal("Bearer sk-test", r.Authorization);
                Assert.Equal("fake-embed", r.Body["model"]!.GetValue<string>());
            });
            Assert.Contains(openAi.EmbeddingRequests, r => r.Body.ToJsonString().Contains("where is the passport", StringComparison.Ordinal));
            await using var scope = api.Services.CreateAsyncScope();
            var stored = await scope.ServiceProvider.GetRequiredService<MirixDbContext>().MemoryEmbeddings.Where(e => e.MemoryId == id).SingleAsync();
            Assert.Equal(("fake-embed", ScriptedLlmServer.EmbeddingDimensions), (stored.Model, stored.Dimensions));
        }
        finally
        {
            await ((IAsyncLifetime)api).DisposeAsync();
        }
    }

    [Fact]
    public async Task Changing_the_model_re_embeds_every_memory_in_the_background_and_reports_it()
    {
        await using var openAi = await ScriptedLlmServer.StartAsync();
        var dataDirectory = Directory.CreateTempSubdirectory("mirix-reembed-").FullName;
        try
        {
            string apiKey, rawId;
            var local = new ApiFactory(StorageTarget.Sqlite, dataDirectory: dataDirectory);
            await local.InitializeAsync();
            try
            {
                var org = await local.Tenants.CreateOrganizationAsync("reembed");
                using var writer = await local.Tenants.CreateClientAsync(org, "re", "re");
                apiKey = writer.Http.DefaultRequestHeaders.GetValues("X-API-Key").Single();
                rawId = (await writer.Http.PostJsonAsync("/memory/raw?user_id=omar", new { context = "Omar parks on level three of the garage." }))!["memory"]!["id"]!.GetValue<string>();
                await writer.Http.PostJsonAsync("/memory/semantic", new { user_id = "omar", items = new[] { new { name = "Garage", summary = "Omar's usual parking level", details = "level three" } } });
            }
            finally
            {
                await ((IAsyncLifetime)local).DisposeAsync();
            }

            var remote = new ApiFactory(StorageTarget.Sqlite, dataDirectory: dataDirectory, settings: OpenAiSettings(openAi, dimensions: 48));
            await remote.InitializeAsync();
            try
            {
                using var http = remote.CreateClient();
                http.DefaultRequestHeaders.Add("X-API-Key", apiKey);
                await Eventually.WaitUntilAsync(async () =>
                    (await http.GetJsonAsync("/health"))!["checks"]!["embeddings"]!["description"]!.GetValue<string>().StartsWith("every memory embedded with fake-embed:48", StringComparison.Ordinal),
                    "the re-embedding pass finished");

                await using (var scope = remote.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
                    var models = await db.MemoryEmbeddings.Select(e => e.Model).Distinct().ToListAsync();
                    Assert.Equal(["fake-embed:48"], models); // the MiniLM vectors are gone
                    Assert.Equal(2, await db.MemoryEmbeddings.Select(e => e.MemoryId).Distinct().CountAsync());
                }
                Assert.All(openAi.EmbeddingRequests, r => Assert.Equal(48, r.Body["dimensions"]!.GetValue<int>()));
                var found = (await http.GetJsonAsync("/memory/search?user_id=omar&memory_type=raw&search_method=embedding&query=garage%20level"))!;
                Assert.Equal(rawId, found["results"]![0]!["id"]!.GetValue<string>());
            }
            finally
            {
                await ((IAsyncLifetime)remote).DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static Dictionary<string, string> OpenAiSettings(ScriptedLlmServer server, int? dimensions)
    {
        var settings = new Dictionary<string, string>
        {
            ["Mirix:Embeddings:Provider"] = "openai",
            ["Mirix:Embeddings:Endpoint"] = server.BaseUrl.ToString(),
            ["Mirix:Embeddings:Model"] = "fake-embed",
            ["Mirix:Embeddings:ApiKey"] = "sk-test",
        };
        if (dimensions is { } dims)
        {
            settings["Mirix:Embeddings:Dimensions"] = dims.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return settings;
    }
}
