using System.Net.Http.Json;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Mirix.Benchmarks;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Api;

/// <summary>
/// Hundreds of generated bad requests across every route: broken JSON, wrong shapes, wrong types per field, unknown
/// fields, bad query values, oversized and deeply nested bodies. None may produce a 5xx; every refusal is ProblemDetails.
/// </summary>
public abstract class MalformedInputTests(ApiFactory api)
{
    private static readonly string[] QueryRoutes =
    [
        "/memory/components?limit=abc", "/memory/components?limit=-5", "/memory/components?memory_type=dreams",
        "/memory/components?user_id=%00%01", "/users?limit=notanumber", "/clients?limit=99999999999999",
        "/agents?limit=0", "/blocks?user_id=" + new string('x', 5000), "/memory/raw/" + new string('y', 3000),
        "/memory/nonsense_type/abc", "/organizations/%E2%9C%93", "/memory/search_raw?user_id=[]",
        "/memory/operations?limit=abc", "/memory/operations?status=%00", "/memory/operations/" + new string('o', 3000),
    ];

    private static readonly JsonNode?[] WrongValues =
    [
        JsonValue.Create(12345), JsonValue.Create(true), new JsonObject { ["a"] = 1 }, new JsonArray(1, 2), JsonValue.Create("not-what-you-want"),
        null, JsonValue.Create(new string('z', 20000)), new JsonArray(new JsonObject { ["items"] = new JsonArray() }),
    ];

