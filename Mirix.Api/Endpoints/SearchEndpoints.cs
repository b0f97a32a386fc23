using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>
/// <c>GET /memory/search</c> in MIRIX's shape. Each memory type is searched with the caller's read scopes; "all" searches
/// the five typed stores and raw memory concurrently (raw memory is what an add without an LLM keeps, so an SDK's add →
/// search finds it). Beyond MIRIX: <c>memory_type=raw</c>, <c>search_method=hybrid</c> (normalised fusion of bm25 and
/// embedding; <c>explain=true</c> shows both signals per hit), and every result carries a <c>score</c>.
/// </summary>
public static class SearchEndpoints
{

    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/memory/search", Search).RequireAuthorization().WithTags("Search").WithName("SearchMemories")
            .WithSummary("Searches a user's memories of one type or all types by embedding, bm25, string_match or fuzzy_match.");
        app.MapGet("/memory/search_all_users", SearchAllUsers).RequireAuthorization().WithTags("Search").WithName("SearchAllUsers")
            .WithSummary("Searches the memories of every user of the organization readable with the caller's scopes.");
        return app;
    }

    public static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Search(
        Caller caller, MirixDbContext db, IServiceScopeFactory scopes, CancellationToken ct,
        string? user_id = null, string? query = null, string memory_type = "all", string search_field = "null",
        string search_method = "embedding", int limit = 10, string? filter_tags = null, double? similarity_threshold = null,
        string? start_date = null, string? end_date = null, bool include_core_memory = false, bool explain = false, bool include_superseded = false)
    {
        var (plan, invalid) = Plan(memory_type, search_field, search_method, limit, filter_tags, similarity_threshold, start_date, end_date);
        if (plan is null)
        {
            return invalid!;
        }
        plan = plan with { IncludeSuperseded = include_superseded };
        var (userId, problem) = await TargetUser.ResolveAsync(caller, user_id, db, ct, createIfMissing: true);
        if (problem is not null)
        {
            return problem;
        }
        var results = await RunAsync(plan, caller.OrganizationId, userId, caller.ReadScopes, query ?? "", explain, scopes, ct);
        if (include_core_memory)
        {
            var blocks = await BlockStore.GetBlocksAsync(db, caller.OrganizationId, userId!, caller.ReadScopes, label: null, ct);
            results.AddRange(blocks.Select(CoreResult));
        }
        return TypedResults.Ok(new SearchResponse(true, query ?? "", memory_type, search_field, search_method, plan.DateRange, results, results.Count));
    }

    /// <summary>
    /// Cross-user search. MIRIX lets any caller name another client (<c>client_id</c>) and search with its organization and
    /// scopes; here only a dashboard account of that client's organization (or an operator) may, and <c>org_id</c> must be
    /// the caller's own (empty means absent, as the SDK sends it).
    /// </summary>
    public static async Task<Results<Ok<SearchAllUsersResponse>, ProblemHttpResult>> SearchAllUsers(
        Caller caller, MirixDbContext db, IServiceScopeFactory scopes, ClientDirectory clients, CancellationToken ct,
        string? query = null, string memory_type = "all", string search_field = "null", string search_method = "embedding", int limit = 10,
        string? client_id = null, string? org_id = null, string? filter_tags = null, bool include_core_memory = false,
        string? block_filter_tags = null, double? similarity_threshold = null, string? start_date = null, string? end_date = null, bool explain = false)
    {
        var (plan, invalid) = Plan(memory_type, search_field, search_method, limit, filter_tags, similarity_threshold, start_date, end_date);
        if (plan is null)
        {
            return invalid!;
        }
        if (caller.BoundUserId is not null)
        {
            return Problems.Forbidden("This API key is bound to one user and cannot search across users.");
        }
        var organizationId = caller.OrganizationId;
        var readScopes = caller.ReadScopes;
        var clientId = caller.ClientId;
        if (!string.IsNullOrEmpty(client_id) && client_id != caller.ClientId)
        {
            var named = await clients.FindClientAsync(client_id, ct);
            if (named is null || !ClientEndpoints.CanManage(caller, named) || caller.Method != AuthMethod.DashboardToken)
            {
                return Problems.Forbidden("Only a dashboard account of that client's organization may search with its scopes.");
            }
            (organizationId, readScopes, clientId) = (named.OrganizationId, named.ReadScopes, named.Id);
        }
        if (!string.IsNullOrEmpty(org_id) && org_id != organizationId)
        {
            return Problems.Forbidden("org_id must be the caller's own organization.");
        }
        JsonObject? blockTags = null;
        if (!string.IsNullOrWhiteSpace(block_filter_tags))
        {
            try
            {
                blockTags = JsonNode.Parse(block_filter_tags) as JsonObject ?? throw new System.Text.Json.JsonException("not an object");
            }
            catch (System.Text.Json.JsonException ex)
            {
                return Problems.BadRequest($"block_filter_tags must be a JSON object: {ex.Message}");
            }
        }

        var results = await RunAsync(plan, organizationId, userId: null, readScopes, query ?? "", explain, scopes, ct);
        if (include_core_memory)
        {
            var blocks = await db.Blocks.AsNoTracking()
                .Where(b => b.OrganizationId == organizationId && b.Scope != null && readScopes.Contains(b.Scope)
                    && b.UserId != WellKnownIds.TemplateUserId(organizationId))
                .OrderBy(b => b.UserId).ThenBy(b => b.Label).Take(plan.Limit * 10).ToListAsync(ct);
            results.AddRange(blocks.Where(b => TagsContain(b.FilterTags, blockTags)).Select(CoreResult));
        }
        return TypedResults.Ok(new SearchAllUsersResponse(true, query ?? "", memory_type, search_field, search_method, plan.DateRange,
            results, results.Count, clientId, organizationId, readScopes, JsonText.ParseOrNull(filter_tags)));
    }

    private sealed record SearchPlan(
        IReadOnlyList<(string Type, string Field)> Types, string Method, int Limit, FilterTagsFilter Tags, double? Threshold,
        DateTime? Start, DateTime? End, bool All)
    {
        /// <summary>Also rows agents replaced (beyond MIRIX, which deletes them).</summary>
        public bool IncludeSuperseded { get; init; }

        public DateRange? DateRange => Start is null && End is null ? null : new DateRange(Start, End);
    }

    /// <summary>Validates the parameters both search routes share.</summary>
    private static (SearchPlan? Plan, ProblemHttpResult? Problem) Plan(
        string memoryType, string searchField, string method, int limit, string? filterTags, double? threshold, string? startDate, string? endDate)
    {
        if (memoryType != "all" && !MemoryKinds.All.ContainsKey(memoryType))
        {
            return (null, Problems.Invalid($"memory_type must be all or one of {string.Join(", ", MemoryKinds.All.Keys)}."));
        }
        if (!MemorySearch.Methods.Contains(method))
        {
            return (null, Problems.Invalid($"search_method must be one of {string.Join(", ", MemorySearch.Methods)}."));
        }
        if (limit is < 1 or > 100)
        {
            return (null, Problems.Invalid("limit must be between 1 and 100."));
        }
        if (threshold is < 0 or > 2 || (threshold is { } t && double.IsNaN(t)))
        {
            return (null, Problems.Invalid("similarity_threshold is a cosine distance between 0 and 2."));
        }
        var (tags, tagsError) = FilterTagsFilter.Parse(filterTags);
        if (tags is null)
        {
            return (null, Problems.BadRequest(tagsError!));
        }
        var (start, startError) = ParseDate(startDate, "start_date");
        var (end, endError) = ParseDate(endDate, "end_date");
        if ((startError ?? endError) is { } dateError)
        {
            return (null, Problems.BadRequest(dateError));
        }
        if (start > end)
        {
            return (null, Problems.BadRequest("start_date must not be after end_date."));
        }
        var field = searchField is "null" or "" ? null : searchField;
        var all = memoryType == "all";
        var types = (all ? MemoryKinds.All.Keys : [memoryType]).Select(type => (type, field ?? MemoryKinds.All[type].DefaultField(method, all))).ToList();
        foreach (var (type, planField) in types)
        {
            if (!MemoryKinds.All[type].Searchable.Contains(planField))
            {
                return (null, Problems.Invalid($"search_field '{planField}' is not a field of {type}: use one of {string.Join(", ", MemoryKinds.All[type].Searchable)}."));
            }
            if (method is "embedding" or "hybrid" && !MemoryKinds.All[type].Embedded.Contains(planField))
            {
                return (null, EmbeddingRejected($"Embedding search is not available for {type}.{planField}; use bm25 or string_match."));
            }
        }
        return (new SearchPlan(types, method, limit, tags, threshold, start, end, all), null);
    }

    /// <summary>One scope (and so one DbContext) per memory type, so "all" runs its searches concurrently.</summary>
    private static async Task<List<SearchHit>> RunAsync(
        SearchPlan plan, string organizationId, string? userId, IReadOnlyList<string> scopes, string query, bool explain,
        IServiceScopeFactory scopeFactory, CancellationToken ct)
    {
        var searches = plan.Types.Select(async type =>
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var search = scope.ServiceProvider.GetRequiredService<MemorySearch>();
            var hits = await search.SearchAsync(new MemorySearch.Request(organizationId, userId, scopes, type.Type, type.Field,
                plan.Method, query, plan.Limit, plan.Tags, plan.Threshold, plan.Start, plan.End, plan.IncludeSuperseded), ct);
            return hits.Select(h => SearchHits.From(h, plan.All, explain, withUser: userId is null)).ToList();
        });
        return (await Task.WhenAll(searches)).SelectMany(r => r).ToList();
    }

    private static SearchHit CoreResult(Block b) => new CoreHit(b.Label, b.Value, b.Scope) { Id = b.Id, UserId = b.UserId };

    /// <summary>Whether the block's tags hold every key of <paramref name="wanted"/> with the same value.</summary>
    private static bool TagsContain(string? tagsJson, JsonObject? wanted)
    {
        if (wanted is null)
        {
            return true;
        }
        var tags = tagsJson is null ? null : JsonNode.Parse(tagsJson) as JsonObject;
        return wanted.All(w => tags?[w.Key] is { } value && JsonNode.DeepEquals(value, w.Value));
    }

    private static ProblemHttpResult EmbeddingRejected(string error)
    {
        // MIRIX answers {success: false, error}; the same members ride on the ProblemDetails.
        var problem = Problems.BadRequest(error);
        problem.ProblemDetails.Extensions["success"] = false;
        problem.ProblemDetails.Extensions["error"] = error;
        return problem;
    }

    internal static (DateTime? Value, string? Error) ParseDate(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? (null, null)
        : TimeParsing.TryParseUtc(text, TimeZoneInfo.Utc, out var value) ? (value, null)
        : (null, $"{name} must be an ISO-8601 date-time.");
}
