using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
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
        Caller caller, MirixDbContext db, MemorySearch search, [AsParameters] ComponentsQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (memory_type, limit) = (query.MemoryType ?? "all", query.Limit ?? 1000);
        if (!MemoryTypes.Contains(memory_type))
        {
            return Problems.Invalid($"memory_type must be one of {string.Join(", ", MemoryTypes)}.");
        }
        if (limit is < 1 or > 1000)
        {
            return Problems.Invalid("limit must be between 1 and 1000.");
        }
        var (tags, tagsError) = FilterTagsFilter.Parse(query.FilterTags);
        if (tags is null)
        {
            return Problems.BadRequest(tagsError!);
        }
        var (userId, problem) = await TargetUser.ResolveAsync(caller, query.UserId, db, ct, createIfMissing: true);
        if (problem is not null)
        {
            return problem;
        }
        // Raw memory too: it is what an add without an LLM keeps.
        async Task<Section<TView>?> SectionAsync<TView>(string type, Func<MemoryItem, TView> view)
        {
            if (memory_type != "all" && memory_type != type)
            {
                return null;
            }
            // An empty query lists the most recent, with the same visibility rules as every search.
            var request = new MemorySearch.Request(caller.OrganizationId, userId, caller.ReadScopes, type,
                MemoryKinds.All[type].SearchFields[0].Name, "bm25", "", limit, tags);
            var recent = await search.SearchAsync(request, ct);
            return new Section<TView>(await search.CountAsync(request, ct), recent.ConvertAll(h => view(h.Item)));
        }
        var memories = new MemorySections(
            await SectionAsync("episodic", m => EpisodicView.From((EpisodicEvent)m)),
            await SectionAsync("semantic", m => SemanticView.From((SemanticItem)m)),
            await SectionAsync("procedural", m => ProceduralView.From((ProceduralItem)m)),
            await SectionAsync("resource", m => ResourceView.From((ResourceItem)m)),
            await SectionAsync("knowledge_vault", m => KnowledgeVaultView.From((KnowledgeVaultItem)m)),
            await SectionAsync("raw", m => RawMemoryView.From((RawMemory)m)),
            memory_type is "all" or "core"
                ? CoreSection.From(await BlockStore.GetBlocksAsync(db, caller.OrganizationId, userId!, caller.ReadScopes, label: null, ct), limit)
                : null);
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

/// <summary>
/// MIRIX's query of <c>/memory/components</c>, plus <c>filter_tags</c> (ours): only memories whose tags match, with
/// the operators of search (core blocks are listed whatever their tags).
/// </summary>
public sealed record ComponentsQuery(
    [FromQuery(Name = "user_id")] string? UserId,
    [FromQuery(Name = "memory_type")] string? MemoryType,
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "filter_tags")] string? FilterTags);