    [Fact]
    public async Task Hundreds_of_malformed_requests_never_get_a_5xx()
    {
        var ids = await SeedAsync();
        using var http = await api.Tenants.OperatorAsync();
        var sent = 0;
        var failures = new List<string>();

        async Task SendAsync(string method, string path, string? body, string contentType = "application/json")
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), RouteFuzz.Resolve(path, ids));
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, contentType);
            }
            using var response = await http.SendAsync(request);
            sent++;
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                failures.Add($"{method} {path} {RouteFuzz.Truncate(body)} -> {status} {RouteFuzz.Truncate(await response.Content.ReadAsStringAsync())}");
            }
            else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{method} {path} {RouteFuzz.Truncate(body)} -> {status} without ProblemDetails");
            }
        }

        foreach (var (method, path, fields) in RouteFuzz.BodyRoutes)
        {
            foreach (var body in new[] { "{", "[]", "\"text\"", "null", "", "{\"unknown_field_xyz\": 1}", "{\"a\":" + new string('[', 200) + new string(']', 200) + "}" })
            {
                await SendAsync(method, path, body);
            }
            await SendAsync(method, path, "{}", "text/plain");
            foreach (var field in fields)
            {
                foreach (var value in WrongValues)
                {
                    await SendAsync(method, path, new JsonObject { [field] = value?.DeepClone() }.ToJsonString());
                }
            }
        }
        foreach (var path in QueryRoutes)
        {
            await SendAsync("GET", path, null);
            await SendAsync("DELETE", path, null);
        }
        using (var huge = new HttpRequestMessage(HttpMethod.Post, "/memory/raw?user_id=u-bad"))
        {
            huge.Content = new StringContent("{\"context\":\"" + new string('x', 9 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(huge);
            sent++;
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        Assert.True(sent >= 300, $"only {sent} requests were generated");
        Assert.Empty(failures);
    }

    /// <summary>
    /// <see cref="RouteFuzz"/> at its fixed seed. <c>MIRIX_FUZZ_CASES</c> and <c>MIRIX_FUZZ_SEED</c> run it longer or
    /// differently here; <c>Mirix.Benchmarks fuzz</c> runs it against a server of its own.
    /// </summary>
    [Fact]
    public async Task A_seeded_fuzz_of_every_route_never_gets_a_5xx_or_drops_a_connection()
    {
        var ids = await SeedAsync();
        using var http = await api.Tenants.OperatorAsync();
        var cases = int.TryParse(Environment.GetEnvironmentVariable("MIRIX_FUZZ_CASES"), out var n) ? n : api.Target == StorageTarget.Sqlite ? 10_000 : 2_000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MIRIX_FUZZ_SEED"), out var s) ? s : 20261202;
        var failures = await RouteFuzz.RunAsync(http, ids, cases, seed);
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases failed (seed {seed}):\n" + string.Join("\n", failures)
            + "\nServer errors:\n" + string.Join("\n", api.ServerErrors.Errors.TakeLast(6).Select(e => e.Length > 1500 ? e[..1500] : e)));
    }

    [Fact]
    public async Task Text_that_is_not_unicode_is_a_400_naming_the_field_on_every_route()
    {
        var ids = await SeedAsync();
        using var http = await api.Tenants.OperatorAsync();
        var failures = new List<string>();
        async Task ExpectAsync(string method, string path, byte[] body, string field)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), RouteFuzz.Resolve(path, ids)) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest || !text.Contains(field, StringComparison.Ordinal))
            {
                failures.Add($"{method} {path} {field}: {(int)response.StatusCode} {RouteFuzz.Truncate(text)}");
            }
        }
        foreach (var (method, path, fields) in RouteFuzz.BodyRoutes)
        {
            await ExpectAsync(method, path, Encoding.UTF8.GetBytes($$"""{"{{fields[0]}}": "a\ud800b"}"""), fields[0]);
            await ExpectAsync(method, path, [.. Encoding.UTF8.GetBytes($$"""{"{{fields[0]}}": "a"""), 0xFF, 0xFE, .. "\"}"u8.ToArray()], fields[0]);
        }
        await ExpectAsync("POST", "/memory/add", Encoding.UTF8.GetBytes("""{"user_id": "u-bad", "mode": "raw", "messages": [{"role": "user", "content": [{"type": "text", "text": "\udc00"}]}]}"""), "messages[0].content[0].text");
        await ExpectAsync("POST", "/memory/add", Encoding.UTF8.GetBytes("""{"user_id": "u-bad", "mode": "raw", "filter_tags": {"topic": "x\u0000y"}, "messages": []}"""), "filter_tags.topic");
        await ExpectAsync("POST", "/memory/search_raw", Encoding.UTF8.GetBytes("""{"filter_tags": {"\ud83d": 1}}"""), "filter_tags");
        Assert.Empty(failures);

        // The headers that carry ids and keys into lookups are held to the same rule.
        foreach (var header in new[] { "X-Mirix-Client", "Idempotency-Key", "X-API-Key" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/agents");
            request.Headers.TryAddWithoutValidation(header, "a\ud800b");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(header, (await response.ReadJsonAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // A surrogate pair is text: an emoji is stored and read back whole.
        var stored = (await http.PostJsonAsync("/memory/raw?user_id=u-bad", new { context = "party \U0001F389 time" }))!["memory"]!;
        Assert.Equal("party \U0001F389 time", stored["context"]!.GetValue<string>());
    }

    [Fact]
    public async Task Text_longer_than_its_documented_limit_is_refused_naming_the_field_and_nothing_is_stored()
    {
        await SeedAsync();
        using var http = await api.Tenants.OperatorAsync();
        var note = new string('n', 50_001);
        var document = new string('d', 1_000_001);
        foreach (var (path, body, named) in new (string, object, string)[]
        {
            ("/memory/semantic", new { user_id = "u-bad", items = new object[] { new { name = "Long", summary = note } } }, "items[0].summary"),
            ("/memory/resource", new { user_id = "u-bad", items = new object[] { new { title = "Book", summary = "s", content = document } } }, "items[0].content"),
            ("/memory/raw?user_id=u-bad", new { context = document }, "context"),
            ("/users/create_or_get", new { user_id = "u-long-name", name = new string('x', 257) }, "name"),
        })
        {
            using var response = await http.PostAsJsonAsync(path, body);
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{path}: {(int)response.StatusCode}");
            Assert.Contains(named, (await response.ReadJsonAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        var stored = (await http.GetJsonAsync("/memory/components?user_id=u-bad&memory_type=all"))!["memories"]!;
        Assert.DoesNotContain(stored["semantic"]!["items"]!.AsArray(), i => i!["name"]!.GetValue<string>() == "Long");
        Assert.DoesNotContain(stored["resource"]!["items"]!.AsArray(), i => i!["title"]!.GetValue<string>() == "Book");
        // At the limit, text is kept whole.
        var atLimit = (await http.PostJsonAsync("/memory/semantic", new { user_id = "u-bad", items = new object[] { new { name = "Limit", summary = note[1..] } } }))!;
        Assert.Equal(50_000, atLimit["memories"]![0]!["summary"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task Bodies_that_are_not_json_are_a_400_and_json_that_breaks_the_rules_a_422()
    {
        await SeedAsync();
        using var http = await api.Tenants.OperatorAsync();
        foreach (var (body, status, says) in new (string?, HttpStatusCode, string)[]
        {
            ("{\"user_id\": \"u-bad\", \"mode\": \"raw\", \"messages\": [", HttpStatusCode.BadRequest, "messages"),
            ("not json at all", HttpStatusCode.BadRequest, "invalid"),
            ("{\"user_id\": 42, \"mode\": \"raw\", \"messages\": [\"hi\"]}", HttpStatusCode.UnprocessableEntity, "user_id"),
            ("{\"user_id\": \"u-bad\", \"mode\": \"raw\", \"mesages\": [\"hi\"]}", HttpStatusCode.UnprocessableEntity, "mesages"),
            ("{\"user_id\": \"u-bad\", \"mode\": \"raw\"}", HttpStatusCode.UnprocessableEntity, "messages"),
            (null, HttpStatusCode.UnprocessableEntity, "body"),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/memory/add");
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{body}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(says, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Out_of_range_paging_and_thresholds_are_refused_not_a_silent_default()
    {
        await SeedAsync();
        using var http = await api.Tenants.OperatorAsync();
        // 422 where a value breaks the route's rules, as FastAPI answers; 400 where a well-formed request cannot be served.
        foreach (var (path, status) in new[]
        {
            ("/memory/operations?limit=-1", HttpStatusCode.UnprocessableEntity), ("/memory/operations?limit=0", HttpStatusCode.UnprocessableEntity),
            ("/memory/operations?limit=2147483647", HttpStatusCode.UnprocessableEntity), ("/memory/operations?limit=-2147483648", HttpStatusCode.UnprocessableEntity),
            ("/memory/operations?limit=many", HttpStatusCode.UnprocessableEntity), ("/memory/operations?cursor=%01garbage", HttpStatusCode.BadRequest),
            ("/memory/search?user_id=u-bad&query=x&similarity_threshold=nan", HttpStatusCode.UnprocessableEntity),
            ("/memory/search?user_id=u-bad&query=x&start_date=2026-06-01&end_date=2026-05-01", HttpStatusCode.BadRequest),
            ("/memory/search?user_id=a%01b&query=x", HttpStatusCode.UnprocessableEntity), ("/memory/search?user_id=..%2Fadmin&query=x", HttpStatusCode.UnprocessableEntity),
            ("/memory/components?user_id=%20padded", HttpStatusCode.UnprocessableEntity),
        })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == status, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        foreach (var (path, body, named) in new (string, object, string)[]
        {
            ("/users/create_or_get", new { user_id = "a/b", name = "x" }, "user_id"),
            ("/memory/add", new { user_id = "tab\\there", mode = "raw", messages = new[] { "hello" } }, "user_id"),
            ("/memory/add", new { user_id = "u-bad", mode = "raw", messages = Enumerable.Repeat("hi", 1_001).ToArray() }, "at most 1000"),
        })
        {
            using var response = await http.PostAsJsonAsync(path, body);
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{path}: {(int)response.StatusCode}");
            Assert.Contains(named, (await response.ReadJsonAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_client_id_beyond_ascii_is_created_with_a_location_a_header_can_hold()
    {
        // The long fuzz run found it: Kestrel refuses a header with non-ASCII text, which made this a 500 (the in-memory
        // test server does not check headers, so the assertion is on the header's value).
        using var http = await api.Tenants.OperatorAsync();
        var id = "client-\u2713\u202E-" + Guid.NewGuid().ToString("N")[..6];
        using var response = await http.PostAsJsonAsync("/clients/create_or_get", new { client_id = id });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/clients/" + Uri.EscapeDataString(id), response.Headers.Location?.OriginalString);
        Assert.All(response.Headers.Location!.OriginalString, c => Assert.True(char.IsAscii(c) && !char.IsControl(c)));
        Assert.Equal(id, (await http.GetJsonAsync(response.Headers.Location.OriginalString))!["id"]!.GetValue<string>());
    }

    /// <summary>Rows for the routes' ids, made once per host: the tests of a class share it, each in an instance of its own.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ApiFactory, Dictionary<string, string>> Seeded = [];

    private async Task<Dictionary<string, string>> SeedAsync()
    {
        if (Seeded.TryGetValue(api, out var seeded))
        {
            return seeded;
        }
        using var http = await api.Tenants.OperatorAsync();
        var ids = await RouteFuzz.SeedAsync(http);
        Seeded.AddOrUpdate(api, ids);
        return ids;
    }

}

public sealed class SqliteMalformedInputTests(SqliteApiFactory api) : MalformedInputTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresMalformedInputTests(PostgresApiFactory api) : MalformedInputTests(api), IClassFixture<PostgresApiFactory>;
