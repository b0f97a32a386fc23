using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mirix.Core.Retrieval;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Api;

public abstract class SearchTests(ApiFactory api)
{
    private readonly Tenants _tenants = api.Tenants;

    private async Task<(TenantClient Writer, TenantClient Other)> SeedAsync()
    {
        var org = await _tenants.CreateOrganizationAsync("search");
        var writer = await _tenants.CreateClientAsync(org, "app", "app");
        var other = await _tenants.CreateClientAsync(org, "other", "other");
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u" });
        await writer.Http.PostJsonAsync("/memory/semantic", new
        {
            user_id = "u",
            items = new object[]
            {
                new { name = "Miso", summary = "The user's cat, a grey tabby who sleeps on the keyboard", details = "Miso is a cat adopted in 2024.", filter_tags = new { kind = "pet" } },
                new { name = "Quarterly revenue", summary = "Company revenue grew eight percent in the third quarter", filter_tags = new { kind = "work" } },
                new { name = "Lisbon", summary = "City where the user plans the team offsite in May" },
            },
        });
        await writer.Http.PostJsonAsync("/memory/episodic", new
        {
            user_id = "u",
            items = new object[]
            {
                new { summary = "Took the cat to the vet", details = "Miso had a check-up at the vet.", occurred_at = "2026-03-01T10:00:00Z" },
                new { summary = "Signed the venue contract", details = "Signed the Lisbon venue contract.", occurred_at = "2026-04-10T10:00:00Z" },
            },
        });
        await writer.Http.PostJsonAsync("/memory/knowledge_vault", new
        {
            user_id = "u",
            items = new object[] { new { entry_type = "password", sensitivity = "high", secret_value = "hunter2-wifi", caption = "Home wifi password" } },
        });
        await other.Http.PostJsonAsync("/memory/semantic", new { user_id = "u", items = new[] { new { name = "Whiskers", summary = "Another app's note about a cat" } } });
        return (writer, other);
    }

    private static async Task<JsonArray> ResultsAsync(HttpClient http, string query) =>
        (await http.GetJsonAsync("/memory/search?user_id=u&" + query))!["results"]!.AsArray();

    private static string First(JsonArray results, string key = "name") => results[0]![key]!.GetValue<string>();

    [Fact]
    public async Task Every_method_finds_the_right_memory_and_never_another_scope()
    {
        var (writer, other) = await SeedAsync();
        using var _ = writer;
        using var __ = other;

        var embedding = await ResultsAsync(writer.Http, "memory_type=semantic&search_method=embedding&query=feline+companion");
        var bm25 = await ResultsAsync(writer.Http, "memory_type=semantic&search_method=bm25&query=revenue+quarter");
        var substring = await ResultsAsync(writer.Http, "memory_type=semantic&search_method=string_match&query=OFFSITE");
        var fuzzy = await ResultsAsync(writer.Http, "memory_type=semantic&search_method=fuzzy_match&query=offsitte");

        Assert.Equal("Miso", First(embedding));
        Assert.True(embedding[0]!["score"]!.GetValue<double>() > embedding[^1]!["score"]!.GetValue<double>());
        Assert.Equal("Quarterly revenue", First(bm25));
        Assert.Single(bm25);
        Assert.Equal("Lisbon", First(substring));
        Assert.Equal("Lisbon", First(fuzzy));
        Assert.DoesNotContain(embedding, r => r!["name"]!.GetValue<string>() == "Whiskers");
        var othersView = await ResultsAsync(other.Http, "memory_type=semantic&search_method=bm25&query=cat");
        Assert.Equal("Whiskers", First(Assert.IsType<JsonArray>(othersView)));
        Assert.Single(othersView);
    }

    [Fact]
    public async Task Filters_dates_and_thresholds_hold_for_every_method()
    {
        var (writer, other) = await SeedAsync();
        using var _ = writer;
        using var __ = other;
        var petsOnly = Uri.EscapeDataString("""{"kind":"pet"}""");

        foreach (var method in new[] { "embedding", "bm25", "string_match", "fuzzy_match" })
        {
            var tagged = await ResultsAsync(writer.Http, $"memory_type=semantic&search_method={method}&query=revenue&filter_tags={petsOnly}");
            Assert.All(tagged, r => Assert.Equal("Miso", r!["name"]!.GetValue<string>()));
            var dated = await ResultsAsync(writer.Http, $"memory_type=episodic&search_method={method}&query=vet&start_date=2026-04-01T00:00:00Z");
            Assert.All(dated, r => Assert.Equal("Signed the venue contract", r!["summary"]!.GetValue<string>()));
        }
        var strict = await ResultsAsync(writer.Http, "memory_type=semantic&search_method=embedding&query=feline+companion&similarity_threshold=0.3");
        var loose = await ResultsAsync(writer.Http, "memory_type=semantic&search_method=embedding&query=feline+companion&similarity_threshold=2");
        Assert.True(strict.Count < loose.Count);
        Assert.Equal(3, loose.Count);
    }

