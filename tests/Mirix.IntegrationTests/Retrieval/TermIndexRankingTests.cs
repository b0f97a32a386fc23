using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Retrieval;
using Mirix.Core.Retrieval.FullText;
using Mirix.Core.Storage;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Retrieval;

/// <summary>
/// A user's in-process term index, read from the user's FTS5 key range and the memories' text (dates in words included),
/// ranks any-term and all-terms matches with the scores FTS5's <c>bm25()</c> gives them when the user's rows are the whole table (FTS5
/// counts its statistics over every user; the index over the user's own).
/// </summary>
public sealed class TermIndexRankingTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private static readonly string[] Subjects =
        ["kiwi", "mango", "guitar", "violin", "tennis", "chess", "sourdough", "espresso", "Lisbon", "Tokyo", "mortgage", "pension"];

    [Fact]
    public async Task The_users_term_index_scores_every_match_as_FTS5_does()
    {
        var org = await api.Tenants.CreateOrganizationAsync("term-index");
        using var writer = await api.Tenants.CreateClientAsync(org, "app", "app");
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u" });
        for (var i = 0; i < 60; i++)
        {
            // Words repeat unevenly and texts differ in length, so frequencies and lengths both decide.
            var words = Enumerable.Range(0, 1 + (i % 5)).Select(k => Subjects[(i + (k * k)) % Subjects.Length]);
            var context = $"Zoë talked about {string.Join(" and ", words)} on day {i}";
            await writer.Http.PostJsonAsync("/memory/raw?user_id=u", new { context, occurred_at = $"2023-{1 + (i % 12):00}-{1 + (i % 28):00}T10:00:00Z" });
        }

        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        var fullText = scope.ServiceProvider.GetRequiredService<FullTextSearch>();
        var index = await scope.ServiceProvider.GetRequiredService<TermIndexCache>().CurrentAsync(db, new(writer.OrganizationId, "u", "raw", "context"), default) ?? throw new InvalidOperationException("no index");
        Assert.Equal(60, index.Count);
        var queries = new[] { "kiwi", "guitar chess", "Lisbon sourdough espresso zoe", "May 2023 tennis", "durian", "zoe talked kiwi" };
        foreach (var (query, terms) in queries.SelectMany(q => new[] { (q, FullTextSearch.Terms.Any), (q, FullTextSearch.Terms.All) }))
        {
            var scanned = await (await fullText.MatchesAsync("raw", "context", writer.OrganizationId, "u", query, terms, 10, default, ranked: false))!
                .Query.ToListAsync();
            var ranked = index.Best([.. TextScoring.Tokens(query).Distinct().Select(PorterStemmer.Term)], int.MaxValue, everyTerm: terms == FullTextSearch.Terms.All);

            Assert.Equal(scanned.Count, ranked.Count);
            var expected = scanned.ToDictionary(m => m.MemoryId, m => m.Score);
            Assert.All(ranked, r => Assert.Equal(expected[r.MemoryId], r.Score, 9));
            Assert.Equal(ranked.Select(r => r.Score).OrderDescending(), ranked.Select(r => r.Score));
        }
    }
}
