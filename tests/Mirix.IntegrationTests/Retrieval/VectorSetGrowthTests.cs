using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Retrieval;

/// <summary>
/// The in-process vector copy (SQLite, PostgreSQL without pgvector) grows with its set, one append at a time, across the
/// points where its last chunk is copied into a larger one; every search sees every vector written before it.
/// </summary>
public sealed class VectorSetGrowthTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private static readonly string[] Things =
    [
        "a red bicycle", "the piano recital", "sourdough bread", "a trip to Lisbon", "the tax return", "marathon shoes",
        "a chess opening", "espresso beans", "the dentist appointment", "a violin lesson", "kubernetes upgrade", "the garden shed",
        "a birthday cake", "the mortgage renewal", "sushi dinner", "a football match", "the python script", "a library card",
        "the winter coat", "a parrot named Kiwi", "the pension plan", "a camping stove", "the jazz concert", "a broken umbrella",
        "the wedding invitation", "a yoga class", "the electricity bill", "a hiking map", "the car insurance", "a paper kite",
        "the moving boxes", "a tennis racket", "the passport photo", "a pottery workshop", "the solar panels", "a rescue dog",
        "the board meeting", "a vegetable patch", "the school play", "a lighthouse tour",
    ];

    [Fact]
    public async Task Each_search_finds_every_memory_written_before_it_as_the_set_grows_one_by_one()
    {
        var org = await api.Tenants.CreateOrganizationAsync("growth");
        using var writer = await api.Tenants.CreateClientAsync(org, "app", "app");
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "g" });

        for (var i = 0; i < Things.Length; i++)
        {
            var summary = $"The user mentioned {Things[i]}";
            await writer.Http.PostJsonAsync("/memory/semantic", new { user_id = "g", items = new[] { new { name = $"item {i}", summary } } });
            var query = Uri.EscapeDataString(summary);
            var hits = (await writer.Http.GetJsonAsync($"/memory/search?user_id=g&memory_type=semantic&search_method=embedding&limit=100&query={query}"))!["results"]!.AsArray();

            Assert.Equal(i + 1, hits.Count);
            Assert.Equal($"item {i}", hits[0]!["name"]!.GetValue<string>());
        }
    }
}
