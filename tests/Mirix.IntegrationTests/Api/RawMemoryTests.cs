using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Api;

public abstract class RawMemoryTests(ApiFactory api)
{
    private readonly Tenants _tenants = api.Tenants;

    [Fact]
    public async Task Crud_with_scope_injection_append_replace_and_scope_preserving_tag_updates()
    {
        var org = await _tenants.CreateOrganizationAsync("raw");
        using var writer = await _tenants.CreateClientAsync(org, "app", "app");
        using var stranger = await _tenants.CreateClientAsync(org, "other", "other");

        var created = await writer.Http.PostJsonAsync("/memory/raw?user_id=u-raw",
            new { context = "Working on the Lisbon offsite.", filter_tags = new { scope = "forged", project = "offsite" }, occurred_at = "2026-05-01T09:00:00Z" });
        var id = created!["memory"]!["id"]!.GetValue<string>();
        Assert.Equal("app", created["memory"]!["filter_tags"]!["scope"]!.GetValue<string>());

        using (var appended = await writer.Http.PatchAsJsonAsync($"/memory/raw/{id}", new { context = "Booked the venue.", filter_tags = new { stage = "booked" } }))
        {
            var memory = (await appended.ReadJsonAsync())!["memory"]!;
            Assert.Equal("Working on the Lisbon offsite.\n\nBooked the venue.", memory["context"]!.GetValue<string>());
            Assert.Equal("offsite", memory["filter_tags"]!["project"]!.GetValue<string>());
            Assert.Equal("booked", memory["filter_tags"]!["stage"]!.GetValue<string>());
        }
        using (var replaced = await writer.Http.PatchAsJsonAsync($"/memory/raw/{id}",
            new { context = "Offsite done.", context_update_type = "replace", filter_tags = new { stage = "done", scope = "forged" }, tags_update_type = "replace" }))
        {
            var memory = (await replaced.ReadJsonAsync())!["memory"]!;
            Assert.Equal("Offsite done.", memory["context"]!.GetValue<string>());
            Assert.Equal(["scope", "stage"], memory["filter_tags"]!.AsObject().Select(p => p.Key).Order());
            Assert.Equal("app", memory["filter_tags"]!["scope"]!.GetValue<string>());
        }

        using var strangerGet = await stranger.Http.GetAsync(new Uri($"/memory/raw/{id}", UriKind.Relative));
        using var strangerPatch = await stranger.Http.PatchAsJsonAsync($"/memory/raw/{id}", new { context = "x" });
        using var strangerDelete = await stranger.Http.DeleteAsync(new Uri($"/memory/raw/{id}", UriKind.Relative));
        using var wrongUser = await writer.Http.GetAsync(new Uri($"/memory/raw/{id}?user_id=someone-else", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, strangerGet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, strangerPatch.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, strangerDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongUser.StatusCode);

        using var deleted = await writer.Http.DeleteAsync(new Uri($"/memory/raw/{id}", UriKind.Relative));
        using var gone = await writer.Http.GetAsync(new Uri($"/memory/raw/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Search_raw_with_a_query_ranks_by_relevance_within_tags_and_occurred_at()
    {
        var org = await _tenants.CreateOrganizationAsync("raw-query");
        using var writer = await _tenants.CreateClientAsync(org, "rq", "rq");
        async Task<string> AddAsync(string context, string project, string occurredAt) =>
            (await writer.Http.PostJsonAsync("/memory/raw?user_id=u-rq", new { context, filter_tags = new { project }, occurred_at = occurredAt }))!["memory"]!["id"]!.GetValue<string>();
        var ferry = await AddAsync("Booked the ferry to Tangier for the team offsite.", "offsite", "2026-04-02T09:00:00Z");
        var lunch = await AddAsync("Lunch order: twelve vegetarian wraps.", "offsite", "2026-04-03T09:00:00Z");
        var otherFerry = await AddAsync("The ferry timetable changed for the summer.", "travel", "2026-05-01T09:00:00Z");

        foreach (var method in new[] { "bm25", "embedding", "hybrid" })
        {
            var all = (await writer.Http.PostJsonAsync("/memory/search_raw?user_id=u-rq", new { query = "ferry to Tangier", search_method = method, limit = 3 }))!;
            Assert.Equal(ferry, all["items"]![0]!["id"]!.GetValue<string>());
            Assert.True(all["items"]![0]!["score"]!.GetValue<double>() > 0);
            Assert.Null(all["cursor"]);
        }
        var tagged = (await writer.Http.PostJsonAsync("/memory/search_raw?user_id=u-rq", new { query = "ferry", search_method = "bm25", filter_tags = new { project = "travel" } }))!;
        Assert.Equal([otherFerry], tagged["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        var dated = (await writer.Http.PostJsonAsync("/memory/search_raw?user_id=u-rq",
            new { query = "ferry", search_method = "bm25", time_range = new { occurred_at_gte = "2026-04-01T00:00:00Z", occurred_at_lte = "2026-04-30T00:00:00Z" } }))!;
        Assert.Equal([ferry], dated["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.DoesNotContain(lunch, dated.ToJsonString(), StringComparison.Ordinal);

        var listed = (await writer.Http.PostJsonAsync("/memory/search_raw?user_id=u-rq", new { limit = 1 }))!;
        Assert.Null(listed["items"]![0]!["score"]); // listing (no query) keeps MIRIX's item shape

        foreach (var (bad, status) in new (object, HttpStatusCode)[]
        {
            (new { query = "ferry", search_method = "psychic" }, HttpStatusCode.UnprocessableEntity),
            (new { query = "ferry", cursor = "abc" }, HttpStatusCode.BadRequest),
            (new { query = "ferry", sort = "-created_at" }, HttpStatusCode.BadRequest),
            (new { query = "ferry", time_range = new { created_at_gte = "2026-01-01T00:00:00Z" } }, HttpStatusCode.BadRequest),
        })
        {
            using var response = await writer.Http.PostAsJsonAsync("/memory/search_raw?user_id=u-rq", bad);
            Assert.Equal(status, response.StatusCode);
        }
    }

    public static TheoryData<string, string[]> TagQueries => new()
    {
        { """{"project":"alpha"}""", ["a", "b"] },
        { """{"priority":2}""", ["b"] },
        { """{"done":true}""", ["a"] },
        { """{"people":{"$contains":"ana"}}""", ["a", "c"] },
        { """{"project":{"$contains":"alpha"}}""", [] },
        { """{"people":{"$exists":true}}""", ["a", "c"] },
        { """{"people":{"$exists":false}}""", ["b", "d"] },
        { """{"project":{"$in":["beta","gamma"]}}""", ["c"] },
        { """{"project":{"$in":[]}}""", [] },
        { """{"project":"alpha","people":{"$contains":"ana"}}""", ["a"] },
        { """{"scope":"nothing-matches-this","read_scopes":["x"]}""", ["a", "b", "c", "d"] },
    };

    [Theory, MemberData(nameof(TagQueries))]
    public async Task Filter_tags_operators_select_exactly_the_matching_rows(string filter, string[] expected)
    {
        var (http, names) = await SeedTaggedAsync();

        var result = await http.PostJsonAsync("/memory/search_raw", new { filter_tags = JsonNode.Parse(filter), limit = 100, sort = "created_at" });

        var found = result!["items"]!.AsArray().Select(i => names[i!["id"]!.GetValue<string>()]).Order().ToArray();
        Assert.Equal(expected, found);
    }

    [Theory]
    [InlineData("""{"filter_tags":{"k":{"$regex":"x"}}}""", "$regex", 400)]
    [InlineData("""{"filter_tags":{"k":{"$in":"x"}}}""", "$in", 400)]
    [InlineData("""{"filter_tags":{"k":{"$exists":true,"$in":[1]}}}""", "exactly one operator", 400)]
    [InlineData("""{"filter_tags":{"k":["a"]}}""", "$contains", 400)]
    [InlineData("""{"limit":101}""", "limit", 422)]
    [InlineData("""{"sort":"name"}""", "sort", 422)]
    [InlineData("""{"cursor":"not-a-cursor"}""", "cursor", 400)]
    [InlineData("""{"time_range":{"created_at_gte":"2026-02-01T00:00:00Z","created_at_lte":"2026-01-01T00:00:00Z"}}""", "created_at_gte", 400)]
    [InlineData("""{"time_range":{"updated_at_lte":"soon"}}""", "updated_at_lte", 400)]
    public async Task Invalid_searches_are_refused_with_the_reason(string body, string reason, int status)
    {
        var (http, _) = await SeedTaggedAsync();

        using var response = await http.PostAsync(new Uri("/memory/search_raw", UriKind.Relative),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(reason, (await response.ReadJsonAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("created_at")]
    [InlineData("-created_at")]
    [InlineData("-updated_at")]
    [InlineData("occurred_at")]
    public async Task Cursor_pages_cover_every_row_once_in_sort_order(string sort)
    {
        var org = await _tenants.CreateOrganizationAsync("paging");
        using var writer = await _tenants.CreateClientAsync(org, "app", "app");
        for (var i = 0; i < 7; i++)
        {
            await writer.Http.PostJsonAsync("/memory/raw?user_id=u-page", new { context = $"row {i}", occurred_at = $"2026-01-0{i + 1}T00:00:00Z" });
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await writer.Http.PostJsonAsync("/memory/search_raw?user_id=u-page", new { sort, limit = 3, cursor });
            seen.AddRange(page!["items"]!.AsArray().Select(i => i!["context"]!.GetValue<string>()));
            cursor = page["cursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(7, seen.Distinct().Count());
        var ascending = Enumerable.Range(0, 7).Select(i => $"row {i}").ToList();
        Assert.Equal(sort.StartsWith('-') ? Enumerable.Reverse(ascending) : ascending, seen);
    }

    [Fact]
    public async Task Concurrent_appends_lose_no_text()
    {
        var org = await _tenants.CreateOrganizationAsync("concurrent");
        using var writer = await _tenants.CreateClientAsync(org, "app", "app");
        var created = await writer.Http.PostJsonAsync("/memory/raw?user_id=u-conc", new { context = "start" });
        var id = created!["memory"]!["id"]!.GetValue<string>();

        var appends = Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await writer.Http.PatchAsJsonAsync($"/memory/raw/{id}", new { context = $"part-{i}" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });
        await Task.WhenAll(appends);

        var final = (await writer.Http.GetJsonAsync($"/memory/raw/{id}"))!["memory"]!["context"]!.GetValue<string>();
        Assert.All(Enumerable.Range(0, 8), i => Assert.Contains($"part-{i}", final, StringComparison.Ordinal));
    }

    private async Task<(HttpClient Http, Dictionary<string, string> Names)> SeedTaggedAsync()
    {
        var org = await _tenants.CreateOrganizationAsync("tags");
        var writer = await _tenants.CreateClientAsync(org, "app", "app");
        var rows = new (string Name, object Tags)[]
        {
            ("a", new { project = "alpha", people = new[] { "ana", "bo" }, done = true }),
            ("b", new { project = "alpha", priority = 2, done = false }),
            ("c", new { project = "beta", people = new[] { "ana" } }),
            ("d", new { priority = "high" }),
        };
        var names = new Dictionary<string, string>();
        foreach (var (name, tags) in rows)
        {
            var created = await writer.Http.PostJsonAsync("/memory/raw?user_id=u-tags", new { context = name, filter_tags = tags });
            names[created!["memory"]!["id"]!.GetValue<string>()] = name;
        }
        return (writer.Http, names);
    }
}

public sealed class SqliteRawMemoryTests(SqliteApiFactory api) : RawMemoryTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresRawMemoryTests(PostgresApiFactory api) : RawMemoryTests(api), IClassFixture<PostgresApiFactory>;
