using Microsoft.EntityFrameworkCore;
using Mirix.Core.Storage;

namespace Mirix.Core.Retrieval.FullText;

/// <summary>
/// On SQLite, each user's <see cref="TermIndex"/> of one memory type and field, read from the user's FTS5 key range (the
/// keys and the memories' text) and kept current like the vector sets: each search first reads the range's row in
/// <see cref="FullTextTable.SqliteGenerations"/> (one key lookup). An unchanged generation means the copy is current; after
/// additions only, the keys past the copy's highest are read and appended; after a removal (an update removes the old key
/// too) the range is read again whole. Indexes are evicted, least recently used first, beyond <see cref="MaxBytes"/>.
/// </summary>
public sealed class TermIndexCache(TimeProvider time)
{
    public const long MaxBytes = 1L << 29;

    public sealed record Key(string OrganizationId, string UserId, string MemoryType, string Field);

    private sealed record Generation(long Slot, long Value, long Deletions);

    private readonly CurrentCopies<Key, Generation, TermIndex> _indexes = new(time, MaxBytes, index => index.Bytes);

    /// <summary>What the cached indexes hold, about.</summary>
    public long Bytes => _indexes.Bytes;

    /// <summary>The index of <paramref name="key"/> as it is now: one key lookup when the cached copy is current.</summary>
    public async Task<TermIndex> CurrentAsync(MirixDbContext db, Key key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        var table = FullTextTable.ByMemoryType[key.MemoryType];
        var generation = await ReadGenerationAsync(db, table, key, ct);
        if (generation is null)
        {
            return TermIndex.Empty;
        }
        // The generation is read before the documents, so a copy is never older than the generation it carries.
        return await _indexes.GetAsync(key, generation, async cached =>
            cached is { } current && current.Generation.Slot == generation.Slot && current.Generation.Deletions == generation.Deletions
                ? TermIndex.Append(current.Value, await ReadDocumentsAsync(db, table, key.Field, generation.Slot, current.Value.MaxKey, ct))
                : TermIndex.Append(null, await ReadDocumentsAsync(db, table, key.Field, generation.Slot, afterKey: null, ct)), ct);
    }

    private static async Task<Generation?> ReadGenerationAsync(MirixDbContext db, FullTextTable table, Key key, CancellationToken ct)
    {
        var rows = await db.Database.SqlQueryRaw<Generation>(
            $$"""
            SELECT o.slot AS slot, coalesce(g.generation, 0) AS value, coalesce(g.deletions, 0) AS deletions
            FROM {{FullTextTable.SqliteOwners}} o
            LEFT JOIN {{FullTextTable.SqliteGenerations}} g ON g.slot = o.slot AND g.memory_table = {2}
            WHERE o.organization_id = {0} AND o.user_id = {1}
            """,
            key.OrganizationId, key.UserId, table.Table).ToListAsync(ct);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The range's documents past <paramref name="afterKey"/> (or all), keys ascending.</summary>
    private static async Task<List<TermIndex.Document>> ReadDocumentsAsync(
        MirixDbContext db, FullTextTable table, string field, long slot, long? afterKey, CancellationToken ct)
    {
        var first = slot * FullTextTable.SqliteKeySpan;
        var text = FullTextDdl.SqliteText(table, table.Fields[table.IndexOf(field)], "m");
        // Names and the field's SQL come from FullTextTable; the range's bounds are parameters.
#pragma warning disable EF1002
        return await db.Database.SqlQueryRaw<TermIndex.Document>(
            $$"""
            SELECT k.key AS key, k.memory_id AS memory_id, {{text}} AS text
            FROM {{table.SqliteKeys}} k JOIN {{table.Table}} m ON m.id = k.memory_id
            WHERE k.key >= {0} AND k.key < {1}
            ORDER BY k.key
            """,
            afterKey is { } after ? Math.Max(first, after + 1) : first, first + FullTextTable.SqliteKeySpan).ToListAsync(ct);
#pragma warning restore EF1002
    }
}
