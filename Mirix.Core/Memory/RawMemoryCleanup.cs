using Microsoft.EntityFrameworkCore;
using Mirix.Core.Storage;

namespace Mirix.Core.Memory;

/// <summary>
/// Deletes raw memories not updated for a number of days (an update resets the clock), with their embeddings, in batches.
/// MIRIX's job deletes nothing (its actor fails every organization check); this one really deletes.
/// </summary>
public sealed class RawMemoryCleanup(MirixDbContext db, TimeProvider time)
{
    private const int BatchSize = 500;

    public sealed record Result(int Deleted, DateTime Cutoff);

    /// <summary>All organizations when <paramref name="organizationId"/> is null; else that organization, in <paramref name="scope"/>.</summary>
    public async Task<Result> DeleteStaleAsync(int days, string? organizationId, string? scope, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
        var deleted = 0;
        while (true)
        {
            var batch = await db.InTransactionAsync(async token =>
            {
                var stale = db.RawMemories.IgnoreQueryFilters().Where(r => r.UpdatedAt < cutoff);
                if (organizationId is not null)
                {
                    stale = stale.Where(r => r.OrganizationId == organizationId && r.Scope == scope);
                }
                var ids = await stale.OrderBy(r => r.UpdatedAt).Select(r => r.Id).Take(BatchSize).ToListAsync(token);
                if (ids.Count == 0)
                {
                    return 0;
                }
                await db.MemoryEmbeddings.Where(e => ids.Contains(e.MemoryId)).ExecuteDeleteAsync(token);
                return await db.RawMemories.IgnoreQueryFilters().Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(token);
            }, ct);
            if (batch == 0)
            {
                return new Result(deleted, cutoff);
            }
            deleted += batch;
        }
    }
}
