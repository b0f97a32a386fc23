using System.Text.Json.Nodes;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Operations;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>
/// Typed memories over REST. Beyond MIRIX (which creates them only through its LLM agents): <c>POST /memory/{type}</c>
/// writes items with the fields of the agents' insert tools. PATCH works for every type (MIRIX's episodic PATCH is broken
/// and it has none for the knowledge vault), and edits and deletes are confined to the caller's write scope.
/// </summary>
public static class TypedMemoryEndpoints
{
    public static IEndpointRouteBuilder MapTypedMemoryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/memory").WithTags("Memory").RequireAuthorization();
        foreach (var kind in MemoryKinds.ByName.Values)
        {
            var title = kind.Name.Replace('_', ' ');
            group.MapPost($"/{kind.Name}", (InsertMemoriesRequest request, Caller caller, TypedMemoryService service, MirixDbContext db, CancellationToken ct) =>
                    InsertMemories(kind, request, caller, service, db, ct))
                .WithName($"Insert{Pascal(kind.Name)}Memories")
                .WithSummary($"Writes {title} memories for a user, without an LLM; exact duplicates are skipped.");
            group.MapPatch($"/{kind.Name}/{{memoryId}}", (string memoryId, JsonObject patch, Caller caller, TypedMemoryService service, CancellationToken ct) =>
                    UpdateMemory(kind, memoryId, patch, caller, service, ct))
                .WithName($"Update{Pascal(kind.Name)}Memory")
                .WithSummary($"Changes fields of a {title} memory in the caller's write scope.");
            group.MapDelete($"/{kind.Name}/{{memoryId}}", (string memoryId, Caller caller, TypedMemoryService service, CancellationToken ct) =>
                    DeleteMemory(kind, memoryId, caller, service, ct))
                .WithName($"Delete{Pascal(kind.Name)}Memory")
                .WithSummary($"Deletes a {title} memory in the caller's write scope.");
            group.MapGet($"/{kind.Name}/{{memoryId}}/history", (string memoryId, Caller caller, MemoryHistory history, CancellationToken ct) =>
                    MemoryHistoryOf(kind, memoryId, caller, history, ct))
                .WithName($"Get{Pascal(kind.Name)}MemoryHistory")
                .WithSummary($"Lists the {title} memories this one replaced or was replaced by when agents merged or updated it, oldest first.");
        }
        return app;
    }

    public static async Task<Results<Ok<InsertMemoriesResponse<object>>, ProblemHttpResult>> InsertMemories(
        MemoryKind kind, InsertMemoriesRequest request, Caller caller, TypedMemoryService service, MirixDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Items is null)
        {
            return Problems.Invalid("items is required: a list of memory items.");
        }
        var (userId, problem) = await TargetUser.ResolveAsync(caller, request.UserId, db, ct, createIfMissing: true);
        if (problem is not null)
        {
            return problem;
        }
        var outcome = await service.InsertAsync(caller, kind, userId!, request.Items, request.FilterTags, ct);
        if (outcome.Value is not { } inserted)
        {
            return ToProblem(outcome.Failure, outcome.Error!);
        }
        var views = inserted.Items.Select(MemoryMapping.ToView).ToList();
        return TypedResults.Ok(new InsertMemoriesResponse<object>(true,
            $"Inserted {views.Count} {kind.Name} memories; skipped {inserted.SkippedDuplicateIds.Count} duplicate(s).",
            kind.Name, userId!, views, inserted.SkippedDuplicateIds));
    }

    public static async Task<Results<Ok<UpdateMemoryResponse<object>>, ProblemHttpResult>> UpdateMemory(
        MemoryKind kind, string memoryId, JsonObject patch, Caller caller, TypedMemoryService service, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(patch);
        patch.Remove("user_id"); // MIRIX's clients may name the user; the row already says whose it is
        var outcome = await service.UpdateAsync(caller, kind, memoryId, patch, ct);
        return outcome.Value is { } item
            ? TypedResults.Ok(new UpdateMemoryResponse<object>(true, $"Memory {memoryId} updated.", item.ToView()))
            : ToProblem(outcome.Failure, outcome.Error!);
    }

    public static async Task<Results<Ok<SuccessResponse>, ProblemHttpResult>> DeleteMemory(
        MemoryKind kind, string memoryId, Caller caller, TypedMemoryService service, CancellationToken ct)
    {
        var outcome = await service.DeleteAsync(caller, kind, memoryId, ct);
        return outcome.Value is not null
            ? TypedResults.Ok(new SuccessResponse(true, $"Memory {memoryId} deleted."))
            : ToProblem(outcome.Failure, outcome.Error!);
    }

    public static async Task<Results<Ok<MemoryHistoryResponse<object>>, ProblemHttpResult>> MemoryHistoryOf(
        MemoryKind kind, string memoryId, Caller caller, MemoryHistory history, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var chain = await history.ChainAsync(caller, kind, memoryId, ct);
        return chain is null
            ? Problems.NotFound($"Memory {memoryId} not found.")
            : TypedResults.Ok(new MemoryHistoryResponse<object>(true, kind.Name, memoryId, chain.ConvertAll(m =>
                new MemoryVersion<object>(m.ToView(), m.CreatedAt, m.LastModifyOperation, m.SupersededById, m.SupersededAt))));
    }

    internal static ProblemHttpResult ToProblem(WriteFailure failure, string error) => failure switch
    {
        WriteFailure.Forbidden => Problems.Forbidden(error),
        WriteFailure.NotFound => Problems.NotFound(error),
        WriteFailure.Invalid => Problems.Invalid(error),
        _ => Problems.BadRequest(error),
    };

    private static string Pascal(string snake) =>
        string.Concat(snake.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
