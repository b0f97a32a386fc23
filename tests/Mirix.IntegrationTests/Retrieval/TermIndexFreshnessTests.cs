using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Retrieval.FullText;
using Mirix.Core.Storage;
using Mirix.IntegrationTests.Infrastructure;
using Npgsql;

namespace Mirix.IntegrationTests.Retrieval;

/// <summary>
/// A user's in-process term index is current for every search: memories added, rewritten and removed since the last one
/// count, including a new memory given the key of one just removed, and so do changes of what it holds beside the text;
/// an unchanged range costs no reading.
/// </summary>
public abstract class TermIndexFreshnessTests(ApiFactory api)
{
    protected ApiFactory Api => api;

    [Fact]
    public async Task The_index_follows_additions_rewrites_and_removals()
    {
        var org = await api.Tenants.CreateOrganizationAsync("term-index-fresh");
        using var writer = await api.Tenants.CreateClientAsync(org, "app", "app");
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u" });
        async Task<string> AddAsync(string context) =>
            (await writer.Http.PostJsonAsync("/memory/raw?user_id=u", new { context }))!["memory"]!["id"]!.GetValue<string>();
        Task<TermIndex> IndexAsync() => CurrentIndexAsync(api, writer, "u");
        async Task<List<string>> MatchesAsync(string term) => (await IndexAsync()).Best([term], 100).ConvertAll(b => b.MemoryId);

        var smoothie = await AddAsync("a kiwi smoothie");
        var salad = await AddAsync("a mango salad");
        var tart = await AddAsync("a kiwi tart");
        Assert.Equal(new[] { smoothie, tart }.Order(StringComparer.Ordinal).ToList(), (await MatchesAsync("kiwi")).Order(StringComparer.Ordinal).ToList());
        var unchanged = await IndexAsync();
        Assert.Same(unchanged, await IndexAsync());

        var jam = await AddAsync("kiwi jam");
        Assert.Equal(new[] { jam, smoothie, tart }.Order(StringComparer.Ordinal).ToList(), (await MatchesAsync("kiwi")).Order(StringComparer.Ordinal).ToList());

        await writer.Http.SendJsonAsync(HttpMethod.Patch, $"/memory/raw/{salad}?user_id=u", new { context = "a kiwi salad", context_update_type = "replace" });
        Assert.Empty(await MatchesAsync("mango"));
        Assert.Contains(salad, await MatchesAsync("kiwi"));

        using (var removed = await writer.Http.DeleteAsync(new Uri($"/memory/raw/{smoothie}?user_id=u", UriKind.Relative)))
        {
            Assert.True(removed.IsSuccessStatusCode);
        }
        Assert.DoesNotContain(smoothie, await MatchesAsync("kiwi"));

        // The rewritten salad holds the range's highest key: removed, its key goes to the next memory.
        using (var removed = await writer.Http.DeleteAsync(new Uri($"/memory/raw/{salad}?user_id=u", UriKind.Relative)))
        {
            Assert.True(removed.IsSuccessStatusCode);
        }
        var papaya = await AddAsync("a papaya sorbet");
        Assert.Equal([papaya], await MatchesAsync("papaya"));
        Assert.Equal(new[] { jam, tart }.Order(StringComparer.Ordinal).ToList(), (await MatchesAsync("kiwi")).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(3, (await IndexAsync()).Count);
    }

    [Fact]
    public async Task A_user_with_more_documents_than_the_limit_gets_no_index()
    {
        var org = await api.Tenants.CreateOrganizationAsync("term-index-limit");
        using var writer = await api.Tenants.CreateClientAsync(org, "app", "app");
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u" });
        var ids = new List<string>();
        foreach (var context in new[] { "kiwi", "mango", "papaya" })
        {
            ids.Add((await writer.Http.PostJsonAsync("/memory/raw?user_id=u", new { context }))!["memory"]!["id"]!.GetValue<string>());
        }
        using (var removed = await writer.Http.DeleteAsync(new Uri($"/memory/raw/{ids[1]}?user_id=u", UriKind.Relative)))
        {
            Assert.True(removed.IsSuccessStatusCode);
        }

        // Two documents are left: within a limit of two, beyond a limit of one.
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        var key = new TermIndexCache.Key(writer.OrganizationId, "u", "raw", "context");
        Assert.Equal(2, (await new TermIndexCache(TimeProvider.System, maxDocuments: 2).CurrentAsync(db, key, default))!.Count);
        Assert.Null(await new TermIndexCache(TimeProvider.System, maxDocuments: 1).CurrentAsync(db, key, default));
    }

    /// <summary>
    /// The index also holds what a search judges its pools by (expiry, supersession, scope): a change of one of them alone,
    /// with the text untouched, reaches the next search. A stale copy would keep the hidden best match in the pool, and
    /// the answer, read through the filters, would come back empty.
    /// </summary>
    [Theory]
    [InlineData("superseded_at", "bm25")]
    [InlineData("expires_at", "bm25")]
    [InlineData("scope", "bm25")]
    [InlineData("superseded_at", "hybrid")]
    [InlineData("scope", "hybrid")]
    public async Task A_change_beside_the_text_reaches_the_index(string column, string method)
    {
        var org = await api.Tenants.CreateOrganizationAsync($"term-index-{column}-{method}");
        using var writer = await api.Tenants.CreateClientAsync(org, "app", "app");
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u" });
        async Task<string> AddAsync(string context) =>
            (await writer.Http.PostJsonAsync("/memory/raw?user_id=u", new { context }))!["memory"]!["id"]!.GetValue<string>();
        async Task<List<string>> FoundAsync() =>
            [.. (await writer.Http.GetJsonAsync($"/memory/search?user_id=u&memory_type=raw&search_method={method}&limit=1&query=kiwi"))!["results"]!
                .AsArray().Select(r => r!["id"]!.GetValue<string>())];
        var best = await AddAsync("kiwi kiwi kiwi");
        var next = await AddAsync("On a long walk along the harbour we talked about boats and, once, a kiwi");
        Assert.Equal([best], await FoundAsync());

        await using (var scope = api.Services.CreateAsyncScope())
        {
            var rows = scope.ServiceProvider.GetRequiredService<MirixDbContext>().RawMemories.Where(m => m.Id == best);
            var changed = column switch
            {
                "superseded_at" => await rows.ExecuteUpdateAsync(s => s.SetProperty(m => m.SupersededAt, DateTime.UtcNow)),
                "expires_at" => await rows.ExecuteUpdateAsync(s => s.SetProperty(m => m.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))),
                _ => await rows.ExecuteUpdateAsync(s => s.SetProperty(m => m.Scope, "elsewhere")),
            };
            Assert.Equal(1, changed);
        }

        Assert.True((await CurrentIndexAsync(api, writer, "u")).TryGetMemory(best, out var memory));
        Assert.True(memory.Superseded || memory.ExpiresAt is not null || memory.Scope == "elsewhere");
        Assert.Equal([next], await FoundAsync());
    }

