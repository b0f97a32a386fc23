using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Retrieval.FullText;
using Mirix.IntegrationTests.Infrastructure;
using Npgsql;

namespace Mirix.IntegrationTests.Retrieval;

/// <summary>
/// On PostgreSQL, when the database ranks a search (across users, or for a user too large for a term index), a full-text
/// match must hold a word the statistics show in at most 5% of the table's rows, when the query has one: rows sharing only
/// common words cost most of the ranking time and are never the best matches. A user's term index ranks every word
/// instead, by that user's own statistics, with the same best matches.
/// </summary>
public sealed class CommonTermTests(PostgresApiFactory api) : IClassFixture<PostgresApiFactory>
{
    [Fact]
    public async Task A_word_in_most_rows_neither_decides_the_ranking_nor_empties_a_query_of_common_words()
    {
        var org = await api.Tenants.CreateOrganizationAsync("common");
        using var writer = await api.Tenants.CreateClientAsync(org, "app", "app");
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u" });
        // "project" is in every row, three times in the first; "kiwi" in one row only.
        var items = Enumerable.Range(0, 60).Select(i => new
        {
            title = $"note {i}",
            summary = i == 0 ? "project project project status" : i == 42 ? "project kiwi order" : $"project update number {i}",
            resource_type = "text",
            content = "-",
        }).ToArray();
        await writer.Http.PostJsonAsync("/memory/resource", new { user_id = "u", items });
        await using (var connection = new NpgsqlConnection(api.PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var analyze = new NpgsqlCommand("ANALYZE resource_memory", connection);
            await analyze.ExecuteNonQueryAsync();
        }

        var both = await SearchAsync(writer.Http, "project kiwi");
        var onlyCommon = await SearchAsync(writer.Http, "project");
        await using var scope = api.Services.CreateAsyncScope();
        var fullText = scope.ServiceProvider.GetRequiredService<FullTextSearch>();
        var ranked = await (await fullText.MatchesAsync("resource", "summary", writer.OrganizationId, "u", "project kiwi", FullTextSearch.Terms.Any, 10, default))!
            .Query.ToListAsync();

        Assert.Equal("note 42", both[0]!["title"]!.GetValue<string>());
        Assert.Equal(10, both.Count);
        Assert.Equal(10, onlyCommon.Count);
        Assert.Equal("note 0", onlyCommon[0]!["title"]!.GetValue<string>());
        Assert.Equal(both[0]!["id"]!.GetValue<string>(), Assert.Single(ranked).MemoryId);
    }

    private static async Task<JsonArray> SearchAsync(HttpClient http, string query) =>
        (await http.GetJsonAsync($"/memory/search?user_id=u&memory_type=resource&search_field=summary&search_method=bm25&limit=10&query={Uri.EscapeDataString(query)}"))!["results"]!.AsArray();
}
