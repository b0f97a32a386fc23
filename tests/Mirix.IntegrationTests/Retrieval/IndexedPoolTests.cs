using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Memory;
using Mirix.Core.Retrieval.FullText;
using Mirix.Core.Storage;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Retrieval;

/// <summary>
/// A search judges its pools by the user's term index (scope, expiry, supersession, dates) instead of reading their rows:
/// the memories it keeps are exactly those the database's filters keep. Among sixty memories, some are in another scope,
/// expired, about to expire, superseded, or outside the dates asked for; bm25's answer is the index's ranking of the
/// memories the database calls visible, and hybrid, whose pools hold every match here, answers with each of them.
/// </summary>
public abstract class IndexedPoolTests(ApiFactory api)
{
    [Theory]
    [InlineData("app", false, null, null)]
    [InlineData("app", true, null, null)]
    [InlineData("both", false, "2024-01-10T00:00:00Z", "2024-02-10T00:00:00Z")]
    [InlineData("both", false, null, "2024-01-20T00:00:00Z")]
    public async Task The_index_keeps_the_memories_the_database_filters_keep(string reader, bool includeSuperseded, string? start, string? end)
    {
        var org = await api.Tenants.CreateOrganizationAsync($"indexed-pool-{reader}-{includeSuperseded}-{start}-{end}");
        using var app = await api.Tenants.CreateClientAsync(org, "app", "app");
        using var other = await api.Tenants.CreateClientAsync(org, "other", "other");
        using var both = await api.Tenants.CreateClientAsync(org, null, "app", "other");
        await app.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u" });
        var ids = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var context = string.Join(' ', Enumerable.Repeat("kiwi", 1 + (i % 4))) + $" and a note about day {i}";
            var writer = i % 5 == 0 ? other : app;
            ids.Add((await writer.Http.PostJsonAsync("/memory/raw?user_id=u", new { context }))!["memory"]!["id"]!.GetValue<string>());
        }
        var now = DateTime.UtcNow;
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var memories = scope.ServiceProvider.GetRequiredService<MirixDbContext>().RawMemories;
            for (var i = 0; i < ids.Count; i++)
            {
                var (id, occurred) = (ids[i], new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc).AddDays(i));
                DateTime? expires = i % 7 == 0 ? now.AddHours(-1) : i % 11 == 0 ? now.AddDays(1) : null;
                DateTime? superseded = i % 6 == 0 ? now : null;
                await memories.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.OccurredAt, occurred).SetProperty(m => m.ExpiresAt, expires).SetProperty(m => m.SupersededAt, superseded));
            }
        }

        var (client, scopes) = reader == "app" ? (app, new[] { "app" }) : (both, ["app", "other"]);
        // The memories happened at noon, the bounds are midnights: no memory lies on one.
        var (from, to) = (Utc(start), Utc(end));
        HashSet<string> visible;
        TermIndex index;
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
            var rows = db.RawMemories.Visible(client.OrganizationId, "u", scopes, DateTime.UtcNow, includeSuperseded);
            rows = rows.Where(m => m.OccurredAt >= (from ?? DateTime.MinValue) && m.OccurredAt <= (to ?? DateTime.MaxValue));
            visible = [.. await rows.Select(m => m.Id).ToListAsync()];
            index = (await api.Services.GetRequiredService<TermIndexCache>().CurrentAsync(db, new(client.OrganizationId, "u", "raw", "context"), default))!;
        }
        Assert.InRange(visible.Count, 10, 49);
        var dates = (start is null ? "" : $"&start_date={start}") + (end is null ? "" : $"&end_date={end}");
        async Task<List<string>> SearchAsync(string method, int limit) =>
            [.. (await client.Http.GetJsonAsync(
                $"/memory/search?user_id=u&memory_type=raw&search_method={method}&limit={limit}&query=kiwi&include_superseded={includeSuperseded}{dates}"))!["results"]!
                .AsArray().Select(r => r!["id"]!.GetValue<string>())];

        var expected = index.Best(["kiwi"], 100).Select(b => b.MemoryId).Where(visible.Contains).Take(10).ToList();
        Assert.Equal(expected, await SearchAsync("bm25", 10));
        Assert.Equal(visible.Order(StringComparer.Ordinal), (await SearchAsync("hybrid", visible.Count + 5)).Order(StringComparer.Ordinal));
    }

    private static DateTime? Utc(string? text) =>
        text is null ? null : DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
}

public sealed class SqliteIndexedPoolTests(SqliteApiFactory api) : IndexedPoolTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresIndexedPoolTests(PostgresApiFactory api) : IndexedPoolTests(api), IClassFixture<PostgresApiFactory>;
