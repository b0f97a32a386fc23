using Microsoft.EntityFrameworkCore;
using Mirix.Api.Contracts;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>
/// <c>/memory/components</c> and <c>/memory/fields</c>. Unlike MIRIX, listed typed memories honour the caller's read scopes
/// and hide expired rows.
/// </summary>
public static class MemoryComponentEndpoints
{
    private static readonly string[] MemoryTypes = ["episodic", "semantic", "procedural", "resource", "knowledge_vault", "core", "all"];

    public static IEndpointRouteBuilder MapMemoryComponentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/memory").WithTags("Memory").RequireAuthorization();
        group.MapGet("/components", ListComponents).WithName("ListMemoryComponents").WithSummary("Lists a user's memories of one type or all types.");
        group.MapGet("/fields", ListFields).WithName("ListMemoryFields").WithSummary("The searchable fields of each memory type.");
        return app;
    }

    public static async Task<Results<Ok<ComponentsResponse>, ProblemHttpResult>> ListComponents(
        Caller caller, MirixDbContext db, TimeProvider time, CancellationToken ct,
        string? user_id = null, string memory_type = "all", int limit = 1000)
    {
        if (!MemoryTypes.Contains(memory_type))
        {
            return Problems.BadRequest($"memory_type must be one of {string.Join(", ", MemoryTypes)}.");
        }
        if (limit is < 1 or > 1000)
        {
            return Problems.BadRequest("limit must be between 1 and 1000.");
        }
        var (userId, problem) = await TargetUser.ResolveAsync(caller, user_id, db, ct, createIfMissing: true);
        if (problem is not null)
        {
            return problem;
        }
        var now = time.GetUtcNow().UtcDateTime;
        bool Wants(string type) => memory_type == "all" || memory_type == type;
        var memories = new Dictionary<string, object>();
        if (Wants("episodic"))
        {
            memories["episodic"] = await SectionAsync(db.EpisodicEvents.Visible(caller.OrganizationId, userId, caller.ReadScopes, now)
                .OrderByDescending(e => e.OccurredAt), limit, EpisodicView.From, ct);
        }
        if (Wants("semantic"))
        {
            memories["semantic"] = await SectionAsync(db.SemanticItems.Visible(caller.OrganizationId, userId, caller.ReadScopes, now)
                .OrderByDescending(e => e.LastModifiedAt), limit, SemanticView.From, ct);
        }
        if (Wants("procedural"))
        {
            memories["procedural"] = await SectionAsync(db.ProceduralItems.Visible(caller.OrganizationId, userId, caller.ReadScopes, now)
                .OrderByDescending(e => e.LastModifiedAt), limit, ProceduralView.From, ct);
        }
        if (Wants("resource"))
        {
            memories["resource"] = await SectionAsync(db.ResourceItems.Visible(caller.OrganizationId, userId, caller.ReadScopes, now)
                .OrderByDescending(e => e.LastModifiedAt), limit, ResourceView.From, ct);
        }
        if (Wants("knowledge_vault"))
        {
            memories["knowledge_vault"] = await SectionAsync(db.KnowledgeVaultItems.Visible(caller.OrganizationId, userId, caller.ReadScopes, now)
                .OrderByDescending(e => e.LastModifiedAt), limit, KnowledgeVaultView.From, ct);
        }
        if (Wants("core"))
        {
            var blocks = await BlockStore.GetBlocksAsync(db, caller.OrganizationId, userId!, caller.ReadScopes, label: null, ct);
            memories["core"] = new CoreSection(blocks.Count, blocks
                .GroupBy(b => b.Scope ?? "")
                .ToDictionary(g => g.Key, g => new CoreScopeItems(g.Take(limit).Select(b => new CoreBlockView(b.Id, b.Label, b.Value)).ToList())));
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

    private static async Task<Section<TView>> SectionAsync<T, TView>(IQueryable<T> query, int limit, Func<T, TView> view, CancellationToken ct)
        where T : MemoryItem
    {
        var total = await query.CountAsync(ct);
        var items = await query.AsNoTracking().Take(limit).ToListAsync(ct);
        return new Section<TView>(total, items.ConvertAll(i => view(i)));
    }
}

public sealed record ComponentsResponse(bool Success, string UserId, string MemoryType, int Limit, IReadOnlyDictionary<string, object> Memories);

public sealed record FieldsResponse(bool Success, IReadOnlyDictionary<string, string[]> Fields);
