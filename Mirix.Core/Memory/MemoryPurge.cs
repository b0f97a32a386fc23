using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Storage;

namespace Mirix.Core.Memory;

/// <summary>Bulk deletion of memories across every memory table, for user and client purges.</summary>
public static class MemoryPurge
{
    /// <summary>Hard-deletes every memory, message and core block of a user in an organization.</summary>
    public static async Task<int> DeleteUserMemoriesAsync(MirixDbContext db, string organizationId, string userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var deleted = 0;
        foreach (var table in Tables(db))
        {
            deleted += await table.Where(m => m.OrganizationId == organizationId && m.UserId == userId).IgnoreQueryFilters().ExecuteDeleteAsync(ct);
        }
        deleted += await db.Blocks.IgnoreQueryFilters().Where(b => b.OrganizationId == organizationId && b.UserId == userId).ExecuteDeleteAsync(ct);
        deleted += await db.Messages.IgnoreQueryFilters().Where(m => m.OrganizationId == organizationId && m.UserId == userId).ExecuteDeleteAsync(ct);
        return deleted;
    }

    /// <summary>Hard-deletes every memory, message and core block a client wrote.</summary>
    public static async Task<int> DeleteClientMemoriesAsync(MirixDbContext db, string organizationId, string clientId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var deleted = 0;
        foreach (var table in Tables(db))
        {
            deleted += await table.Where(m => m.OrganizationId == organizationId && m.ClientId == clientId).IgnoreQueryFilters().ExecuteDeleteAsync(ct);
        }
        deleted += await db.Blocks.IgnoreQueryFilters().Where(b => b.OrganizationId == organizationId && b.CreatedById == clientId).ExecuteDeleteAsync(ct);
        deleted += await db.Messages.IgnoreQueryFilters().Where(m => m.OrganizationId == organizationId && m.ClientId == clientId).ExecuteDeleteAsync(ct);
        return deleted;
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
