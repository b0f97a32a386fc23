using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Retrieval.FullText;
using Mirix.Core.Storage;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Retrieval;

/// <summary>
/// On SQLite a user's full-text search is answered inside FTS5 within the user's key range (kept by triggers in SQL),
/// ranked there and capped to its best. It must find exactly what the organization-wide match finds for that user, with
/// the same scores in the same order, for user ids beyond ASCII too.
/// </summary>
public sealed class SqliteOwnerFullTextTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private static readonly string[] Subjects =
        ["kiwi", "mango", "guitar", "violin", "tennis", "chess", "sourdough", "espresso", "Lisbon", "Tokyo", "mortgage", "pension"];

    private static readonly string[] Users = ["zoë 用户", "u", "u-1"];

    [Fact]
    public async Task A_users_matches_from_the_index_equal_the_organizations_matches_of_that_user()
    {
        var org = await api.Tenants.CreateOrganizationAsync("fts-owner");
        using var writer = await api.Tenants.CreateClientAsync(org, "app", "app");
        foreach (var user in Users)
        {
            await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = user });
            // Words repeat unevenly, so ranks differ; "guitar" also fills other fields, which must not count for the summary.
            var items = Enumerable.Range(0, 150).Select(i => new
            {
                name = $"{user} note {i}",
                summary = string.Join(' ', Enumerable.Range(0, 1 + (i % 4)).Select(k => Subjects[(i + (k * k)) % Subjects.Length])) + $" day {i}",
                details = i % 5 == 0 ? "guitar guitar guitar" : "nothing else",
            }).ToArray();
            await writer.Http.PostJsonAsync("/memory/semantic", new { user_id = user, items });
        }

        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        var fullText = scope.ServiceProvider.GetRequiredService<FullTextSearch>();
        foreach (var (query, terms) in new[] { ("kiwi", FullTextSearch.Terms.Any), ("guitar chess", FullTextSearch.Terms.Any), ("guitar violin", FullTextSearch.Terms.All), ("Lisbon sourdough espresso", FullTextSearch.Terms.Any) })
        {
            var wholeOrganization = await (await fullText.MatchesAsync("semantic", "summary", writer.OrganizationId, null, query, terms, 10, default))!.Query.ToListAsync();
            var owners = await db.SemanticItems.Where(m => m.OrganizationId == writer.OrganizationId).ToDictionaryAsync(m => m.Id, m => m.UserId);
            foreach (var user in Users)
            {
                var expected = Order(wholeOrganization.Where(m => owners[m.MemoryId] == user));
                var ranked = await fullText.MatchesAsync("semantic", "summary", writer.OrganizationId, user, query, terms, 10, default, ranked: true);
                var scanned = await fullText.MatchesAsync("semantic", "summary", writer.OrganizationId, user, query, terms, 10, default, ranked: false);
                Assert.True(ranked!.Capped);
                Assert.False(scanned!.Capped);
                var fromScan = Order(await scanned.Query.ToListAsync());
                var fromIndex = Order(await ranked.Query.ToListAsync());
                Assert.NotEmpty(expected);
                Assert.Equal(expected, fromScan);
                Assert.Equal(expected.Take(FullTextSearch.RankedPool(10)), fromIndex);
            }
        }

        // Through the API, bm25 and hybrid search return only the asking user's memories.
        foreach (var method in new[] { "bm25", "hybrid" })
        {
            var results = (await writer.Http.GetJsonAsync($"/memory/search?user_id={Uri.EscapeDataString(Users[0])}&memory_type=semantic&search_field=summary&search_method={method}&limit=5&query=kiwi"))!["results"]!.AsArray();
            Assert.Equal(5, results.Count);
            Assert.All(results, r => Assert.StartsWith(Users[0] + " note", r!["name"]!.GetValue<string>(), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_word_in_most_rows_is_not_asked_of_the_index_unless_the_query_has_nothing_else()
    {
        var org = await api.Tenants.CreateOrganizationAsync("fts-common");
        using var writer = await api.Tenants.CreateClientAsync(org, "app", "app");
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u" });
        // "projects" (the term "project") is in every row; "kiwi" in one.
        var items = Enumerable.Range(0, 60).Select(i => new
        {
            title = $"note {i}",
            summary = i == 42 ? "projects kiwi order" : $"projects update number {i}",
            resource_type = "text",
            content = "-",
        }).ToArray();
        await writer.Http.PostJsonAsync("/memory/resource", new { user_id = "u", items });

        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        // The server's own instance counts a word as common from 5,000 rows on; this one from 10.
        using var common = new SqliteCommonTerms(TimeProvider.System, minRows: 10);
        var fullText = ActivatorUtilities.CreateInstance<FullTextSearch>(scope.ServiceProvider, common);
        Assert.Equal(["projects"], await common.CommonAsync(db, FullTextTable.ByMemoryType["resource"], ["projects", "kiwi"], default));

        var both = await (await fullText.MatchesAsync("resource", "summary", writer.OrganizationId, "u", "projects kiwi", FullTextSearch.Terms.Any, 10, default))!.Query.ToListAsync();
        var onlyCommon = await (await fullText.MatchesAsync("resource", "summary", writer.OrganizationId, "u", "projects", FullTextSearch.Terms.Any, 10, default, ranked: false))!.Query.ToListAsync();
        var allTerms = await (await fullText.MatchesAsync("resource", "summary", writer.OrganizationId, "u", "projects kiwi", FullTextSearch.Terms.All, 10, default))!.Query.ToListAsync();

        var kiwi = await db.ResourceItems.Where(m => m.OrganizationId == writer.OrganizationId && m.Title == "note 42").Select(m => m.Id).SingleAsync();
        Assert.Equal([kiwi], both.Select(m => m.MemoryId));
        Assert.Equal(60, onlyCommon.Count);
        Assert.Equal([kiwi], allTerms.Select(m => m.MemoryId));
    }

    [Fact]
    public async Task Each_users_keys_stay_in_its_range_through_deletes_and_later_writes()
    {
        var org = await api.Tenants.CreateOrganizationAsync("fts-ranges");
        using var writer = await api.Tenants.CreateClientAsync(org, "app", "app");
        string[] users = ["a", "b"];
        async Task AddAsync(string user, int from, int count) => await writer.Http.PostJsonAsync("/memory/semantic", new
        {
            user_id = user,
            items = Enumerable.Range(from, count).Select(i => new { name = $"{user} {i}", summary = $"kiwi note {i}", details = "-" }).ToArray(),
        });
        foreach (var user in users)
        {
            await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = user });
        }
        for (var round = 0; round < 3; round++)
        {
            foreach (var user in users)
            {
                await AddAsync(user, round * 2, 2);
            }
        }
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        // The highest key of "a" goes, then two more of its memories come: they must not land in "b"'s range or reuse a key.
        var removed = await db.SemanticItems.Where(m => m.OrganizationId == writer.OrganizationId && m.UserId == "a")
            .OrderByDescending(m => m.Name).Take(2).Select(m => m.Id).ToListAsync();
        foreach (var id in removed)
        {
            using var deleted = await writer.Http.DeleteAsync(new Uri($"/memory/semantic/{id}?user_id=a", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.OK, deleted.StatusCode);
        }
        await AddAsync("a", 10, 2);

        var table = FullTextTable.ByMemoryType["semantic"];
        // Table names come from FullTextTable; the organization is a parameter.
#pragma warning disable EF1003
        var keys = await db.Database.SqlQueryRaw<KeyOfMemory>(
            $"SELECT m.user_id AS user_id, k.key AS key, o.slot AS slot FROM {table.Table} m JOIN {table.SqliteKeys} k ON k.memory_id = m.id "
            + $"JOIN {FullTextTable.SqliteOwners} o ON o.organization_id = m.organization_id AND o.user_id = m.user_id WHERE m.organization_id = {{0}}",
            writer.OrganizationId).ToListAsync();
#pragma warning restore EF1003
        Assert.Equal(12, keys.Count);
        Assert.All(keys, k => Assert.InRange(k.Key, k.Slot * FullTextTable.SqliteKeySpan, ((k.Slot + 1) * FullTextTable.SqliteKeySpan) - 1));
        Assert.Equal(2, keys.Select(k => k.Slot).Distinct().Count());

        var fullText = scope.ServiceProvider.GetRequiredService<FullTextSearch>();
        foreach (var user in users)
        {
            var mine = await db.SemanticItems.Where(m => m.OrganizationId == writer.OrganizationId && m.UserId == user).Select(m => m.Id).ToListAsync();
            var found = await (await fullText.MatchesAsync("semantic", "summary", writer.OrganizationId, user, "kiwi", FullTextSearch.Terms.Any, 10, default))!.Query.ToListAsync();
            Assert.Equal(mine.Order(StringComparer.Ordinal), found.Select(m => m.MemoryId).Order(StringComparer.Ordinal));
        }
    }

    private sealed record KeyOfMemory(string UserId, long Key, long Slot);

    /// <summary>Matches by score, then id: ties may come in either order from either path.</summary>
    private static List<(string Id, double Score)> Order(IEnumerable<FullTextSearch.Match> matches) =>
        [.. matches.Select(m => (m.MemoryId, Math.Round(m.Score, 6))).OrderByDescending(m => m.Item2).ThenBy(m => m.MemoryId, StringComparer.Ordinal)];
}
