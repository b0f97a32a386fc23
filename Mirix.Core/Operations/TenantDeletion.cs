using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Operations;

/// <summary>Soft deletion of clients and users with everything they own, each as one transaction.</summary>
public static class TenantDeletion
{
    /// <summary>Marks the client deleted and inactive, revokes its keys, and soft-deletes its agents and the memories it wrote.</summary>
    public static Task<bool> SoftDeleteClientAsync(MirixDbContext db, string organizationId, string clientId, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            await db.Clients.Where(c => c.Id == clientId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.IsDeleted, true).SetProperty(c => c.Status, "inactive"), token);
            await db.ClientApiKeys.Where(k => k.ClientId == clientId).ExecuteUpdateAsync(s => s.SetProperty(k => k.Status, ApiKeyStatus.Revoked), token);
            await db.Agents.Where(a => a.OrganizationId == organizationId && a.CreatedById == clientId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDeleted, true), token);
            foreach (var table in MemoryPurge.Tables(db))
            {
                await table.Where(m => m.OrganizationId == organizationId && m.ClientId == clientId)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.IsDeleted, true), token);
            }
            return true;
        }, ct);

    /// <summary>Soft-deletes the user and all of its memories, blocks and messages.</summary>
    public static Task<bool> SoftDeleteUserAsync(MirixDbContext db, string organizationId, string userId, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            await db.Users.Where(u => u.OrganizationId == organizationId && u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDeleted, true), token);
            foreach (var table in MemoryPurge.Tables(db))
            {
                await table.Where(m => m.OrganizationId == organizationId && m.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsDeleted, true), token);
            }
            await db.Blocks.Where(b => b.OrganizationId == organizationId && b.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(b => b.IsDeleted, true), token);
            await db.Messages.Where(m => m.OrganizationId == organizationId && m.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsDeleted, true), token);
            return true;
        }, ct);

    /// <summary>Deletes an agent and its children.</summary>
    public static Task<int> DeleteAgentTreeAsync(MirixDbContext db, string agentId, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
            await db.Agents.Where(a => a.ParentId == agentId).ExecuteDeleteAsync(token)
            + await db.Agents.Where(a => a.Id == agentId).ExecuteDeleteAsync(token), ct);
}
