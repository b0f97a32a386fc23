using System.Text.Json.Nodes;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Operations;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>Raw memory: create, read, append/replace, delete, and search with tags, time ranges and keyset paging.</summary>
public static class RawMemoryEndpoints
{
    public static IEndpointRouteBuilder MapRawMemoryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/memory").WithTags("Raw memory").RequireAuthorization();
        group.MapPost("/raw", CreateRawMemory).WithName("CreateRawMemory").WithSummary("Stores task context for a user, without an LLM.");
        group.MapGet("/raw/{memoryId}", GetRawMemory).WithName("GetRawMemory").WithSummary("Gets a raw memory readable by the caller.");
        group.MapPatch("/raw/{memoryId}", UpdateRawMemory).WithName("UpdateRawMemory")
            .WithSummary("Appends to or replaces a raw memory's context, merges or replaces its tags (the scope never changes).");
        group.MapDelete("/raw/{memoryId}", DeleteRawMemory).WithName("DeleteRawMemory").WithSummary("Deletes a raw memory of the caller's write scope.");
        group.MapPost("/raw/cleanup", CleanupRawMemories).WithName("CleanupRawMemories")
            .WithSummary("Deletes the caller's raw memories (its write scope) not updated for days_threshold days, and reports how many.");
        group.MapPost("/search_raw", SearchRawMemories).WithName("SearchRawMemories")
            .WithSummary("Lists raw memories by tags and time ranges, sorted, with a cursor for the next page.");
        return app;
    }

    public static async Task<Results<Ok<RawMemoryResponse>, ProblemHttpResult>> CreateRawMemory(
        CreateRawMemoryRequest request, Caller caller, RawMemoryService service, MirixDbContext db, CancellationToken ct, string? user_id = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(user_id))
        {
            return Problems.Invalid("user_id is required as a query parameter.");
        }
        if (!OccurredAtParameter.TryRead(request.OccurredAt, out var occurredAt, out var occurredProblem))
        {
            return occurredProblem!;
        }
        var (userId, problem) = await TargetUser.ResolveAsync(caller, user_id, db, ct, createIfMissing: true);
        if (problem is not null)
        {
            // MIRIX creates unknown users of the caller's organization on raw-memory writes.
            if (problem.StatusCode != StatusCodes.Status404NotFound || caller.BoundUserId is not null)
            {
                return problem;
            }
            userId = user_id;
            await UserDirectory.EnsureUserAsync(db, caller.OrganizationId, userId, userId, isAdmin: false, ct);
            await db.SaveChangesAsync(ct);
        }
        var outcome = await service.CreateAsync(caller, userId!, request.Context, request.FilterTags, occurredAt, request.Id, ct);
        return outcome.Value is { } memory
            ? TypedResults.Ok(new RawMemoryResponse(true, "Raw memory created.", RawMemoryView.From(memory)))
            : TypedMemoryEndpoints.ToProblem(outcome.Failure, outcome.Error!);
    }

    public static async Task<Results<Ok<RawMemoryResponse>, ProblemHttpResult>> GetRawMemory(
        string memoryId, Caller caller, RawMemoryService service, CancellationToken ct, string? user_id = null)
    {
        var memory = await service.GetAsync(caller, memoryId, user_id, ct);
        return memory is null ? Problems.NotFound($"Raw memory {memoryId} not found.") : TypedResults.Ok(new RawMemoryResponse(true, null, RawMemoryView.From(memory)));
    }

    public static async Task<Results<Ok<RawMemoryResponse>, ProblemHttpResult>> UpdateRawMemory(
        string memoryId, UpdateRawMemoryRequest request, Caller caller, RawMemoryService service, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contextUpdate = request.ContextUpdateType switch
        {
            null or "append" => RawMemoryService.ContextUpdate.Append,
            "replace" => RawMemoryService.ContextUpdate.Replace,
            _ => (RawMemoryService.ContextUpdate?)null,
        };
        var tagsUpdate = request.TagsUpdateType switch
        {
            null or "merge" => RawMemoryService.TagsUpdate.Merge,
            "replace" => RawMemoryService.TagsUpdate.Replace,
            _ => (RawMemoryService.TagsUpdate?)null,
        };
        if (contextUpdate is null || tagsUpdate is null)
        {
            return Problems.Invalid("context_update_type must be 'append' or 'replace'; tags_update_type must be 'merge' or 'replace'.");
        }
        var outcome = await service.UpdateAsync(caller, memoryId, request.Context, request.FilterTags, contextUpdate.Value, tagsUpdate.Value, ct);
        return outcome.Value is { } memory
            ? TypedResults.Ok(new RawMemoryResponse(true, "Raw memory updated.", RawMemoryView.From(memory)))
            : TypedMemoryEndpoints.ToProblem(outcome.Failure, outcome.Error!);
    }

    public static async Task<Results<Ok<SuccessResponse>, ProblemHttpResult>> DeleteRawMemory(
        string memoryId, Caller caller, RawMemoryService service, CancellationToken ct)
    {
        var outcome = await service.DeleteAsync(caller, memoryId, ct);
        return outcome.Value is not null
            ? TypedResults.Ok(new SuccessResponse(true, $"Raw memory {memoryId} deleted."))
            : TypedMemoryEndpoints.ToProblem(outcome.Failure, outcome.Error!);
    }

    public static async Task<Results<Ok<RawCleanupResponse>, ProblemHttpResult>> CleanupRawMemories(
        Caller caller, RawMemoryCleanup cleanup, CancellationToken ct, int days_threshold = 14)
    {
        if (days_threshold is < 1 or > 365)
        {
            return Problems.Invalid("days_threshold must be between 1 and 365.");
        }
        if (!caller.CanWrite)
        {
            return Problems.Forbidden("A read-only client (no write_scope) cannot delete memories.");
        }
        // Confined to the caller's organization and write scope; the periodic job covers every tenant.
        var result = await cleanup.DeleteStaleAsync(days_threshold, caller.OrganizationId, caller.WriteScope, ct);
        return TypedResults.Ok(new RawCleanupResponse(true, result.Deleted, 0, result.Cutoff, days_threshold,
            $"Deleted {result.Deleted} raw memories not updated since {result.Cutoff:yyyy-MM-dd HH:mm:ss} UTC."));
    }

    public static async Task<Results<Ok<SearchRawResponse>, ProblemHttpResult>> SearchRawMemories(
        SearchRawRequest? request, Caller caller, RawMemorySearch search, MemorySearch relevance, CancellationToken ct, string? user_id = null)
    {
        request ??= new SearchRawRequest(null, null, null, null, null);
        var sort = request.Sort ?? "-updated_at";
        if (!RawMemorySearch.Sorts.Contains(sort))
        {
            return Problems.Invalid($"sort must be one of {string.Join(", ", RawMemorySearch.Sorts)}.");
        }
        var limit = request.Limit ?? 10;
        if (limit is < 1 or > 100)
        {
            return Problems.Invalid("limit must be between 1 and 100.");
        }
        var (tags, tagsError) = FilterTagsFilter.Parse(request.FilterTags);
        if (tags is null)
        {
            return Problems.BadRequest(tagsError!);
        }
        var ranges = new Dictionary<string, RawMemorySearch.TimeRange>();
        foreach (var field in new[] { "created_at", "occurred_at", "updated_at" })
        {
            var (range, error) = ReadRange(request.TimeRange, field);
            if (range is null)
            {
                return Problems.BadRequest(error!);
            }
            ranges[field] = range;
        }
        if (!string.IsNullOrWhiteSpace(request.Query))
        {
            return await SearchRawByRelevanceAsync(request, caller, relevance, user_id, tags, ranges, ct);
        }
        var outcome = await search.SearchAsync(caller, new RawMemorySearch.Request(
            user_id, tags, sort, request.Cursor, ranges["created_at"], ranges["occurred_at"], ranges["updated_at"], limit), ct);
        return outcome.Value is { } page
            ? TypedResults.Ok(new SearchRawResponse(page.Items.Select(RawMemoryView.From).ToList(), page.Cursor, page.Items.Count))
            : TypedMemoryEndpoints.ToProblem(outcome.Failure, outcome.Error!);
    }

    /// <summary>With a query the results are ranked by relevance (default hybrid), so sort and cursor do not apply.</summary>
    private static async Task<Results<Ok<SearchRawResponse>, ProblemHttpResult>> SearchRawByRelevanceAsync(
        SearchRawRequest request, Caller caller, MemorySearch relevance, string? userId, FilterTagsFilter tags,
        Dictionary<string, RawMemorySearch.TimeRange> ranges, CancellationToken ct)
    {
        var method = request.SearchMethod ?? "hybrid";
        if (!MemorySearch.Methods.Contains(method))
        {
            return Problems.Invalid($"search_method must be one of {string.Join(", ", MemorySearch.Methods)}.");
        }
        if (request.Cursor is not null || request.Sort is not null)
        {
            return Problems.BadRequest("sort and cursor do not apply to a search with a query: results come ranked by relevance, up to limit.");
        }
        if (ranges["created_at"] != EmptyRange || ranges["updated_at"] != EmptyRange)
        {
            return Problems.BadRequest("With a query, time_range may only use occurred_at_gte and occurred_at_lte.");
        }
        var occurred = ranges["occurred_at"];
        var hits = await relevance.SearchAsync(new MemorySearch.Request(
            caller.OrganizationId, caller.BoundUserId ?? userId, caller.ReadScopes, "raw", "context", method, request.Query!,
            request.Limit ?? 10, tags, Start: occurred.From, End: occurred.To), ct);
        var items = hits.ConvertAll(h => RawMemoryView.From((RawMemory)h.Item) with { Score = h.Score });
        return TypedResults.Ok(new SearchRawResponse(items, null, items.Count));
    }

    private static readonly RawMemorySearch.TimeRange EmptyRange = new(null, null);

    private static (RawMemorySearch.TimeRange? Range, string? Error) ReadRange(JsonObject? ranges, string field)
    {
        DateTime? Read(string bound, out string? error)
        {
            error = null;
            var node = ranges?[$"{field}_{bound}"];
            if (node is null)
            {
                return null;
            }
            if (node.GetValueKind() == System.Text.Json.JsonValueKind.String && TimeParsing.TryParseUtc(node.GetValue<string>(), TimeZoneInfo.Utc, out var value))
            {
                return value;
            }
            error = $"time_range.{field}_{bound} must be an ISO-8601 date-time.";
            return null;
        }
        var from = Read("gte", out var fromError);
        var to = Read("lte", out var toError);
        if ((fromError ?? toError) is { } error)
        {
            return (null, error);
        }
        return from > to
            ? (null, $"time_range.{field}_gte is after {field}_lte.")
            : (new RawMemorySearch.TimeRange(from, to), null);
    }
}
