using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Operations;

/// <summary>
/// Stages typed memory writes and never saves: it stamps tenant, scope and provenance, skips exact duplicates of rows in
/// the database and duplicates (up to case, spacing and end punctuation) of rows already staged in the same unit of work,
/// and indexes what it adds. The caller commits: a REST
/// route at once, an agent run together with its operation's success.
/// </summary>
public sealed class MemoryStager(MirixDbContext db, MemoryIndexer indexer, TimeProvider time)
{
    /// <summary>Who writes and for whom: every staged row carries these.</summary>
    public sealed record Writer(string OrganizationId, string UserId, string ClientId, string Scope, string? AgentId = null, IReadOnlyList<string>? SourceMessageIds = null);

    public sealed record Staged(IReadOnlyList<MemoryItem> Inserted, IReadOnlyList<string> SkippedDuplicateIds);

    public void Stamp(MemoryItem item, Writer writer, JsonObject? tags)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(writer);
        var now = time.GetUtcNow().UtcDateTime;
        item.OrganizationId = writer.OrganizationId;
        item.UserId = writer.UserId;
        item.ClientId = writer.ClientId;
        item.AgentId = writer.AgentId;
        item.Scope = writer.Scope;
        item.FilterTags = ScopedFilterTags.WithScope(tags, writer.Scope);
        item.LastModifiedAt = now;
        item.LastModifyOperation = "created";
        item.CreatedById = writer.ClientId;
        item.LastUpdatedById = writer.ClientId;
        if (writer.SourceMessageIds is { Count: > 0 } sources && item.SourceMessageIds.Count == 0)
        {
            item.SourceMessageIds = [.. sources];
        }
        if (item is EpisodicEvent { OccurredAt.Ticks: 0 } episodic)
        {
            episodic.OccurredAt = now;
        }
    }

    /// <summary>Adds the stamped <paramref name="candidates"/> that duplicate nothing stored or staged, and indexes them.</summary>
    public async Task<Staged> StageAsync(MemoryKind kind, IReadOnlyList<MemoryItem> candidates, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(candidates);
        var inserted = new List<MemoryItem>();
        var skipped = new List<string>();
        foreach (var item in candidates)
        {
            var duplicate = StagedDuplicate(kind, item) ?? await kind.FindDuplicateAsync(db, item, ct);
            if (duplicate is not null)
            {
                skipped.Add(duplicate.Id);
                continue;
            }
            kind.Add(db, item);
            inserted.Add(item);
        }
        await indexer.IndexAsync(inserted, ct);
        return new Staged(inserted, skipped);
    }

    /// <summary>Re-indexes an edited row (its text changed) and marks who changed it; the caller saves.</summary>
    public async Task StageEditAsync(MemoryItem item, string clientId, string operation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.LastModifiedAt = time.GetUtcNow().UtcDateTime;
        item.LastModifyOperation = operation;
        item.LastUpdatedById = clientId;
        await indexer.IndexAsync([item], ct);
    }

    /// <summary>
    /// Marks rows as replaced by <paramref name="replacementId"/> (null: retired with no successor). They stay, for their
    /// history, and reads skip them; the caller saves.
    /// </summary>
    public void StageSupersede(IEnumerable<MemoryItem> items, string? replacementId, string clientId)
    {
        ArgumentNullException.ThrowIfNull(items);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var item in items)
        {
            item.SupersededById = replacementId;
            item.SupersededAt = now;
            item.LastModifiedAt = now;
            item.LastModifyOperation = replacementId is null ? "retired" : "superseded";
            item.LastUpdatedById = clientId;
        }
    }

    /// <summary>Removes a row and its vectors; the caller saves.</summary>
    public async Task StageRemoveAsync(MemoryKind kind, MemoryItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(item);
        kind.Remove(db, item);
        db.MemoryEmbeddings.RemoveRange(await db.MemoryEmbeddings.Where(e => e.MemoryId == item.Id).ToListAsync(ct));
    }

    /// <summary>The user's time zone, in which agents and clients write times; UTC when unknown.</summary>
    public async Task<TimeZoneInfo> UserZoneAsync(string organizationId, string userId, CancellationToken ct)
    {
        var timezone = await db.Users.Where(u => u.OrganizationId == organizationId && u.Id == userId).Select(u => u.Timezone).SingleOrDefaultAsync(ct);
        return timezone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(Timezones.IanaName(timezone), out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private MemoryItem? StagedDuplicate(MemoryKind kind, MemoryItem item)
    {
        var key = kind.NormalizedKey(item);
        return db.ChangeTracker.Entries<MemoryItem>()
            .Where(e => e.State == EntityState.Added && e.Entity.GetType() == kind.ItemType && !ReferenceEquals(e.Entity, item))
            .Select(e => e.Entity)
            .FirstOrDefault(e => e.UserId == item.UserId && e.Scope == item.Scope && e.OrganizationId == item.OrganizationId && kind.NormalizedKey(e) == key);
    }
}
