using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Operations;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>
/// Core-memory blocks. Reads are limited to the caller's read scopes and writes to its write scope; MIRIX's
/// <c>GET /blocks</c> reads the global admin user's blocks instead of the caller's user.
/// </summary>
public static class BlockEndpoints
{
    public static IEndpointRouteBuilder MapBlockEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/blocks").WithTags("Core memory blocks").RequireAuthorization();
        group.MapGet("", ListBlocks).WithName("ListBlocks").WithSummary("Lists a user's blocks in the caller's read scopes (templates are copied on first access).");
        group.MapGet("/{blockId}", GetBlock).WithName("GetBlock").WithSummary("Gets a block readable by the caller.");
        group.MapPost("", UpsertBlock).WithName("UpsertBlock").WithSummary("Creates a block, or updates the one with this id, in the caller's write scope.");
        group.MapDelete("/{blockId}", DeleteBlock).WithName("DeleteBlock").WithSummary("Deletes a block of the caller's write scope.");
        return app;
    }

    public static async Task<Results<Ok<List<BlockResponse>>, ProblemHttpResult>> ListBlocks(
        Caller caller, MirixDbContext db, CancellationToken ct, string? user_id = null, string? label = null, string? cursor = null, int? limit = null)
    {
        var (userId, problem) = await TargetUser.ResolveAsync(caller, user_id, db, ct, createIfMissing: true);
        if (problem is not null)
        {
            return problem;
        }
        var blocks = await BlockStore.GetBlocksAsync(db, caller.OrganizationId, userId!, caller.ReadScopes, label, ct);
        return TypedResults.Ok(blocks.Page(cursor, limit).Select(BlockResponse.From).ToList());
    }

    public static async Task<Results<Ok<BlockResponse>, ProblemHttpResult>> GetBlock(string blockId, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        var block = await db.Blocks.AsNoTracking().SingleOrDefaultAsync(b => b.Id == blockId && b.OrganizationId == caller.OrganizationId, ct);
        return block is null || !Readable(caller, block) ? Problems.NotFound($"Block {blockId} not found.") : TypedResults.Ok(BlockResponse.From(block));
    }

    public static async Task<Results<Ok<BlockResponse>, ProblemHttpResult>> UpsertBlock(
        UpsertBlockRequest request, Caller caller, BlockWriter writer, MirixDbContext db, CancellationToken ct)
    {
        var (userId, problem) = await TargetUser.ResolveAsync(caller, request.UserId, db, ct, createIfMissing: true);
        if (problem is not null)
        {
            return problem;
        }
        var draft = new BlockDraft(request.Id, request.Label ?? "", request.Value ?? "", request.Limit ?? Block.DefaultLimit, request.FilterTags);
        var outcome = await writer.UpsertAsync(caller, userId!, draft, ct);
        return outcome.Value is { } block ? TypedResults.Ok(BlockResponse.From(block)) : TypedMemoryEndpoints.ToProblem(outcome.Failure, outcome.Error!);
    }

    public static async Task<Results<Ok<StatusMessageResponse>, ProblemHttpResult>> DeleteBlock(string blockId, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        var block = await db.Blocks.SingleOrDefaultAsync(b => b.Id == blockId && b.OrganizationId == caller.OrganizationId, ct);
        if (block is null || !Readable(caller, block))
        {
            return Problems.NotFound($"Block {blockId} not found.");
        }
        if (block.Scope != caller.WriteScope)
        {
            return Problems.Forbidden("Blocks can only be deleted in the caller's write scope.");
        }
        db.Blocks.Remove(block);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new StatusMessageResponse("success", $"Block {blockId} deleted."));
    }

    private static bool Readable(Caller caller, Block block) =>
        block.Scope is not null && caller.ReadScopes.Contains(block.Scope)
        && (caller.BoundUserId is null || caller.BoundUserId == block.UserId);
}