    [Fact]
    public async Task All_types_answer_in_mirix_envelope_and_secrets_are_neither_matched_nor_shown()
    {
        var (writer, other) = await SeedAsync();
        using var _ = writer;
        using var __ = other;

        var all = await writer.Http.GetJsonAsync("/memory/search?user_id=u&query=Miso+cat&search_method=bm25&include_core_memory=true");
        var secret = await ResultsAsync(writer.Http, "memory_type=knowledge_vault&search_method=bm25&search_field=secret_value&query=hunter2");
        var caption = await ResultsAsync(writer.Http, "memory_type=knowledge_vault&search_method=bm25&query=wifi");
        using var rejected = await writer.Http.GetAsync(new Uri("/memory/search?user_id=u&memory_type=resource&search_field=content&search_method=embedding&query=x", UriKind.Relative));
        using var badType = await writer.Http.GetAsync(new Uri("/memory/search?memory_type=dreams&query=x", UriKind.Relative));

        Assert.True(all!["success"]!.GetValue<bool>());
        Assert.Equal("all", all["memory_type"]!.GetValue<string>());
        Assert.Equal("bm25", all["search_method"]!.GetValue<string>());
        Assert.Equal(all["results"]!.AsArray().Count, all["count"]!.GetValue<int>());
        var types = all["results"]!.AsArray().Select(r => r!["memory_type"]!.GetValue<string>()).ToHashSet();
        Assert.Contains("semantic", types);
        Assert.Contains("episodic", types);
        Assert.Contains(all["results"]!.AsArray(), r => r!["memory_type"]!.GetValue<string>() == "episodic" && r["occurred_at"] is not null);
        Assert.Empty(secret);
        Assert.Equal("[redacted: high sensitivity]", First(caption, "secret_value"));
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.False((await rejected.ReadJsonAsync())!["success"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badType.StatusCode);
    }

    [Fact]
    public async Task Hybrid_lifts_the_turn_that_answers_a_matching_turn_of_the_same_session()
    {
        var (writer, other) = await SeedAsync();
        using var _ = writer;
        using var __ = other;
        foreach (var (context, at) in new[]
        {
            ("Ana: Where did you end up going for the anniversary trip?", "2026-02-01T10:00:00Z"),
            ("Bo: We drove up to the cabin by the lake, it snowed the whole weekend.", "2026-02-01T10:00:00Z"),
            ("Ana: Totally unrelated, the printer is broken again.", "2026-02-01T10:00:00Z"),
            ("Bo: The anniversary dinner reservation got cancelled.", "2026-03-05T10:00:00Z"),
        })
        {
            await writer.Http.PostJsonAsync("/memory/raw?user_id=u", new { context, occurred_at = at });
        }

        var hybrid = await ResultsAsync(writer.Http, "memory_type=raw&search_method=hybrid&query=anniversary+trip+destination&explain=true");

        var answer = hybrid.Single(r => r!["context"]!.GetValue<string>().Contains("cabin", StringComparison.Ordinal))!;
        Assert.True(answer["explain"]!["neighbour"]!.GetValue<double>() > 0);
        Assert.True(hybrid.IndexOf(answer) < hybrid.IndexOf(hybrid.Single(r => r!["context"]!.GetValue<string>().Contains("printer", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Search_all_users_covers_the_organization_within_scopes_and_refuses_borrowed_clients()
    {
        var org = await _tenants.CreateOrganizationAsync("all-users");
        var otherOrg = await _tenants.CreateOrganizationAsync("all-users-elsewhere");
        using var shared = await _tenants.CreateClientAsync(org, "shared", "shared");
        using var reader = await _tenants.CreateClientAsync(org, null, "shared");
        using var hidden = await _tenants.CreateClientAsync(org, "private", "private");
        using var stranger = await _tenants.CreateClientAsync(otherOrg, "shared", "shared");
        foreach (var (client, user) in new[] { (shared, "u1"), (shared, "u2"), (hidden, "u3"), (stranger, "u1") })
        {
            await client.Http.PostJsonAsync("/users/create_or_get", new { user_id = user });
            await client.Http.PostJsonAsync("/memory/semantic", new { user_id = user, items = new[] { new { name = $"Kayak trip of {user}", summary = "Went kayaking on the fjord" } } });
        }
        await shared.Http.PostJsonAsync("/blocks", new { label = "human", value = "Paddles every weekend", limit = 100, user_id = "u1", filter_tags = new { team = "outdoor" } });
        await shared.Http.PostJsonAsync("/blocks", new { label = "persona", value = "Formal", limit = 100, user_id = "u2", filter_tags = new { team = "office" } });

        var found = await reader.Http.GetJsonAsync("/memory/search_all_users?query=kayak+fjord&memory_type=semantic&search_method=bm25&org_id="
            + "&include_core_memory=true&block_filter_tags=" + Uri.EscapeDataString("""{"team":"outdoor"}"""));
        using var borrowed = await reader.Http.GetAsync(new Uri($"/memory/search_all_users?query=kayak&client_id={hidden.ClientId}", UriKind.Relative));
        using var foreignOrg = await reader.Http.GetAsync(new Uri($"/memory/search_all_users?query=kayak&org_id={otherOrg}", UriKind.Relative));

        var results = found!["results"]!.AsArray();
        Assert.Equal(["u1", "u2"], results.Where(r => r!["memory_type"]!.GetValue<string>() == "semantic").Select(r => r!["user_id"]!.GetValue<string>()).Order());
        var core = Assert.Single(results, r => r!["memory_type"]!.GetValue<string>() == "core");
        Assert.Equal("Paddles every weekend", core!["value"]!.GetValue<string>());
        Assert.Equal(org, found["organization_id"]!.GetValue<string>());
        Assert.Equal(["shared"], found["read_scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, borrowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreignOrg.StatusCode);
    }

    [Fact]
    public async Task Retrieve_by_topic_returns_mirix_sections_with_recent_and_relevant_events()
    {
        var (writer, other) = await SeedAsync();
        using var _ = writer;
        using var __ = other;

        var retrieved = await writer.Http.GetJsonAsync("/memory/retrieve/topic?user_id=u&topic=Miso;vet&limit=5&use_cache=true");

        Assert.True(retrieved!["success"]!.GetValue<bool>());
        var memories = retrieved["memories"]!;
        Assert.Equal(2, memories["episodic"]!["total_count"]!.GetValue<int>());
        Assert.Equal("Signed the venue contract", memories["episodic"]!["recent"]![0]!["summary"]!.GetValue<string>());
        Assert.Equal("Took the cat to the vet", memories["episodic"]!["relevant"]![0]!["summary"]!.GetValue<string>());
        Assert.Equal("Miso", memories["semantic"]!["items"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(3, memories["semantic"]!["total_count"]!.GetValue<int>());
        Assert.DoesNotContain("Whiskers", memories.ToJsonString(), StringComparison.Ordinal);
        foreach (var section in new[] { "resource", "procedural", "knowledge_vault", "core" })
        {
            Assert.NotNull(memories[section]);
        }
    }

    [Fact]
    public async Task Edits_and_raw_memories_are_searchable_at_once()
    {
        var (writer, other) = await SeedAsync();
        using var _ = writer;
        using var __ = other;
        var lisbon = (await ResultsAsync(writer.Http, "memory_type=semantic&search_method=bm25&search_field=name&query=Lisbon"))[0]!["id"]!.GetValue<string>();

        using (var patched = await writer.Http.PatchAsJsonAsync($"/memory/semantic/{lisbon}", new { summary = "Porto replaced Lisbon as the offsite city because of cheaper flights" }))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }
        await writer.Http.PostJsonAsync("/memory/raw?user_id=u", new { context = "Draft agenda for the kickoff workshop with the design team" });

        var afterEdit = await ResultsAsync(writer.Http, "memory_type=semantic&search_method=embedding&query=inexpensive+airfare");
        var raw = await ResultsAsync(writer.Http, "memory_type=raw&search_method=embedding&query=meeting+plan+for+designers");
        Assert.Equal(lisbon, afterEdit[0]!["id"]!.GetValue<string>());
        Assert.Contains("kickoff", First(raw, "context"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embedding_search_sees_every_insert_edit_and_delete_made_after_it_ran()
    {
        var (writer, other) = await SeedAsync();
        using var _ = writer;
        using var __ = other;
        const string query = "memory_type=semantic&search_method=embedding&limit=3&query=sailing+boat+on+the+lake";
        var before = await ResultsAsync(writer.Http, query);
        Assert.DoesNotContain(before, r => r!["name"]!.GetValue<string>() == "Dinghy");

        var added = await writer.Http.PostJsonAsync("/memory/semantic", new { user_id = "u", items = new[] { new { name = "Dinghy", summary = "The user sails a small boat on the lake every Sunday" } } });
        var afterInsert = await ResultsAsync(writer.Http, query);
        Assert.Equal("Dinghy", First(afterInsert));
        var dinghy = afterInsert[0]!["id"]!.GetValue<string>();

        using (var patched = await writer.Http.PatchAsJsonAsync($"/memory/semantic/{dinghy}", new { summary = "The user collects vintage stamps from Portugal" }))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }
        var afterEdit = await ResultsAsync(writer.Http, "memory_type=semantic&search_method=embedding&limit=1&query=postage+stamp+collection");
        Assert.Equal(dinghy, afterEdit[0]!["id"]!.GetValue<string>());

        using (var deleted = await writer.Http.DeleteAsync(new Uri($"/memory/semantic/{dinghy}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }
        var afterDelete = await ResultsAsync(writer.Http, "memory_type=semantic&search_method=embedding&limit=10&query=postage+stamp+collection");
        Assert.DoesNotContain(afterDelete, r => r!["id"]!.GetValue<string>() == dinghy);
        Assert.NotNull(added);
    }

    [Fact]
    public async Task Hybrid_fuses_both_signals_and_explains_them()
    {
        var (writer, other) = await SeedAsync();
        using var _ = writer;
        using var __ = other;

        var hybrid = await ResultsAsync(writer.Http, "memory_type=semantic&search_method=hybrid&query=grey+tabby+pet&explain=true");

        Assert.Equal("Miso", First(hybrid));
        var explain = hybrid[0]!["explain"]!;
        Assert.Equal(1, explain["bm25_rank"]!.GetValue<double>());
        Assert.Equal(1, explain["embedding_rank"]!.GetValue<double>());
        // First in both signals: each normalised score is 1.
        Assert.Equal(1 + Mirix.Core.Retrieval.MemorySearch.EmbeddingWeight, explain["fused"]!.GetValue<double>(), 6);
        Assert.Equal(0, explain["neighbour"]!.GetValue<double>());
        Assert.Equal(hybrid[0]!["score"]!.GetValue<double>(), explain["fused"]!.GetValue<double>(), 9);
    }

    [Fact]
    public async Task Hybrid_search_records_the_time_of_each_stage()
    {
        var (writer, other) = await SeedAsync();
        using var _ = writer;
        using var __ = other;
        var stages = new System.Collections.Concurrent.ConcurrentBag<(string Stage, double Seconds)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == SearchStages.DurationInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == SearchStages.StageTag)
                {
                    stages.Add(((string)tag.Value!, seconds));
                }
            }
        });
        listener.Start();

        await ResultsAsync(writer.Http, "memory_type=semantic&search_method=hybrid&query=grey+tabby+pet");

        var seen = stages.Select(s => s.Stage).ToHashSet();
        Assert.Contains(SearchStages.QueryEmbedding, seen);
        Assert.Contains(SearchStages.FullText, seen);
        Assert.Contains(SearchStages.Rows, seen);
        // pgvector ranks in the database; elsewhere the in-process set is checked, scanned and its candidates rescored.
        Assert.True(seen.Contains(SearchStages.VectorIndex)
            || (seen.Contains(SearchStages.VectorSet) && seen.Contains(SearchStages.VectorScan) && seen.Contains(SearchStages.VectorRescore)), string.Join(", ", seen));
        Assert.All(stages, s => Assert.True(s.Seconds >= 0 && s.Seconds < 60, $"{s.Stage}: {s.Seconds} s"));
    }
}

public sealed class SqliteSearchTests(SqliteApiFactory api) : SearchTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresSearchTests(PostgresApiFactory api) : SearchTests(api), IClassFixture<PostgresApiFactory>;

public sealed class PgVectorSearchTests(PgVectorApiFactory api) : SearchTests(api), IClassFixture<PgVectorApiFactory>;
