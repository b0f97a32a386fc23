using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Ingestion;

/// <summary>The Api with its queue on Kafka (librdkafka's mock cluster over loopback TCP): a topic and group of its own.</summary>
public sealed class KafkaApiFactory() : ApiFactory(StorageTarget.Sqlite, settings: new Dictionary<string, string>
{
    ["ConnectionStrings:kafka"] = KafkaMockCluster.BootstrapServers,
    ["Mirix:Ingestion:Transport"] = "kafka",
    ["Mirix:Ingestion:KafkaTopic"] = "mirix-e2e-" + Guid.NewGuid().ToString("N")[..10],
    ["Mirix:Ingestion:KafkaDeadLetterTopic"] = "mirix-e2e-dlq-" + Guid.NewGuid().ToString("N")[..10],
    ["Mirix:Ingestion:KafkaGroup"] = "mirix-e2e-" + Guid.NewGuid().ToString("N")[..10],
    ["Mirix:Ingestion:KafkaSessionTimeout"] = "00:00:03",
    ["Mirix:Ingestion:KafkaHeartbeatInterval"] = "00:00:00.500",
});

/// <summary>/memory/add → Kafka → the worker's consumer → stored and searchable, through the Kafka wire protocol.</summary>
public sealed class KafkaEndToEndTests(KafkaApiFactory api) : IClassFixture<KafkaApiFactory>
{
    [Fact]
    public async Task An_add_travels_through_kafka_and_becomes_searchable_once()
    {
        var org = await api.Tenants.CreateOrganizationAsync("kafka-e2e");
        using var writer = await api.Tenants.CreateClientAsync(org, "notes", "notes");

        var ids = new List<string>();
        foreach (var text in new[] { "The Kafka path keeps my notes about sourdough.", "Second note: the starter needs feeding daily." })
        {
            var queued = (await writer.Http.PostJsonAsync("/memory/add", new { user_id = "kafka-user", mode = "raw", messages = new[] { text } }))!;
            ids.Add(queued["operation_id"]!.GetValue<string>());
        }
        foreach (var id in ids)
        {
            var operation = await OperationPolling.WaitForAsync(writer.Http, id, "succeeded", "dead_lettered");
            Assert.Equal("kafka", operation["transport"]!.GetValue<string>());
            Assert.Equal(1, operation["attempts"]!.GetValue<int>());
        }

        var found = (await writer.Http.GetJsonAsync("/memory/search?user_id=kafka-user&query=sourdough&memory_type=raw&search_method=bm25"))!["results"]!.AsArray();
        Assert.Single(found);
        var all = (await writer.Http.PostJsonAsync("/memory/search_raw?user_id=kafka-user", new { }))!["items"]!.AsArray();
        Assert.Equal(2, all.Count);
    }
}
