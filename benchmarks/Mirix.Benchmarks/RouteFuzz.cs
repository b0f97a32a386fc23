using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Mirix.Benchmarks;

/// <summary>
/// A seeded fuzz over every body route: random subsets of each route's fields with values from a pool of edge cases
/// (Unicode oddities, lone surrogates, NUL, huge and negative numbers, deep nesting, long text), truncated bodies, wrong
/// content types and stray headers. A case fails when it gets a 5xx, loses its connection, or answers an error without
/// ProblemDetails. CI runs a fixed seed (<c>MalformedInputTests</c>); <c>Mirix.Benchmarks fuzz</c> runs it longer.
/// </summary>
internal static class RouteFuzz
{
    /// <summary>Every route that takes a body, with the fields it knows; <c>{name}</c> stands for an id made by <see cref="SeedAsync"/>.</summary>
    public static readonly (string Method, string Path, string[] Fields)[] BodyRoutes =
    [
        ("POST", "/organizations/create_or_get", ["org_id", "name"]),
        ("POST", "/clients/create_or_get", ["client_id", "name", "org_id", "write_scope", "read_scopes", "status"]),
        ("POST", "/users/create_or_get", ["user_id", "name", "org_id", "timezone"]),
        ("POST", "/agents/meta/initialize", ["config", "project", "update_agents"]),
        ("POST", "/blocks", ["id", "label", "value", "limit", "user_id", "filter_tags"]),
        ("POST", "/memory/episodic", ["user_id", "items", "filter_tags"]),
        ("POST", "/memory/semantic", ["user_id", "items", "filter_tags"]),
        ("POST", "/memory/procedural", ["user_id", "items", "filter_tags"]),
        ("POST", "/memory/resource", ["user_id", "items", "filter_tags"]),
        ("POST", "/memory/knowledge_vault", ["user_id", "items", "filter_tags"]),
        ("PATCH", "/memory/episodic/{episodic}", ["summary", "details", "occurred_at", "filter_tags", "expires_at"]),
        ("PATCH", "/memory/procedural/{procedural}", ["summary", "steps", "entry_type"]),
        ("PATCH", "/memory/knowledge_vault/{knowledge_vault}", ["caption", "secret_value", "sensitivity"]),
        ("POST", "/memory/raw?user_id=u-bad", ["context", "filter_tags", "occurred_at", "id"]),
        ("PATCH", "/memory/raw/{raw}", ["context", "filter_tags", "context_update_type", "tags_update_type"]),
        ("POST", "/memory/search_raw", ["filter_tags", "sort", "cursor", "time_range", "limit"]),
        ("PATCH", "/agents/{agent}/system", ["system_prompt"]),
        ("PATCH", "/clients/{client}", ["name", "status", "write_scope", "read_scopes"]),
        ("POST", "/clients/{client}/api-keys", ["name", "permission", "user_id"]),
        ("POST", "/admin/auth/login", ["email", "password"]),
        ("POST", "/memory/add", ["user_id", "meta_agent_id", "messages", "chaining", "verbose", "filter_tags", "block_filter_tags",
            "block_filter_tags_update_mode", "use_cache", "occurred_at", "mode"]),
        ("POST", "/memory/add_sync", ["user_id", "meta_agent_id", "messages", "filter_tags", "block_filter_tags", "occurred_at", "mode"]),
        ("POST", "/agents/{agent}/messages", ["message", "role", "user_id", "name", "stream_steps", "stream_tokens", "filter_tags",
            "block_filter_tags", "block_filter_tags_update_mode", "use_cache"]),
        ("POST", "/admin/auth/change-password", ["current_password", "new_password"]),
    ];

    private static readonly string[] Texts =
    [
        "", " ", "a", "\u0000", "\ud800", "\udc00x", "\U0001F389", "\u202Eabc", "\u200B", "%00", "../../etc/passwd", "'; DROP TABLE users; --",
        "{\"$regex\":\".*\"}", "\\", "\r\n", new string('l', 70_000), "2026-02-30T25:61:00Z", "NaN", "-0", "1e309", "user-\u00e9\u0301",
    ];

    private static readonly string[] OneStep = ["a"];

    private static readonly string[] ContentTypes =
        ["application/json", "application/json", "application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"];

