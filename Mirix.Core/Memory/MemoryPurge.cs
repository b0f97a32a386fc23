using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Storage;

namespace Mirix.Core.Memory;

/// <summary>Bulk deletion of memories across every memory table, for user and client purges.</summary>
public static class MemoryPurge
{
    /// <summary>
    /// Hard-deletes a user's memories, core blocks and messages in an organization: all of them, or with
    /// <paramref name="scopeOfClient"/> only those in that client's write scope (and the messages that client sent).
    /// </summary>
    public static Task<int> DeleteUserMemoriesAsync(
        MirixDbContext db, string organizationId, string userId, (string ClientId, string Scope)? scopeOfClient, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.InTransactionAsync(async token =>
        {
            var scope = scopeOfClient?.Scope;
            var clientId = scopeOfClient?.ClientId;
            var deleted = 0;
            foreach (var table in Tables(db))
            {
                var rows = table.IgnoreQueryFilters()
                    .Where(m => m.OrganizationId == organizationId && m.UserId == userId && (scope == null || m.Scope == scope));
                await db.MemoryEmbeddings.Where(e => rows.Select(m => m.Id).Contains(e.MemoryId)).ExecuteDeleteAsync(token);
                deleted += await rows.ExecuteDeleteAsync(token);
            }
            deleted += await db.Blocks.IgnoreQueryFilters()
                .Where(b => b.OrganizationId == organizationId && b.UserId == userId && (scope == null || b.Scope == scope))
                .ExecuteDeleteAsync(token);
            deleted += await db.Messages.IgnoreQueryFilters()
                .Where(m => m.OrganizationId == organizationId && m.UserId == userId && (clientId == null || m.ClientId == clientId))
                .ExecuteDeleteAsync(token);
            // Operations keep the messages they carried; pending ones are dropped by the consumers once their row is gone.
            await db.IngestionOperations.IgnoreQueryFilters()
                .Where(o => o.OrganizationId == organizationId && o.UserId == userId && (clientId == null || o.ClientId == clientId))
                .ExecuteDeleteAsync(token);
            return deleted;
        }, ct);
    }

    /// <summary>Hard-deletes every memory, message and core block a client wrote.</summary>
    public static Task<int> DeleteClientMemoriesAsync(MirixDbContext db, string organizationId, string clientId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.InTransactionAsync(async token =>
        {
            var deleted = 0;
            foreach (var table in Tables(db))
            {
                var rows = table.IgnoreQueryFilters().Where(m => m.OrganizationId == organizationId && m.ClientId == clientId);
                await db.MemoryEmbeddings.Where(e => rows.Select(m => m.Id).Contains(e.MemoryId)).ExecuteDeleteAsync(token);
                deleted += await rows.ExecuteDeleteAsync(token);
            }
            deleted += await db.Blocks.IgnoreQueryFilters().Where(b => b.OrganizationId == organizationId && b.CreatedById == clientId).ExecuteDeleteAsync(token);
            deleted += await db.Messages.IgnoreQueryFilters().Where(m => m.OrganizationId == organizationId && m.ClientId == clientId).ExecuteDeleteAsync(token);
            await db.IngestionOperations.IgnoreQueryFilters().Where(o => o.OrganizationId == organizationId && o.ClientId == clientId).ExecuteDeleteAsync(token);
            return deleted;
        }, ct);
    }

    /// <summary>Every memory table as a queryable of the common base type.</summary>
    public static IEnumerable<IQueryable<MemoryItem>> Tables(MirixDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        yield return db.EpisodicEvents;
        yield return db.SemanticItems;
        yield return db.ProceduralItems;
        yield return db.ResourceItems;
        yield return db.KnowledgeVaultItems;
        yield return db.RawMemories;
    }
}