    protected static async Task<TermIndex> CurrentIndexAsync(ApiFactory api, TenantClient client, string userId)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await api.Services.GetRequiredService<TermIndexCache>().CurrentAsync(
            scope.ServiceProvider.GetRequiredService<MirixDbContext>(), new(client.OrganizationId, userId, "raw", "context"), default) ?? throw new InvalidOperationException("no index");
    }
}

public sealed class SqliteTermIndexFreshnessTests(SqliteApiFactory api) : TermIndexFreshnessTests(api), IClassFixture<SqliteApiFactory>;

/// <summary>
/// PostgreSQL hands out keys before commit, so a memory can commit after one with a higher key, which an index may have
/// read already: the generation's row count shows the index missed it. Such a memory is made here by giving a copy of a
/// row a key below the others'.
/// </summary>
public sealed class PostgresTermIndexFreshnessTests(PostgresApiFactory api) : TermIndexFreshnessTests(api), IClassFixture<PostgresApiFactory>
{
    [Fact]
    public async Task A_memory_below_the_highest_key_read_is_found()
    {
        var org = await Api.Tenants.CreateOrganizationAsync("term-index-late");
        using var writer = await Api.Tenants.CreateClientAsync(org, "app", "app");
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u" });
        var smoothie = (await writer.Http.PostJsonAsync("/memory/raw?user_id=u", new { context = "a kiwi smoothie" }))!["memory"]!["id"]!.GetValue<string>();
        await writer.Http.PostJsonAsync("/memory/raw?user_id=u", new { context = "a kiwi tart" });
        Assert.Equal(2, (await CurrentIndexAsync(Api, writer, "u")).Best(["kiwi"], 10).Count);

        await using (var connection = new NpgsqlConnection(Api.PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var columns = new NpgsqlCommand(
                """
                SELECT string_agg(column_name, ', ') FROM information_schema.columns
                WHERE table_name = 'raw_memory' AND column_name NOT IN ('id', 'fts_seq') AND is_generated = 'NEVER'
                """, connection);
            var copied = (string)(await columns.ExecuteScalarAsync())!;
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO raw_memory (id, fts_seq, {copied}) OVERRIDING SYSTEM VALUE SELECT 'raw_mem-late', 0, {copied} FROM raw_memory WHERE id = @id",
                connection);
            insert.Parameters.AddWithValue("id", smoothie);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        var index = await CurrentIndexAsync(Api, writer, "u");
        Assert.Contains("raw_mem-late", index.Best(["kiwi"], 10).ConvertAll(b => b.MemoryId));
        Assert.Equal(3, index.Count);
    }
}
