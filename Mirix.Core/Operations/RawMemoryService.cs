using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Operations;

/// <summary>
/// Raw memories: task context written directly, without an LLM. Reads honour read scopes; writes stamp the write scope
/// (a caller-supplied scope tag is replaced) and edits and deletes need the row to be in the caller's write scope.
/// </summary>
public sealed class RawMemoryService(MirixDbContext db, MemoryIndexer indexer, TimeProvider time)
{
    public enum ContextUpdate { Append, Replace }

    public enum TagsUpdate { Merge, Replace }

    public async Task<WriteOutcome<RawMemory>> CreateAsync(
        Caller caller, string userId, string? context, JsonObject? tags, DateTime? occurredAt, string? id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.CanWrite)
        {
            return WriteOutcome.Fail<RawMemory>(WriteFailure.Forbidden, "A read-only client (no write_scope) cannot write memories.");
        }
        if (string.IsNullOrWhiteSpace(context))
        {
            return WriteOutcome.Fail<RawMemory>(WriteFailure.Invalid, "context is required and must not be blank.");
        }
        if (context.Length > ItemReader.DocumentLength)
        {
            return WriteOutcome.Fail<RawMemory>(WriteFailure.Invalid, $"context is longer than {ItemReader.DocumentLength} characters.");
        }
        if (id is not null && await db.RawMemories.IgnoreQueryFilters().AnyAsync(r => r.Id == id, ct))
        {
            throw new TenantConflictException($"Raw memory id {id} is taken.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var memory = new RawMemory
        {
            Id = id ?? IdGenerator.Memory(RawMemory.IdPrefix),
            OrganizationId = caller.OrganizationId,
            UserId = userId,
            ClientId = caller.ClientId,
            Scope = caller.WriteScope,
            FilterTags = ScopedFilterTags.WithScope(tags, caller.WriteScope),
            Context = context,
            OccurredAt = occurredAt,
            LastModifiedAt = now,
            CreatedById = caller.ClientId,
            LastUpdatedById = caller.ClientId,
        };
        db.RawMemories.Add(memory);
        await indexer.IndexAsync([memory], ct);
        await db.SaveChangesAsync(ct);
        return WriteOutcome.Done(memory);
    }

    public async Task<RawMemory?> GetAsync(Caller caller, string id, string? userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var memory = await db.RawMemories.AsNoTracking()
            .Visible(caller.OrganizationId, caller.BoundUserId ?? userId, caller.ReadScopes, time.GetUtcNow().UtcDateTime)
            .SingleOrDefaultAsync(r => r.Id == id, ct);
        return memory;
    }

    public async Task<WriteOutcome<RawMemory>> UpdateAsync(
        Caller caller, string id, string? context, JsonObject? tags, ContextUpdate contextUpdate, TagsUpdate tagsUpdate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (context is not null && string.IsNullOrWhiteSpace(context) && contextUpdate == ContextUpdate.Replace)
        {
            return WriteOutcome.Fail<RawMemory>(WriteFailure.Invalid, "context must not be blank.");
        }
        if (context?.Length > ItemReader.DocumentLength)
        {
            return WriteOutcome.Fail<RawMemory>(WriteFailure.Invalid, $"context is longer than {ItemReader.DocumentLength} characters.");
        }
        return await db.InTransactionAsync(async token =>
        {
            var memory = await LockForWriteAsync(caller, id, token);
            if (memory.Value is not { } row)
            {
                return memory;
            }
            if (context is not null)
            {
                row.Context = contextUpdate == ContextUpdate.Append ? row.Context + "\n\n" + context : context;
            }
            if (tags is not null)
            {
                var merged = tagsUpdate == TagsUpdate.Merge && row.FilterTags is not null ? (JsonObject)JsonNode.Parse(row.FilterTags)! : new JsonObject();
                foreach (var (key, value) in tags)
                {
                    merged[key] = value?.DeepClone();
                }
                row.FilterTags = ScopedFilterTags.WithScope(merged, row.Scope); // the scope of a row never changes
            }
            row.LastModifiedAt = time.GetUtcNow().UtcDateTime;
            row.LastModifyOperation = "updated";
            row.LastUpdatedById = caller.ClientId;
            if (context is not null)
            {
                await indexer.IndexAsync([row], token);
            }
            await db.SaveChangesAsync(token);
            return memory;
        }, ct);
    }

    public async Task<WriteOutcome<RawMemory>> DeleteAsync(Caller caller, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var memory = await LockForWriteAsync(caller, id, ct);
        if (memory.Value is not null)
        {
            db.RawMemories.Remove(memory.Value);
            db.MemoryEmbeddings.RemoveRange(await db.MemoryEmbeddings.Where(e => e.MemoryId == id).ToListAsync(ct));
            await db.SaveChangesAsync(ct);
        }
        return memory;
    }

    /// <summary>Loads the row for a change; on PostgreSQL it is locked (FOR UPDATE) so concurrent appends never lose text.</summary>
    private async Task<WriteOutcome<RawMemory>> LockForWriteAsync(Caller caller, string id, CancellationToken ct)
    {
        if (db.Database.IsNpgsql() && db.Database.CurrentTransaction is not null)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM raw_memory WHERE id = {id} FOR UPDATE", ct);
        }
        var row = await db.RawMemories.SingleOrDefaultAsync(r => r.Id == id && r.OrganizationId == caller.OrganizationId, ct);
        var visible = row is not null && row.Scope is not null
            && (caller.BoundUserId is null || caller.BoundUserId == row.UserId)
            && (caller.ReadScopes.Contains(row.Scope) || row.Scope == caller.WriteScope);
        if (!visible)
        {
            return WriteOutcome.Fail<RawMemory>(WriteFailure.NotFound, $"Raw memory {id} not found.");
        }
        return row!.Scope == caller.WriteScope
            ? WriteOutcome.Done(row)
            : WriteOutcome.Fail<RawMemory>(WriteFailure.Forbidden, "Raw memories can only be changed in the caller's write scope.");
    }
}
