using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Api;

public abstract class TypedMemoryTests(ApiFactory api)
{
    private readonly Tenants _tenants = api.Tenants;

    [Fact]
    public async Task Typed_items_are_written_scoped_listed_and_exact_duplicates_skipped()
    {
        var org = await _tenants.CreateOrganizationAsync("typed");
        using var writer = await _tenants.CreateClientAsync(org, "app", "app");
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u-typed", name = "U" });

        var first = await writer.Http.PostJsonAsync("/memory/episodic", new
        {
            user_id = "u-typed",
            filter_tags = new { project = "lisbon" },
            items = new object[]
            {
                new { event_type = "user_message", summary = "Booked flights", details = "Booked flights to Lisbon for May.", actor = "user", occurred_at = "2026-04-01 09:30:00" },
                new { summary = "Met Ana", details = "Met Ana at the office.", occurred_at = "2026-04-02T10:00:00Z", filter_tags = new { people = new[] { "ana" } } },
            },
        });
        var again = await writer.Http.PostJsonAsync("/memory/episodic", new
        {
            user_id = "u-typed",
            items = new object[] { new { summary = "Met Ana", details = "Met Ana at the office.", occurred_at = "2026-04-02T10:00:00Z" } },
        });

        Assert.Equal(2, first!["memories"]!.AsArray().Count);
        Assert.Single(again!["skipped_duplicate_ids"]!.AsArray());
        Assert.Empty(again["memories"]!.AsArray());
        var listed = (await writer.Http.GetJsonAsync("/memory/components?user_id=u-typed&memory_type=episodic"))!["memories"]!["episodic"]!;
        Assert.Equal(2, listed["total_count"]!.GetValue<int>());
        var booked = listed["items"]!.AsArray().Single(i => i!["summary"]!.GetValue<string>() == "Booked flights")!;
        Assert.Equal("app", booked["filter_tags"]!["scope"]!.GetValue<string>());
        Assert.Equal("lisbon", booked["filter_tags"]!["project"]!.GetValue<string>());
        Assert.StartsWith("ep_", booked["id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_items_are_refused_whole_with_the_field_named()
    {
        var org = await _tenants.CreateOrganizationAsync("invalid");
        using var writer = await _tenants.CreateClientAsync(org, "app", "app");

        using var blank = await writer.Http.PostAsJsonAsync("/memory/semantic", new
        {
            items = new object[] { new { name = "Ana", summary = "A colleague" }, new { name = "", summary = "x" } },
        });
        using var unknown = await writer.Http.PostAsJsonAsync("/memory/procedural", new { items = new object[] { new { summary = "Deploy", steps = new[] { "a" }, stepz = 1 } } });
        using var badTime = await writer.Http.PostAsJsonAsync("/memory/episodic", new { items = new object[] { new { summary = "s", details = "d", occurred_at = "yesterday-ish" } } });
        using var badSensitivity = await writer.Http.PostAsJsonAsync("/memory/knowledge_vault",
            new { items = new object[] { new { entry_type = "pin", secret_value = "1234", caption = "PIN", sensitivity = "extreme" } } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, blank.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badSensitivity.StatusCode);
        Assert.Contains("items[1].name", (await blank.ReadJsonAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("items[0].stepz", (await unknown.ReadJsonAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("occurred_at", (await badTime.ReadJsonAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("sensitivity", (await badSensitivity.ReadJsonAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var semantic = (await writer.Http.GetJsonAsync("/memory/components?memory_type=semantic"))!["memories"]!["semantic"]!;
        Assert.Equal(0, semantic["total_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Patch_and_delete_work_for_every_type_in_the_write_scope_only()
    {
        var org = await _tenants.CreateOrganizationAsync("patch");
        using var writer = await _tenants.CreateClientAsync(org, "app", "app");
        using var reader = await _tenants.CreateClientAsync(org, "other", "app", "other");
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u-patch" });
        var kv = await writer.Http.PostJsonAsync("/memory/knowledge_vault", new
        {
            user_id = "u-patch",
            items = new object[] { new { entry_type = "api_key", source = "chat", sensitivity = "high", secret_value = "sk-123", caption = "OpenAI key" } },
        });
        var id = kv!["memories"]![0]!["id"]!.GetValue<string>();
        Assert.Equal("[redacted: high sensitivity]", kv["memories"]![0]!["secret_value"]!.GetValue<string>());

        using var patched = await writer.Http.PatchAsJsonAsync($"/memory/knowledge_vault/{id}", new { caption = "Personal OpenAI key", sensitivity = "medium" });
        using var foreignPatch = await reader.Http.PatchAsJsonAsync($"/memory/knowledge_vault/{id}", new { caption = "stolen" });
        using var foreignDelete = await reader.Http.DeleteAsync(new Uri($"/memory/knowledge_vault/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var memory = (await patched.ReadJsonAsync())!["memory"]!;
        Assert.Equal("Personal OpenAI key", memory["caption"]!.GetValue<string>());
        Assert.Equal("sk-123", memory["secret_value"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, foreignPatch.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreignDelete.StatusCode);

        using var deleted = await writer.Http.DeleteAsync(new Uri($"/memory/knowledge_vault/{id}", UriKind.Relative));
        using var deletedAgain = await writer.Http.DeleteAsync(new Uri($"/memory/knowledge_vault/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
    }

    [Fact]
    public async Task Read_only_clients_cannot_write_and_purging_a_user_removes_all_its_memories()
    {
        var org = await _tenants.CreateOrganizationAsync("purge");
        using var writer = await _tenants.CreateClientAsync(org, "app", "app");
        using var readOnly = await _tenants.CreateClientAsync(org, writeScope: null, "app");
        await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = "u-purge" });
        await writer.Http.PostJsonAsync("/memory/resource", new { user_id = "u-purge", items = new object[] { new { title = "Spec", summary = "The spec", content = "..." } } });
        await writer.Http.PostJsonAsync("/memory/semantic", new { user_id = "u-purge", items = new object[] { new { name = "Ana", summary = "Colleague" } } });

        using var refused = await readOnly.Http.PostAsJsonAsync("/memory/semantic", new { user_id = "u-purge", items = new object[] { new { name = "x", summary = "y" } } });
        using var purged = await writer.Http.DeleteAsync(new Uri("/users/u-purge/memories", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        var memories = (await writer.Http.GetJsonAsync("/memory/components?user_id=u-purge"))!["memories"]!;
        Assert.Equal(0, memories["resource"]!["total_count"]!.GetValue<int>());
        Assert.Equal(0, memories["semantic"]!["total_count"]!.GetValue<int>());
    }
}

public sealed class SqliteTypedMemoryTests(SqliteApiFactory api) : TypedMemoryTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresTypedMemoryTests(PostgresApiFactory api) : TypedMemoryTests(api), IClassFixture<PostgresApiFactory>;
