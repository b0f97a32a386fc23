using System.Globalization;
using System.Text.Json.Nodes;
using Mirix.Core.Retrieval;
using Mirix.IntegrationTests.Infrastructure;
using Npgsql;

namespace Mirix.IntegrationTests.Retrieval;

/// <summary>
/// The two vector paths, pgvector in the database (PGlite with pgvector) and the exact in-process scan (SQLite), give the
/// same hits in the same order with the same scores, under the same scope, tag and threshold filters.
/// </summary>
public sealed class VectorPathAgreementTests(PgVectorApiFactory pgVector) : IClassFixture<PgVectorApiFactory>, IAsyncLifetime
{
    private static readonly string[] Topics =
    [
        "cat", "dog", "parrot", "guitar", "piano", "violin", "tennis", "football", "chess", "sourdough", "espresso", "sushi",
        "Lisbon", "Tokyo", "Nairobi", "tax return", "mortgage", "pension", "python code", "database index", "kubernetes",
    ];

    private readonly SqliteApiFactory _exact = new();

    public Task InitializeAsync() => ((IAsyncLifetime)_exact).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_exact).DisposeAsync();

    private static async Task<(TenantClient Writer, TenantClient Stranger)> SeedAsync(ApiFactory api)
    {
        var org = await api.Tenants.CreateOrganizationAsync("vectors");
        var writer = await api.Tenants.CreateClientAsync(org, "app", "app");
        var stranger = await api.Tenants.CreateClientAsync(org, "other", "other");
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u" });
        var items = Topics.SelectMany((topic, i) => new[]
        {
            new { name = $"{topic} note", summary = $"The user talked about {topic} on day {i}", filter_tags = new { kind = i % 2 == 0 ? "even" : "odd" } },
            new { name = $"{topic} plan", summary = $"A plan involving {topic} for next month", filter_tags = new { kind = "plan" } },
        }).ToArray();
        await writer.Http.PostJsonAsync("/memory/semantic", new { user_id = "u", items });
        await stranger.Http.PostJsonAsync("/memory/semantic", new { user_id = "u", items = new[] { new { name = "cat secret", summary = "The user talked about cat" } } });
        return (writer, stranger);
    }

    private static async Task<List<(string Name, double Score)>> SearchAsync(HttpClient http, string query)
    {
        var results = (await http.GetJsonAsync("/memory/search?user_id=u&memory_type=semantic&search_method=embedding&" + query))!["results"]!.AsArray();
        return results.Select(r => (r!["name"]!.GetValue<string>(), r["score"]!.GetValue<double>())).ToList();
    }

    [Fact]
    public async Task Pgvector_and_the_exact_scan_return_the_same_hits_in_the_same_order()
    {
        var (pgWriter, pgStranger) = await SeedAsync(pgVector);
        var (exactWriter, exactStranger) = await SeedAsync(_exact);
        using var a = pgWriter;
        using var b = pgStranger;
        using var c = exactWriter;
        using var d = exactStranger;

        string[] queries =
        [
            "limit=10&query=pets+at+home",
            "limit=5&query=music+lessons&filter_tags=" + Uri.EscapeDataString("""{"kind":"plan"}"""),
            "limit=50&query=money+and+taxes&similarity_threshold=0.75",
            "limit=3&query=cat",
        ];
        foreach (var query in queries)
        {
            var inDatabase = await SearchAsync(pgWriter.Http, query);
            var inProcess = await SearchAsync(exactWriter.Http, query);
            Assert.NotEmpty(inProcess);
            Assert.Equal(inProcess.Select(h => h.Name), inDatabase.Select(h => h.Name));
            Assert.All(inProcess.Zip(inDatabase), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 4));
            Assert.DoesNotContain(inDatabase, h => h.Name == "cat secret");
        }
        var thresholded = await SearchAsync(pgWriter.Http, queries[2]);
        Assert.True(thresholded.Count < 42, "the threshold dropped the far memories");
        Assert.All(thresholded, h => Assert.True(1 - h.Score < 0.75));
    }

    [Fact]
    public async Task The_model_gets_an_hnsw_index_that_pgvector_uses_and_that_agrees_with_the_exact_order()
    {
        var (writer, stranger) = await SeedAsync(pgVector);
        using var _ = writer;
        using var __ = stranger;
        var viaApi = await SearchAsync(writer.Http, "limit=5&query=pets+at+home");
        Assert.Equal(5, viaApi.Count);

        await using var connection = new NpgsqlConnection(pgVector.PostgresConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var vector = await ScalarAsync<string>(connection, "SELECT embedding::text FROM memory_embeddings LIMIT 1");
        var nearest = $"SELECT memory_id FROM memory_embeddings WHERE model = '{LocalEmbeddingGenerator.DefaultModelId}' AND dimensions = 384 "
            + $"ORDER BY embedding::vector(384) <=> '{vector}'::vector(384) LIMIT 5";
        await ScalarAsync<string>(connection, "SELECT set_config('enable_seqscan', 'off', true)");
        var plan = string.Join("\n", await RowsAsync(connection, "EXPLAIN " + nearest));
        Assert.Contains("ix_memory_embeddings_hnsw_", plan, StringComparison.Ordinal);
        var byIndex = await RowsAsync(connection, nearest);
        await ScalarAsync<string>(connection, "SELECT set_config('enable_indexscan', 'off', true)");
        await ScalarAsync<string>(connection, "SELECT set_config('enable_seqscan', 'on', true)");
        var exact = await RowsAsync(connection, nearest);
        Assert.Equal(exact, byIndex);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> RowsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
