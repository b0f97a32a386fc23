using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Retrieval;

/// <summary>
/// The term index ranks all of a user's memories, whoever may see them: when its best matches are all hidden from the
/// asking client (another scope), the search goes on through every match instead of answering with too few (bm25's
/// pool of 100 is all hidden here; hybrid's pool of 375 holds every match, and none of the hidden may come back).
/// </summary>
public abstract class TermIndexVisibilityTests(ApiFactory api)
{
    [Theory]
    [InlineData("bm25")]
    [InlineData("hybrid")]
    public async Task Hidden_best_matches_leave_the_visible_ones_found(string method)
    {
        var org = await api.Tenants.CreateOrganizationAsync("term-index-scopes-" + method);
        using var loud = await api.Tenants.CreateClientAsync(org, "loud", "loud");
        using var quiet = await api.Tenants.CreateClientAsync(org, "quiet", "quiet");
        await loud.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u" });
        // Short texts that repeat the word outrank long ones that say it once: the index's pool of 100 is all "loud".
        for (var i = 0; i < 120; i++)
        {
            await loud.Http.PostJsonAsync("/memory/raw?user_id=u", new { context = $"kiwi kiwi kiwi {i}" });
        }
        for (var i = 0; i < 3; i++)
        {
            await quiet.Http.PostJsonAsync("/memory/raw?user_id=u", new
            {
                context = $"On a long walk along the harbour we talked about boats, weather, old friends and, once, a kiwi ({i})",
            });
        }

        var results = (await quiet.Http.GetJsonAsync($"/memory/search?user_id=u&memory_type=raw&search_method={method}&limit=3&query=kiwi"))!["results"]!.AsArray();

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.StartsWith("On a long walk", r!["context"]!.GetValue<string>(), StringComparison.Ordinal));
    }
}

public sealed class SqliteTermIndexVisibilityTests(SqliteApiFactory api) : TermIndexVisibilityTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresTermIndexVisibilityTests(PostgresApiFactory api) : TermIndexVisibilityTests(api), IClassFixture<PostgresApiFactory>;
