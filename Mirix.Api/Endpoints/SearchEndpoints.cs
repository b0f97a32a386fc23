using System.Text.Json.Nodes;
using Mirix.Api.Contracts;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>
/// <c>GET /memory/search</c> in MIRIX's shape. Each memory type is searched with the caller's read scopes; "all" searches
/// the five typed stores concurrently. Beyond MIRIX: <c>memory_type=raw</c>, <c>search_method=hybrid</c> (reciprocal rank
/// fusion of bm25 and embedding; <c>explain=true</c> shows both signals per hit), and every result carries a <c>score</c>.
/// </summary>
public static class SearchEndpoints
{
    private static readonly string[] TypedStores = ["episodic", "semantic", "procedural", "resource", "knowledge_vault"];

    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/memory/search", Search).RequireAuthorization().WithTags("Search").WithName("SearchMemories")
            .WithSummary("Searches a user's memories of one type or all types by embedding, bm25, string_match or fuzzy_match.");
        return app;
    }

    public static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Search(
        Caller caller, MirixDbContext db, IServiceScopeFactory scopes, CancellationToken ct,
        string? user_id = null, string? query = null, string memory_type = "all", string search_field = "null",
        string search_method = "embedding", int limit = 10, string? filter_tags = null, double? similarity_threshold = null,
        string? start_date = null, string? end_date = null, bool include_core_memory = false, bool explain = false)
    {
        if (memory_type != "all" && memory_type != "raw" && !TypedStores.Contains(memory_type))
        {
            return Problems.BadRequest($"memory_type must be all, raw or one of {string.Join(", ", TypedStores)}.");
        }
        if (!MemorySearch.Methods.Contains(search_method))
        {
            return Problems.BadRequest($"search_method must be one of {string.Join(", ", MemorySearch.Methods)}.");
        }
        if (limit is < 1 or > 100)
        {
            return Problems.BadRequest("limit must be between 1 and 100.");
        }
        if (similarity_threshold is < 0 or > 2)
        {
            return Problems.BadRequest("similarity_threshold is a cosine distance between 0 and 2.");
        }
        var (tags, tagsError) = FilterTagsFilter.Parse(filter_tags);
        if (tags is null)
        {
            return Problems.BadRequest(tagsError!);
        }
        var (start, startError) = ParseDate(start_date, "start_date");
        var (end, endError) = ParseDate(end_date, "end_date");
        if ((startError ?? endError) is { } dateError)
        {
            return Problems.BadRequest(dateError);
        }
        var field = search_field is "null" or "" ? null : search_field;
        var types = memory_type == "all" ? TypedStores : [memory_type];
        var plans = types.Select(type => (Type: type, Field: field ?? DefaultField(type, search_method, memory_type == "all"))).ToList();
        foreach (var (type, planField) in plans)
        {
            if (!MemoryFields.Searchable[type].Contains(planField))
            {
                return Problems.BadRequest($"search_field '{planField}' is not a field of {type}: use one of {string.Join(", ", MemoryFields.Searchable[type])}.");
            }
            if (search_method is "embedding" or "hybrid" && !MemoryFields.Embedded[type].Contains(planField))
            {
                return EmbeddingRejected($"Embedding search is not available for {type}.{planField}; use bm25 or string_match.");
            }
        }
        var (userId, problem) = await TargetUser.ResolveAsync(caller, user_id, db, ct, createIfMissing: true);
        if (problem is not null)
        {
            return problem;
        }

        // One scope (and so one DbContext) per memory type, so "all" runs its searches concurrently.
        var searches = plans.Select(async plan =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var search = scope.ServiceProvider.GetRequiredService<MemorySearch>();
            var hits = await search.SearchAsync(new MemorySearch.Request(caller.OrganizationId, userId, caller.ReadScopes, plan.Type, plan.Field,
                search_method, query ?? "", limit, tags, similarity_threshold, start, end), ct);
            return hits.Select(h => SearchResult.From(h, memory_type == "all", explain)).ToList();
        });
        var results = (await Task.WhenAll(searches)).SelectMany(r => r).ToList();
        if (include_core_memory)
        {
            var blocks = await BlockStore.GetBlocksAsync(db, caller.OrganizationId, userId!, caller.ReadScopes, label: null, ct);
            results.AddRange(blocks.Select(b => new JsonObject
            {
                ["memory_type"] = "core", ["id"] = b.Id, ["user_id"] = b.UserId, ["label"] = b.Label, ["value"] = b.Value, ["scope"] = b.Scope,
            }));
        }
        var dateRange = start is null && end is null ? null : new DateRange(start, end);
        return TypedResults.Ok(new SearchResponse(true, query ?? "", memory_type, search_field, search_method, dateRange, results, results.Count));
    }

    /// <summary>MIRIX's defaults when <c>search_field</c> is "null" (reference §3.2).</summary>
    private static string DefaultField(string type, string method, bool all) => type switch
    {
        "episodic" => all ? "details" : "summary",
        "semantic" => all ? "details" : "summary",
        "procedural" => all ? "steps" : "summary",
        "resource" => method is "embedding" or "hybrid" ? "summary" : "content",
        "knowledge_vault" => "caption",
        _ => "context",
    };

    private static ProblemHttpResult EmbeddingRejected(string error)
    {
        // MIRIX answers {success: false, error}; the same members ride on the ProblemDetails.
        var problem = Problems.BadRequest(error);
        problem.ProblemDetails.Extensions["success"] = false;
        problem.ProblemDetails.Extensions["error"] = error;
        return problem;
    }

    private static (DateTime? Value, string? Error) ParseDate(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? (null, null)
        : TimeParsing.TryParseUtc(text, TimeZoneInfo.Utc, out var value) ? (value, null)
        : (null, $"{name} must be an ISO-8601 date-time.");
}

