using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Storage;

namespace Mirix.Core.Memory;

/// <summary>Core-memory blocks of a user, filtered by scope, with MIRIX's lazy copy from the organization's templates.</summary>
public static class BlockStore
{
    /// <summary>
    /// The user's blocks in <paramref name="scopes"/> (<c>null</c> = every scope, empty = none). When none exist and exactly
    /// one scope is asked for, the templates of that scope are copied to the user first.
    /// </summary>
    public static async Task<List<Block>> GetBlocksAsync(
        MirixDbContext db, string organizationId, string userId, IReadOnlyList<string>? scopes, string? label, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var templateUserId = WellKnownIds.TemplateUserId(organizationId);
        if (scopes is not [var scope] || userId == templateUserId)
        {
            return await Query(db, organizationId, userId, scopes, label).ToListAsync(ct);
        }
        // The user's blocks and the scope's templates in one query: a user without blocks (every new user) would
        // otherwise cost a second query on each chat turn just to learn there are no templates.
        var rows = await InOrder(Owned(db, organizationId, userId, scopes, label)
            .Concat(db.Blocks.AsNoTracking().Where(b => b.OrganizationId == organizationId && b.UserId == templateUserId && b.Scope == scope)))
            .ToListAsync(ct);
        var blocks = rows.Where(b => b.UserId == userId).ToList();
        var templates = rows.Where(b => b.UserId == templateUserId).ToList();
        if (blocks.Count > 0 || templates.Count == 0 || !await db.Users.AnyAsync(u => u.Id == userId && u.OrganizationId == organizationId, ct))
        {
            return blocks;
        }
        foreach (var template in templates)
        {
            db.Blocks.Add(new Block
            {
                Id = IdGenerator.Uuid(Block.IdPrefix),
                OrganizationId = organizationId,
                UserId = userId,
                Label = template.Label,
                Value = template.Value,
                Limit = template.Limit,
                Scope = scope,
                FilterTags = template.FilterTags,
                CreatedById = template.CreatedById,
            });
        }
        await db.SaveChangesAsync(ct);
        return await Query(db, organizationId, userId, scopes, label).ToListAsync(ct);
    }

    private static IQueryable<Block> Query(MirixDbContext db, string organizationId, string userId, IReadOnlyList<string>? scopes, string? label) =>
        InOrder(Owned(db, organizationId, userId, scopes, label));

    private static IQueryable<Block> InOrder(IQueryable<Block> blocks) => blocks.OrderBy(b => b.Label).ThenBy(b => b.Id);

    private static IQueryable<Block> Owned(MirixDbContext db, string organizationId, string userId, IReadOnlyList<string>? scopes, string? label)
    {
        var query = db.Blocks.AsNoTracking().Where(b => b.OrganizationId == organizationId && b.UserId == userId);
        if (scopes is not null)
        {
            query = query.Where(b => b.Scope != null && scopes.Contains(b.Scope));
        }
        if (label is not null)
        {
            query = query.Where(b => b.Label == label);
        }
        return query;
    }
}
