using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;
using Mirix.IntegrationTests.Infrastructure;
using Mirix.ScriptedLlm;

namespace Mirix.IntegrationTests.Ingestion;

/// <summary>
/// Raw adds waiting in a partition are embedded together, in one request to an OpenAI-compatible endpoint, before they
/// are handled one by one; each memory still gets the vector of its own text.
/// </summary>
public sealed class BatchedEmbeddingTests
{
    [Fact]
    public async Task Raw_adds_waiting_in_a_partition_are_embedded_in_one_request_and_each_gets_its_own_vector()
    {
        await using var openAi = await ScriptedLlmServer.StartAsync();
        // The first add's embedding takes a while, so the others are waiting behind it when its turn ends.
        openAi.EmbeddingLatency = TimeSpan.FromMilliseconds(300);
        var api = new ApiFactory(StorageTarget.Sqlite, settings: new Dictionary<string, string>
        {
            ["Mirix:Embeddings:Provider"] = "openai",
            ["Mirix:Embeddings:Endpoint"] = openAi.BaseUrl.ToString(),
            ["Mirix:Embeddings:Model"] = "fake-embed",
            ["Mirix:Embeddings:ApiKey"] = "sk-test",
        });
        await api.InitializeAsync();
        try
        {
            var org = await api.Tenants.CreateOrganizationAsync("batched-embeddings");
            using var writer = await api.Tenants.CreateClientAsync(org, "be", "be");
            const int Adds = 20;
            var operations = new List<string>();
            for (var i = 0; i < Adds; i++)
            {
                var queued = (await writer.Http.PostJsonAsync("/memory/add", new
                {
                    user_id = "ada",
                    mode = "raw",
                    messages = new[] { new { role = "user", content = $"Note {i}: the {(i % 2 == 0 ? "red" : "blue")} folder holds receipt number {i * 7}." } },
                }))!;
                operations.Add(queued["operation_id"]!.GetValue<string>());
            }
            foreach (var operation in operations)
            {
                var finished = await OperationPolling.WaitForAsync(writer.Http, operation, "succeeded", "dead_lettered", "failed");
                Assert.Equal("succeeded", finished["status"]!.GetValue<string>());
            }

            var inputs = openAi.EmbeddingRequests.Select(r => r.Body["input"] is JsonArray many ? many.Count : 1).ToList();
            Assert.Contains(inputs, n => n >= Adds / 2);
            Assert.True(inputs.Count < Adds / 2, $"{inputs.Count} embedding requests for {Adds} adds: {string.Join(", ", inputs)}");

            await using var scope = api.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
            var memories = await db.RawMemories.Where(r => r.OrganizationId == writer.OrganizationId).ToListAsync();
            Assert.Equal(Adds, memories.Count);
            foreach (var memory in memories)
            {
                var stored = await db.MemoryEmbeddings.SingleAsync(e => e.MemoryId == memory.Id);
                Assert.Equal(ScriptedLlmServer.Embed(memory.Context), MemoryIndexer.FromBytes(stored.Vector).ToArray());
            }
        }
        finally
        {
            await ((IAsyncLifetime)api).DisposeAsync();
        }
    }
}
