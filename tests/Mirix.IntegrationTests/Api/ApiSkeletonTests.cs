using System.Net;
using System.Text.Json;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Api;

public abstract class ApiSkeletonTests(ApiFactory api)
{
    [Fact]
    public async Task Health_answers_in_mirix_shape_with_version_and_database_check()
    {
        using var response = await api.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.Equal("mirix-api", root.GetProperty("service").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", root.GetProperty("version").GetString());
        var database = root.GetProperty("checks").GetProperty("database");
        Assert.Equal("healthy", database.GetProperty("status").GetString());
        Assert.StartsWith(api.Target == StorageTarget.Postgres ? "PostgreSQL at" : "SQLite at",
            database.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_are_problem_details_carrying_the_trace_id_of_the_response_header()
    {
        using var response = await api.CreateClient().GetAsync(new Uri("/no/such/route", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var traceId = Assert.Single(response.Headers.GetValues("X-Trace-Id"));
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, body.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(traceId, body.RootElement.GetProperty("trace_id").GetString());
    }

    [Fact]
    public async Task OpenApi_document_and_scalar_reference_are_served()
    {
        using var client = api.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        using var reference = await client.GetAsync(new Uri("/scalar", UriKind.Relative));

        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class SqliteApiSkeletonTests(SqliteApiFactory api) : ApiSkeletonTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresApiSkeletonTests(PostgresApiFactory api) : ApiSkeletonTests(api), IClassFixture<PostgresApiFactory>
{
    [Fact]
    public async Task Health_includes_redis_when_redis_is_configured()
    {
        using var response = await api.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("status").GetString());
        var redis = Assert.Single(checks, c => c.Key.Contains("Redis", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("healthy", redis.Value);
    }
}
