using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Memory;

/// <summary>
/// The chain a memory belongs to when agents merged, replaced or updated it: every row it replaced (transitively) and
/// every row that replaced it, oldest first, so a reader can see how a fact changed and when.
/// </summary>
public sealed class MemoryHistory(MirixDbContext db)
{
    /// <summary>The chain through <paramref name="id"/>, or null when the caller may not read that memory.</summary>
    public async Task<List<MemoryItem>?> ChainAsync(Caller caller, MemoryKind kind, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(kind);
        var start = await Readable(caller, kind).SingleOrDefaultAsync(m => m.Id == id, ct);
        if (start is null)
        {
            return null;
        }
        var chain = new Dictionary<string, MemoryItem>(StringComparer.Ordinal) { [start.Id] = start };
        // Earlier rows: those superseded by a row already in the chain, breadth first (a replace can fold several into one).
        var frontier = new List<string> { start.Id };
        while (frontier.Count > 0)
        {
            var ids = frontier;
            var earlier = await Readable(caller, kind).Where(m => m.SupersededById != null && ids.Contains(m.SupersededById)).ToListAsync(ct);
            frontier = earlier.Where(m => chain.TryAdd(m.Id, m)).Select(m => m.Id).ToList();
        }
        // Later rows: follow the successors.
        for (var next = start.SupersededById; next is not null && !chain.ContainsKey(next);)
        {
            var successor = await Readable(caller, kind).SingleOrDefaultAsync(m => m.Id == next, ct);
            if (successor is null)
            {
                break;
            }
            chain[successor.Id] = successor;
            next = successor.SupersededById;
        }
        return [.. chain.Values.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id, StringComparer.Ordinal)];
    }

    /// <summary>The caller's organization, its bound user if any, its read and write scopes; superseded rows included.</summary>
    private IQueryable<MemoryItem> Readable(Caller caller, MemoryKind kind)
    {
        var scopes = caller.WriteScope is { } write ? [.. caller.ReadScopes, write] : caller.ReadScopes.ToList();
        var query = kind.Rows(db).AsNoTracking().Where(m => m.OrganizationId == caller.OrganizationId && m.Scope != null && scopes.Contains(m.Scope));
        return caller.BoundUserId is { } user ? query.Where(m => m.UserId == user) : query;
    }
}