public sealed record DateRange(DateTime? Start, DateTime? End);

public sealed record SearchResponse(
    bool Success, string Query, string MemoryType, string SearchField, string SearchMethod, DateRange? DateRange,
    IReadOnlyList<JsonObject> Results, int Count);

internal static class SearchResult
{
    private const int ContentPreviewLength = 200;

    /// <summary>MIRIX's per-type result item, plus the score. Episodic time is <c>occurred_at</c> in "all" and <c>timestamp</c> otherwise, as in MIRIX.</summary>
    public static JsonObject From(MemorySearch.Hit hit, bool all, bool explain)
    {
        var result = new JsonObject { ["memory_type"] = MemoryFields.TypeOf(hit.Item), ["id"] = hit.Item.Id };
        switch (hit.Item)
        {
            case EpisodicEvent e:
                result[all ? "occurred_at" : "timestamp"] = e.OccurredAt;
                result["event_type"] = e.EventType;
                result["actor"] = e.Actor;
                result["summary"] = e.Summary;
                result["details"] = e.Details;
                break;
            case SemanticItem s:
                result["name"] = s.Name;
                result["summary"] = s.Summary;
                result["details"] = s.Details;
                result["source"] = s.Source;
                break;
            case ProceduralItem p:
                result["entry_type"] = p.EntryType;
                result["summary"] = p.Summary;
                result["steps"] = new JsonArray(p.Steps.Select(step => (JsonNode?)step).ToArray());
                break;
            case ResourceItem r:
                result["resource_type"] = r.ResourceType;
                result["title"] = r.Title;
                result["summary"] = r.Summary;
                result["content"] = r.Content.Length <= ContentPreviewLength ? r.Content : r.Content[..ContentPreviewLength];
                break;
            case KnowledgeVaultItem k:
                result["entry_type"] = k.EntryType;
                result["source"] = k.Source;
                result["sensitivity"] = k.Sensitivity;
                result["secret_value"] = k.Sensitivity == "high" ? KnowledgeVaultView.Redacted : k.SecretValue;
                result["caption"] = k.Caption;
                break;
            case RawMemory raw:
                result["context"] = raw.Context;
                result["occurred_at"] = raw.OccurredAt;
                break;
        }
        result["score"] = hit.Score;
        if (explain && hit.Signals is not null)
        {
            result["explain"] = new JsonObject(hit.Signals.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value)));
        }
        return result;
    }
}
