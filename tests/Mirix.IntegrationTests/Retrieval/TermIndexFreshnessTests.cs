using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Retrieval.FullText;
using Mirix.Core.Storage;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Retrieval;

/// <summary>
/// A user's in-process term index is current for every search: memories added, rewritten and removed since the last one
/// count, including a new memory given the key of one just removed; an unchanged range costs no reading.
/// </summary>
public sealed class TermIndexFreshnessTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task The_index_follows_additions_rewrites_and_removals()
    {
        var org = await api.Tenants.CreateOrganizationAsync("term-index-fresh");
        using var writer = await api.Tenants.CreateClientAsync(org, "app", "app");
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u" });
        async Task<string> AddAsync(string context) =>
            (await writer.Http.PostJsonAsync("/memory/raw?user_id=u", new { context }))!["memory"]!["id"]!.GetValue<string>();
        var cache = api.Services.GetRequiredService<TermIndexCache>();
        async Task<TermIndex> IndexAsync()
        {
            await using var scope = api.Services.CreateAsyncScope();
            return await cache.CurrentAsync(scope.ServiceProvider.GetRequiredService<MirixDbContext>(), new(writer.OrganizationId, "u", "raw", "context"), default);
        }
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
}
