using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Operations;

/// <summary>A core-memory block as a caller asks to write it: an id to update one, else a new block for the user.</summary>
public sealed record BlockDraft(string? Id, string Label, string Value, int Limit, JsonObject? FilterTags);

/// <summary>
/// Writes core-memory blocks with the rules of every write: only in the caller's write scope, only of its bound user when
/// its key has one, within the block's limit, with the scope stamped into the tags.
/// </summary>
public sealed class BlockWriter(MirixDbContext db)
{
    public async Task<WriteOutcome<Block>> UpsertAsync(Caller caller, string userId, BlockDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(draft);
        if (!caller.CanWrite)
        {
            return WriteOutcome.Fail<Block>(WriteFailure.Forbidden, "A read-only client cannot write blocks.");
        }
        if (string.IsNullOrWhiteSpace(draft.Label))
        {
            return WriteOutcome.Fail<Block>(WriteFailure.Invalid, "label is required.");
        }
        if (draft.Limit <= 0 || draft.Value.Length > draft.Limit)
        {
            return WriteOutcome.Fail<Block>(WriteFailure.Invalid, $"value has {draft.Value.Length} characters; the limit is {draft.Limit}.");
        }
        var existing = draft.Id is null ? null : await db.Blocks.IgnoreQueryFilters().SingleOrDefaultAsync(b => b.Id == draft.Id, ct);
        if (existing is not null)
        {
            if (existing.OrganizationId != caller.OrganizationId || existing.Scope != caller.WriteScope || existing.IsDeleted
                || (caller.BoundUserId is { } bound && existing.UserId != bound))
            {
                return WriteOutcome.Fail<Block>(WriteFailure.NotFound, $"Block {draft.Id} not found.");
            }
            existing.Label = draft.Label;
            existing.Value = draft.Value;
            existing.Limit = draft.Limit;
            existing.FilterTags = ScopedFilterTags.WithScope(draft.FilterTags, caller.WriteScope);
            existing.LastUpdatedById = caller.ClientId;
            await db.SaveChangesAsync(ct);
            return WriteOutcome.Done(existing);
        }
        var block = new Block
        {
            Id = draft.Id ?? IdGenerator.Uuid(Block.IdPrefix),
            OrganizationId = caller.OrganizationId,
            UserId = userId,
            Label = draft.Label,
            Value = draft.Value,
            Limit = draft.Limit,
            Scope = caller.WriteScope,
            FilterTags = ScopedFilterTags.WithScope(draft.FilterTags, caller.WriteScope),
            CreatedById = caller.ClientId,
            LastUpdatedById = caller.ClientId,
        };
        db.Blocks.Add(block);
        await db.SaveChangesAsync(ct);
        return WriteOutcome.Done(block);
    }
}
