using Microsoft.EntityFrameworkCore;
using Mirix.Api.Contracts;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>
/// <c>/memory/components</c> and <c>/memory/fields</c>. Unlike MIRIX, listed typed memories honour the caller's read scopes
/// and hide expired rows.
/// </summary>
public static class MemoryComponentEndpoints
{
    private static readonly string[] MemoryTypes = [.. MemoryKinds.All.Keys, "core", "all"];

    public static IEndpointRouteBuilder MapMemoryComponentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/memory").WithTags("Memory").RequireAuthorization();
        group.MapGet("/components", ListComponents).WithName("ListMemoryComponents").WithSummary("Lists a user's memories of one type or all types.");
        group.MapGet("/fields", ListFields).WithName("ListMemoryFields").WithSummary("The searchable fields of each memory type.");
        return app;
    }

    public static async Task<Results<Ok<ComponentsResponse>, ProblemHttpResult>> ListComponents(
        Caller caller, MirixDbContext db, MemorySearch search, CancellationToken ct,
        string? user_id = null, string memory_type = "all", int limit = 1000)
    {
        if (!MemoryTypes.Contains(memory_type))
        {
            return Problems.Invalid($"memory_type must be one of {string.Join(", ", MemoryTypes)}.");
        }
        if (limit is < 1 or > 1000)
        {
            return Problems.Invalid("limit must be between 1 and 1000.");
        }
        var (userId, problem) = await TargetUser.ResolveAsync(caller, user_id, db, ct, createIfMissing: true);
        if (problem is not null)
        {
            return problem;
        }
        var memories = new Dictionary<string, object>();
        // Raw memory too: it is what an add without an LLM keeps.
        foreach (var type in MemoryKinds.All.Keys.Where(t => memory_type == "all" || memory_type == t))
        {
            // An empty query lists the most recent, with the same visibility rules as every search.
            var request = new MemorySearch.Request(caller.OrganizationId, userId, caller.ReadScopes, type,
                MemoryKinds.All[type].SearchFields[0].Name, "bm25", "", limit, FilterTagsFilter.Empty);
            var recent = await search.SearchAsync(request, ct);
            memories[type] = new Section<object>(await search.CountAsync(request, ct), recent.ConvertAll(h => MemoryView.From(h.Item)));
        }
        if (memory_type is "all" or "core")
        {
            var blocks = await BlockStore.GetBlocksAsync(db, caller.OrganizationId, userId!, caller.ReadScopes, label: null, ct);
            memories["core"] = CoreSection.From(blocks, limit);
        }
        return TypedResults.Ok(new ComponentsResponse(true, userId!, memory_type, limit, memories));
    }

    public static Ok<FieldsResponse> ListFields() => TypedResults.Ok(new FieldsResponse(true, new Dictionary<string, string[]>
    {
        ["episodic"] = ["summary", "details"],
        ["semantic"] = ["name", "summary", "details"],
        ["procedural"] = ["summary", "steps"],
        ["resource"] = ["summary", "content"],
        ["knowledge_vault"] = ["caption", "secret_value"],
        ["core"] = ["label", "value"],
        ["raw"] = ["context"],
    }));
}

public sealed record ComponentsResponse(bool Success, string UserId, string MemoryType, int Limit, IReadOnlyDictionary<string, object> Memories);

public sealed record FieldsResponse(bool Success, IReadOnlyDictionary<string, string[]> Fields);
