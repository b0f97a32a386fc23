using Microsoft.EntityFrameworkCore;
using Mirix.Core.Storage;

namespace Mirix.Core.Retrieval.FullText;

/// <summary>
/// Each user's <see cref="TermIndex"/> of one memory type and field, read from the database (keys, memories and the
/// field's text as the full-text index holds it, with each memory's <see cref="TermIndex.Memory"/>) and kept current like
/// the vector sets: each search first reads the
/// user's row in <see cref="FullTextTable.Generations"/> (one key lookup; <see cref="FullTextGenerationsDdl"/>). An
/// unchanged generation means the copy is current; after additions only, the documents past the copy's highest key are
/// read and appended; after a removal (an update removes the old text too) they are read again whole. SQLite's keys lie
/// in the user's FTS5 key range and grow in commit order. PostgreSQL's (<see cref="FullTextTable.PostgresKey"/>) may
/// commit out of order, so there the documents are read in one statement with the generation's removals and row count,
/// and a copy that comes out short of the count is read again whole. Indexes are evicted, least recently used first,
/// beyond <see cref="MaxBytes"/>. A user with more than <paramref name="maxDocuments"/> documents of one type gets no
/// index: the database ranks that user's searches (<see cref="FullTextSearch"/>), so no one user holds most of the cache.
/// </summary>
public sealed class TermIndexCache(TimeProvider time, int maxDocuments = TermIndexCache.DefaultMaxDocuments)
{
    public const long MaxBytes = 1L << 29;

    /// <summary>About 190 MB of index (37 MB per 100,000 memories, measured), about a third of <see cref="MaxBytes"/>.</summary>
    public const int DefaultMaxDocuments = 500_000;

    /// <summary>The setting of <c>maxDocuments</c>; 0 leaves every user's ranking to the database.</summary>
    public const string MaxDocumentsKey = "Mirix:Search:TermIndexMaxDocuments";

    public sealed record Key(string OrganizationId, string UserId, string MemoryType, string Field);

    /// <summary>The generation a search checks; <see cref="Slot"/> is the user's key range on SQLite (0 on PostgreSQL).</summary>
    private sealed record Generation(long Slot, long Value, long Deletions, long Documents);

    /// <summary>An index with the key range and the removal count of the documents it was read from.</summary>
    private sealed record Held(TermIndex Index, long Slot, long Deletions);

    private readonly CurrentCopies<Key, Generation, Held> _indexes = new(time, MaxBytes, held => held.Index.Bytes);

    /// <summary>What the cached indexes hold, about.</summary>
    public long Bytes => _indexes.Bytes;

    /// <summary>
    /// The index of <paramref name="key"/> as it is now (one key lookup when the cached copy is current); null when the
    /// user holds too many documents for one.
    /// </summary>
    public async Task<TermIndex?> CurrentAsync(MirixDbContext db, Key key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        var table = FullTextTable.ByMemoryType[key.MemoryType];
        var postgres = db.Database.IsNpgsql();
        var generation = postgres ? await ReadPostgresGenerationAsync(db, table, key, ct) : await ReadSqliteGenerationAsync(db, table, key, ct);
        if (generation is null)
        {
            return TermIndex.Empty;
        }
        if (generation.Documents > maxDocuments)
        {
            return null;
        }
        var held = await _indexes.GetAsync(
            key, generation,
            cached => postgres
                ? RefreshPostgresAsync(db, table, key, cached?.Value, ct)
                : RefreshSqliteAsync(db, table, key.Field, generation, cached?.Value, ct),
            ct);
        return held.Index;
    }

    /// <summary>
    /// The generation is read before the documents, and a key range's keys grow in commit order: a copy holds at least
    /// what its generation counts, and a removal after it shows in the next.
    /// </summary>
    private static async Task<Held> RefreshSqliteAsync(
        MirixDbContext db, FullTextTable table, string field, Generation generation, Held? cached, CancellationToken ct) =>
        cached is { } current && current.Slot == generation.Slot && current.Deletions == generation.Deletions
            ? current with { Index = TermIndex.Append(current.Index, await ReadSqliteDocumentsAsync(db, table, field, generation.Slot, current.Index.MaxKey, ct)) }
            : new(TermIndex.Append(null, await ReadSqliteDocumentsAsync(db, table, field, generation.Slot, afterKey: null, ct)), generation.Slot, generation.Deletions);

