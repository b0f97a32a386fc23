using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Retrieval.FullText;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Retrieval;

/// <summary>
/// A user with more memories of a type than <see cref="TermIndexCache.MaxDocumentsKey"/> allows (here every user: the
/// setting is 0) is ranked by the database: no term index is built, bm25's best is the database's best, and a search
/// keeps to the user's own memories.
/// </summary>
public abstract class DatabaseRankedSearchTests(ApiFactory api)
{
    [Fact]
    public async Task Searches_beyond_the_term_index_limit_are_ranked_by_the_database()
    {
        var org = await api.Tenants.CreateOrganizationAsync("database-ranked");
        using var writer = await api.Tenants.CreateClientAsync(org, "app", "app");
        foreach (var user in new[] { "u", "v" })
        {
            await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = user });
            // One memory says "kiwi" more often than any other, in a text no longer than theirs.
            for (var i = 0; i < 30; i++)
            {
                var kiwis = i == 17 ? 6 : 1 + (i % 3);
                var context = string.Join(' ', Enumerable.Repeat("kiwi", kiwis).Concat(Enumerable.Repeat("note", 6 - kiwis))) + $" {user} {i}";
                await writer.Http.PostJsonAsync($"/memory/raw?user_id={user}", new { context });
            }
        }

        await using var scope = api.Services.CreateAsyncScope();
        var fullText = scope.ServiceProvider.GetRequiredService<FullTextSearch>();
        var scanned = await (await fullText.MatchesAsync("raw", "context", writer.OrganizationId, "u", "kiwi", FullTextSearch.Terms.All, 10, default, ranked: false))!
            .Query.OrderByDescending(m => m.Score).ToListAsync();
        foreach (var method in new[] { "bm25", "hybrid" })
        {
            var results = (await writer.Http.GetJsonAsync($"/memory/search?user_id=u&memory_type=raw&search_method={method}&limit=10&query=kiwi"))!["results"]!.AsArray();

            Assert.Equal(10, results.Count);
            Assert.All(results, r => Assert.Contains(" u ", r!["context"]!.GetValue<string>(), StringComparison.Ordinal));
            if (method == "bm25")
            {
                Assert.StartsWith("kiwi kiwi kiwi kiwi kiwi kiwi u 17", results[0]!["context"]!.GetValue<string>(), StringComparison.Ordinal);
                Assert.Equal(scanned[0].MemoryId, results[0]!["id"]!.GetValue<string>());
            }
        }
        Assert.Equal(0, api.Services.GetRequiredService<TermIndexCache>().Bytes);
    }
}

public sealed class SqliteDatabaseRankedApiFactory() : ApiFactory(StorageTarget.Sqlite, settings: DatabaseRanked.Settings);

public sealed class PostgresDatabaseRankedApiFactory() : ApiFactory(StorageTarget.Postgres, settings: DatabaseRanked.Settings);

internal static class DatabaseRanked
{
    public static readonly Dictionary<string, string> Settings = new() { [TermIndexCache.MaxDocumentsKey] = "0" };
}

public sealed class SqliteDatabaseRankedSearchTests(SqliteDatabaseRankedApiFactory api)
    : DatabaseRankedSearchTests(api), IClassFixture<SqliteDatabaseRankedApiFactory>;

public sealed class PostgresDatabaseRankedSearchTests(PostgresDatabaseRankedApiFactory api)
    : DatabaseRankedSearchTests(api), IClassFixture<PostgresDatabaseRankedApiFactory>;
