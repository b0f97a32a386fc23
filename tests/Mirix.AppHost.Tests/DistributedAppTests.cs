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
        await IngestionJourney.AddAndFindAsync(fixture.App, "redis_streams");
    }
}
