using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Retrieval.FullText;
using Mirix.Core.Storage;
using Mirix.IntegrationTests.Infrastructure;
using Npgsql;

namespace Mirix.IntegrationTests.Retrieval;

/// <summary>
/// On PostgreSQL with the RUM extension (installed by the test services, as <c>.ci/run</c> does), full text takes its top
/// matches from the RUM index; without it, the GIN index's matches are all scored. Both paths return the same matches in
/// the same order with the same scores, for one field of a table of several fields and per user. (The database ranks a
/// user's searches when the user holds too many memories for an in-process term index.)
/// </summary>
public sealed class FullTextPathAgreementTests(PostgresApiFactory api) : IClassFixture<PostgresApiFactory>
{
    private static readonly string[] Subjects =
        ["kiwi", "mango", "guitar", "violin", "tennis", "chess", "sourdough", "espresso", "Lisbon", "Tokyo", "mortgage", "pension"];

    [Fact]
    public async Task The_ranked_index_and_the_scan_of_every_match_agree()
    {
        var org = await api.Tenants.CreateOrganizationAsync("rum");
        using var writer = await api.Tenants.CreateClientAsync(org, "app", "app");
        foreach (var user in new[] { "u", "v" })
        {
            await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = user });
            // Words repeat unevenly, so ranks differ; "guitar" also fills other fields, which must not count for the summary.
            var items = Enumerable.Range(0, 120).Select(i => new
            {
                name = $"{user} note {i}",
                summary = string.Join(' ', Enumerable.Range(0, 1 + (i % 4)).Select(k => Subjects[(i + (k * k)) % Subjects.Length])) + $" day {i}",
                details = i % 5 == 0 ? "guitar guitar guitar" : "nothing else",
            }).ToArray();
            await writer.Http.PostJsonAsync("/memory/semantic", new { user_id = user, items });
        }
        await using (var connection = new NpgsqlConnection(api.PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var analyze = new NpgsqlCommand("ANALYZE semantic_memory", connection);
            await analyze.ExecuteNonQueryAsync();
        }

        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        Assert.True(await scope.ServiceProvider.GetRequiredService<RankedIndexAvailability>().IsAvailableAsync(db, default), "the migrator built the RUM indexes");
        var fullText = scope.ServiceProvider.GetRequiredService<FullTextSearch>();
        foreach (var (query, terms) in new[] { ("kiwi", FullTextSearch.Terms.Any), ("guitar chess", FullTextSearch.Terms.Any), ("guitar violin", FullTextSearch.Terms.All), ("Lisbon sourdough espresso", FullTextSearch.Terms.Any) })
        {
            foreach (var user in new[] { "u", "v" })
            {
                var ranked = await fullText.MatchesAsync("semantic", "summary", writer.OrganizationId, user, query, terms, 10, default, ranked: true);
                var scanned = await fullText.MatchesAsync("semantic", "summary", writer.OrganizationId, user, query, terms, 10, default, ranked: false);
                Assert.Equal(terms == FullTextSearch.Terms.Any, ranked!.Capped);
                Assert.False(scanned!.Capped);
                var fromIndex = await ranked.Query.ToListAsync();
                var fromScan = await scanned.Query.ToListAsync();
                Assert.NotEmpty(fromScan);
                Assert.Equal(Order(fromScan), Order(fromIndex));
            }
        }

        // Through the API, a user's bm25 and hybrid search keep to the user's own memories.
        foreach (var method in new[] { "bm25", "hybrid" })
        {
            var results = (await writer.Http.GetJsonAsync($"/memory/search?user_id=u&memory_type=semantic&search_field=summary&search_method={method}&limit=5&query=kiwi"))!["results"]!.AsArray();
            Assert.Equal(5, results.Count);
            Assert.All(results, r => Assert.StartsWith("u note", r!["name"]!.GetValue<string>(), StringComparison.Ordinal));
        }
    }

    /// <summary>Matches by score, then id: ties may come in either order from either path.</summary>
    private static List<(string Id, double Score)> Order(List<FullTextSearch.Match> matches) =>
        [.. matches.Select(m => (m.MemoryId, Math.Round(m.Score, 6))).OrderByDescending(m => m.Item2).ThenBy(m => m.MemoryId, StringComparer.Ordinal)];
}