    /// <summary>The range's generation, which counts each addition and each removal: its documents are the generation less twice the removals.</summary>
    private static async Task<Generation?> ReadSqliteGenerationAsync(MirixDbContext db, FullTextTable table, Key key, CancellationToken ct)
    {
        var rows = await db.Database.SqlQueryRaw<Generation>(
            $$"""
            SELECT o.slot AS slot, coalesce(g.generation, 0) AS value, coalesce(g.deletions, 0) AS deletions,
              coalesce(g.generation - (2 * g.deletions), 0) AS documents
            FROM {{FullTextTable.SqliteOwners}} o
            LEFT JOIN {{FullTextTable.Generations}} g ON g.slot = o.slot AND g.memory_table = {2}
            WHERE o.organization_id = {0} AND o.user_id = {1}
            """,
            key.OrganizationId, key.UserId, table.Table).ToListAsync(ct);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The range's documents past <paramref name="afterKey"/> (or all), keys ascending.</summary>
    private static async Task<List<TermIndex.Document>> ReadSqliteDocumentsAsync(
        MirixDbContext db, FullTextTable table, string field, long slot, long? afterKey, CancellationToken ct)
    {
        var first = slot * FullTextTable.SqliteKeySpan;
        var text = FullTextDdl.SqliteText(table, table.Fields[table.IndexOf(field)], "m");
        // Names and the field's SQL come from FullTextTable; the range's bounds are parameters.
#pragma warning disable EF1002
        return await db.Database.SqlQueryRaw<TermIndex.Document>(
            $$"""
            SELECT k.key AS key, k.memory_id AS memory_id, {{text}} AS text, {{MemoryColumns(table, "NULL")}}
            FROM {{table.SqliteKeys}} k JOIN {{table.Table}} m ON m.id = k.memory_id
            WHERE k.key >= {0} AND k.key < {1}
            ORDER BY k.key
            """,
            afterKey is { } after ? Math.Max(first, after + 1) : first, first + FullTextTable.SqliteKeySpan).ToListAsync(ct);
#pragma warning restore EF1002
    }

    /// <summary>
    /// Appends what was added since the copy when no row was removed since and the copy then holds the generation's row
    /// count; else (a removal, or a row that committed after one with a higher key) reads the documents again whole.
    /// </summary>
    private static async Task<Held> RefreshPostgresAsync(MirixDbContext db, FullTextTable table, Key key, Held? cached, CancellationToken ct)
    {
        if (cached is { } current)
        {
            var added = await ReadPostgresDocumentsAsync(db, table, key, current.Index.MaxKey, ct);
            if (added.Deletions == current.Deletions && current.Index.Count + added.Documents.Count == added.RowCount)
            {
                return current with { Index = TermIndex.Append(current.Index, added.Documents) };
            }
        }
        var whole = await ReadPostgresDocumentsAsync(db, table, key, afterKey: long.MinValue, ct);
        return new(TermIndex.Append(null, whole.Documents), 0, whole.Deletions);
    }

    private static async Task<Generation?> ReadPostgresGenerationAsync(MirixDbContext db, FullTextTable table, Key key, CancellationToken ct)
    {
        var rows = await db.Database.SqlQueryRaw<Generation>(
            "SELECT 0::bigint AS slot, generation AS value, deletions, row_count AS documents FROM " + FullTextTable.Generations
            + " WHERE organization_id = {0} AND user_id = {1} AND memory_table = {2}",
            key.OrganizationId, key.UserId, table.Table).ToListAsync(ct);
        return rows.Count == 0 ? null : rows[0];
    }

    private sealed record PostgresDocuments(long Deletions, long RowCount, List<TermIndex.Document> Documents);

    private sealed record PostgresRow(
        long Deletions, long RowCount, long? Key, string? MemoryId, string? Text, DateTime? CreatedAt, DateTime? OccurredAt, DateTime? ExpiresAt,
        DateTime? SupersededAt, string? Scope);

    /// <summary>
    /// The columns of <see cref="TermIndex.Memory"/> from memory row <c>m</c>: <see cref="FullTextGenerationsDdl.MemoryColumns"/>,
    /// whose changes count in the generation, and the date, which the text holds; <paramref name="noDate"/> stands for the
    /// date of a type without one.
    /// </summary>
    private static string MemoryColumns(FullTextTable table, string noDate) =>
        string.Join(", ", FullTextGenerationsDdl.MemoryColumns.Select(c => $"m.{c} AS {c}"))
        + $", {(table.DateColumn is { } date ? "m." + date : noDate)} AS occurred_at";

    /// <summary>
    /// The user's documents past <paramref name="afterKey"/>, keys ascending, with the generation's removals and row count
    /// as of the same statement (one snapshot).
    /// </summary>
    private static async Task<PostgresDocuments> ReadPostgresDocumentsAsync(
        MirixDbContext db, FullTextTable table, Key key, long afterKey, CancellationToken ct)
    {
        var text = FullTextDdl.PostgresText(table, table.Fields[table.IndexOf(key.Field)], "m");
        var seq = FullTextTable.PostgresKey;
        // Names and the field's SQL come from FullTextTable; the user and the bound are parameters.
#pragma warning disable EF1002
        var rows = await db.Database.SqlQueryRaw<PostgresRow>(
            $$"""
            SELECT g.deletions, g.row_count, m.{{seq}} AS key, m.id AS memory_id, {{text}} AS text,
              {{MemoryColumns(table, "NULL::timestamp with time zone")}}
            FROM {{FullTextTable.Generations}} g
            LEFT JOIN {{table.Table}} m ON m.organization_id = g.organization_id AND m.user_id = g.user_id AND m.{{seq}} > {3}
            WHERE g.organization_id = {0} AND g.user_id = {1} AND g.memory_table = {2}
            ORDER BY m.{{seq}}
            """,
            key.OrganizationId, key.UserId, table.Table, afterKey).ToListAsync(ct);
#pragma warning restore EF1002
        return rows.Count == 0
            ? new(0, 0, [])
            : new(rows[0].Deletions, rows[0].RowCount, [.. rows.Where(r => r.Key is not null).Select(r => new TermIndex.Document(r.Key!.Value, r.MemoryId!, r.Text!)
            {
                CreatedAt = r.CreatedAt!.Value, OccurredAt = r.OccurredAt, ExpiresAt = r.ExpiresAt, SupersededAt = r.SupersededAt, Scope = r.Scope,
            })]);
    }
}