    /// <summary>Makes the rows the routes' ids name, as the operator <paramref name="http"/> calls: user u-bad, one memory of several types, a meta agent.</summary>
    public static async Task<Dictionary<string, string>> SeedAsync(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        async Task<JsonNode> PostAsync(string path, object body)
        {
            using var response = await http.PostAsJsonAsync(path, body);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        }
        await PostAsync("/users/create_or_get", new { user_id = "u-bad" });
        var meta = new
        {
            config = new
            {
                llm_config = new { model = "gpt-4o-mini", model_endpoint_type = "openai", context_window = 128000 },
                embedding_config = new { embedding_model = "text-embedding-3-small", embedding_endpoint_type = "openai", embedding_dim = 1536 },
            },
        };
        return new Dictionary<string, string>
        {
            ["episodic"] = (await PostAsync("/memory/episodic", new { user_id = "u-bad", items = new[] { new { summary = "s", details = "d" } } }))["memories"]![0]!["id"]!.GetValue<string>(),
            ["procedural"] = (await PostAsync("/memory/procedural", new { user_id = "u-bad", items = new[] { new { summary = "s", steps = OneStep } } }))["memories"]![0]!["id"]!.GetValue<string>(),
            ["knowledge_vault"] = (await PostAsync("/memory/knowledge_vault",
                new { user_id = "u-bad", items = new[] { new { entry_type = "pin", secret_value = "1", caption = "c" } } }))["memories"]![0]!["id"]!.GetValue<string>(),
            ["raw"] = (await PostAsync("/memory/raw?user_id=u-bad", new { context = "c" }))["memory"]!["id"]!.GetValue<string>(),
            ["agent"] = (await PostAsync("/agents/meta/initialize", meta))["id"]!.GetValue<string>(),
            ["client"] = (await http.GetFromJsonAsync<JsonNode>("/admin/auth/me"))!["id"]!.GetValue<string>(),
        };
    }

    /// <summary>
    /// Sends <paramref name="cases"/> generated requests, one at a time, and returns a line per failed case;
    /// <paramref name="statuses"/>, when given, counts the answers by status code.
    /// </summary>
    public static async Task<List<string>> RunAsync(
        HttpClient http, IReadOnlyDictionary<string, string> ids, int cases, int seed, IDictionary<int, int>? statuses = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ids);
#pragma warning disable CA5394 // A seeded generator is the point: the same cases every run.
        var random = new Random(seed);
        JsonNode? Value(int depth) => random.Next(depth > 3 ? 8 : 11) switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => JsonValue.Create(random.Next(5) switch { 0 => long.MaxValue, 1 => long.MinValue, 2 => -1, 3 => 0, _ => random.Next() }),
            3 => JsonValue.Create(random.NextDouble() * Math.Pow(10, random.Next(-300, 300))),
            4 or 5 or 6 or 7 => JsonValue.Create(Texts[random.Next(Texts.Length)]),
            8 => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => Value(depth + 1))]),
            9 => new JsonObject(Enumerable.Range(0, random.Next(4)).Select(i => KeyValuePair.Create(random.Next(3) == 0 ? $"${(i == 0 ? "in" : "contains")}{(i > 1 ? i : "")}" : $"k{i}", Value(depth + 1)))),
            _ => Nested(random.Next(20, 80)),
        };
        static JsonNode Nested(int depth) => depth == 0 ? JsonValue.Create(1) : new JsonArray(Nested(depth - 1));
        var failures = new List<string>();
        for (var i = 0; i < cases; i++)
        {
            var (method, path, fields) = BodyRoutes[random.Next(BodyRoutes.Length)];
            var body = new JsonObject();
            foreach (var field in fields.Where(_ => random.Next(3) > 0))
            {
                body[field] = Value(0);
            }
            var text = body.ToJsonString();
            if (random.Next(10) == 0)
            {
                text = text[..random.Next(text.Length + 1)];
            }
            using var request = new HttpRequestMessage(new HttpMethod(method), Resolve(path, ids))
            {
                Content = new StringContent(text, Encoding.UTF8),
            };
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(ContentTypes[random.Next(ContentTypes.Length)]);
            if (random.Next(8) == 0)
            {
                request.Headers.TryAddWithoutValidation(random.Next(2) == 0 ? "Idempotency-Key" : "X-Mirix-Client", Texts[random.Next(Texts.Length)]);
            }
            try
            {
                using var response = await http.SendAsync(request, ct);
                var status = (int)response.StatusCode;
                if (statuses is not null)
                {
                    statuses[status] = statuses.TryGetValue(status, out var count) ? count + 1 : 1;
                }
                if (status >= 500 || (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json" && !RefusedByKestrel(response)))
                {
                    failures.Add($"case {i}: {method} {path} {Truncate(text)} -> {status} {Truncate(await response.Content.ReadAsStringAsync(ct))}");
                }
            }
            catch (HttpRequestException dropped)
            {
                failures.Add($"case {i}: {method} {path} {Truncate(text)} -> connection lost: {dropped.Message}");
            }
        }
#pragma warning restore CA5394
        return failures;
    }

    /// <summary>
    /// Kestrel's own refusal of a request whose headers it cannot accept (bytes that are not ASCII, a line too long),
    /// answered before the request reaches the Api, so without a body, and with the connection closed. Over the
    /// in-memory test server it never happens.
    /// </summary>
    private static bool RefusedByKestrel(HttpResponseMessage response) =>
        response.StatusCode == System.Net.HttpStatusCode.RequestHeaderFieldsTooLarge
        || (response.StatusCode == System.Net.HttpStatusCode.BadRequest && response.Content.Headers.ContentLength == 0 && response.Headers.ConnectionClose == true);

    public static string Resolve(string path, IReadOnlyDictionary<string, string> ids) =>
        ids.Aggregate(path, (p, id) => p.Replace("{" + id.Key + "}", id.Value, StringComparison.Ordinal));

    public static string Truncate(string? text) => text is null ? "" : text.Length <= 120 ? text : text[..120] + "…";
}
