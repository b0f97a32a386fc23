using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Storage;

namespace Mirix.Core.Retrieval.Vector;

/// <summary>
/// Where the database cannot rank vectors (SQLite, PostgreSQL without pgvector), one user's vectors of one memory type,
/// field and model (a vector set) are kept in memory and scanned with SIMD, instead of being read from the database on
/// every search. Each search first reads the set's row in <c>embedding_generations</c> (one key lookup): an unchanged
/// generation means the copy is current; appended rows are read by <c>seq</c>; after a removal, or when the count shows a
/// row was missed (a transaction that committed out of <c>seq</c> order), the set is read again whole. Sets are evicted,
/// least recently used first, beyond <see cref="MaxBytes"/>.
/// </summary>
public sealed class VectorSetCache(TimeProvider time)
{
    public const long MaxBytes = 1L << 30;
    private const int ChunkSize = 4096;
    private const int MinChunk = 16;

    /// <summary>The rows of one vector set, with the <see cref="Key"/>'s parts as parameters {0}-{4}.</summary>
    private const string OfSet = "organization_id = {0} AND user_id = {1} AND memory_type = {2} AND field = {3} AND model = {4}";

    public sealed record Key(string OrganizationId, string UserId, string MemoryType, string Field, string Model);

    private sealed record Generation(long Value, long RowCount, long Deletions);

    private sealed record Row(string MemoryId, byte[] Vector, long Seq);

    /// <summary>A set as of one generation: vectors in chunks of up to <see cref="ChunkSize"/>; its first <c>Count</c> never change.</summary>
    private sealed record Snapshot(Generation Generation, long MaxSeq, int Count, int Dimensions, string[][] Ids, float[][] Vectors)
    {
        public long Bytes => (long)Count * ((Dimensions * sizeof(float)) + 64);
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public Snapshot? Current { get; set; }
        public long LastUsed { get; set; }
    }

    private readonly ConcurrentDictionary<Key, Entry> _entries = new();

    /// <summary>
    /// The <paramref name="limit"/> vectors of the set nearest to <paramref name="query"/> (cosine similarity, vectors are unit
    /// length), nearest first, closer than <paramref name="maxDistance"/> when given.
    /// </summary>
    public async Task<List<(string Id, double Score)>> NearestAsync(
        MirixDbContext db, Key key, float[] query, double? maxDistance, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(query);
        var snapshot = await CurrentAsync(db, key, ct);
        if (snapshot is null || snapshot.Count == 0 || snapshot.Dimensions != query.Length)
        {
            return [];
        }
        var best = new PriorityQueue<(string Id, double Score), (double Score, string Id)>(limit + 1, WorstFirst.Instance);
        for (var i = 0; i < snapshot.Count; i++)
        {
            var chunk = snapshot.Vectors[i / ChunkSize];
            var offset = (i % ChunkSize) * snapshot.Dimensions;
            var score = (double)TensorPrimitives.Dot(query, chunk.AsSpan(offset, snapshot.Dimensions));
            if (maxDistance is { } max && 1 - score >= max)
            {
                continue;
            }
            // Most vectors are worse than the worst kept one: skip them without touching the queue.
            if (best.Count == limit && best.TryPeek(out _, out var worst) && score < worst.Score)
            {
                continue;
            }
            var id = snapshot.Ids[i / ChunkSize][i % ChunkSize];
            best.Enqueue((id, score), (score, id));
            if (best.Count > limit)
            {
                best.Dequeue();
            }
        }
        var nearest = new List<(string Id, double Score)>(best.Count);
        while (best.Count > 0)
        {
            nearest.Add(best.Dequeue());
        }
        nearest.Reverse();
        return nearest;
    }

    private async Task<Snapshot?> CurrentAsync(MirixDbContext db, Key key, CancellationToken ct)
    {
        var generation = await ReadGenerationAsync(db, key, ct);
        if (generation is null)
        {
            return null;
        }
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        entry.LastUsed = time.GetTimestamp();
        if (entry.Current is { } fresh && fresh.Generation == generation)
        {
            return fresh;
        }
        await entry.Gate.WaitAsync(ct);
        try
        {
            var current = entry.Current;
            if (current is not null && current.Generation == generation)
            {
                return current;
            }
            Snapshot? next = null;
            if (current is not null && current.Generation.Deletions == generation.Deletions)
            {
                var appended = await ReadRowsAsync(db, key, current.MaxSeq, ct);
                var extended = Append(current, generation, appended);
                // A row committed after one with a higher seq is missed by reading from MaxSeq: the count tells.
                next = extended.Count == generation.RowCount ? extended : null;
            }
            next ??= Append(null, generation, await ReadRowsAsync(db, key, afterSeq: null, ct));
            entry.Current = next;
        }
        finally
        {
            entry.Gate.Release();
        }
        Evict();
        return entry.Current;
    }

    private static Snapshot Append(Snapshot? current, Generation generation, List<Row> rows)
    {
        var dimensions = current?.Dimensions ?? (rows.Count > 0 ? rows[0].Vector.Length / sizeof(float) : 0);
        var count = current?.Count ?? 0;
        var ids = new List<string[]>(current?.Ids ?? []);
        var vectors = new List<float[]>(current?.Vectors ?? []);
        var maxSeq = current?.MaxSeq ?? 0;
        // Chunks are shared with the older snapshot and written only past its Count, which its readers never read. The
        // last chunk grows by doubling, so a set of ten vectors holds ten vectors' worth, not a full chunk, and an append
        // copies no more than the set already holds.
        var remaining = rows.Count;
        foreach (var row in rows)
        {
            remaining--;
            if (row.Vector.Length != dimensions * sizeof(float))
            {
                continue;
            }
            var slot = count % ChunkSize;
            if (slot == 0)
            {
                var capacity = Math.Clamp(remaining + 1, MinChunk, ChunkSize);
                ids.Add(new string[capacity]);
                vectors.Add(new float[capacity * dimensions]);
            }
            else if (slot == ids[^1].Length)
            {
                var capacity = Math.Min(ChunkSize, Math.Max(slot * 2, slot + remaining + 1));
                ids[^1] = Grown(ids[^1], capacity);
                vectors[^1] = Grown(vectors[^1], capacity * dimensions);
            }
            ids[^1][slot] = row.MemoryId;
            MemoryIndexer.FromBytes(row.Vector).CopyTo(vectors[^1].AsSpan(slot * dimensions, dimensions));
            count++;
            maxSeq = Math.Max(maxSeq, row.Seq);
        }
        return new Snapshot(generation, maxSeq, count, dimensions, [.. ids], [.. vectors]);
    }

    private static T[] Grown<T>(T[] chunk, int length)
    {
        var grown = new T[length];
        chunk.CopyTo(grown, 0);
        return grown;
    }

    private void Evict()
    {
        var total = _entries.Values.Sum(e => e.Current?.Bytes ?? 0);
        foreach (var (key, entry) in _entries.OrderBy(e => e.Value.LastUsed))
        {
            if (total <= MaxBytes)
            {
                return;
            }
            if (_entries.TryRemove(key, out var removed))
            {
                total -= removed.Current?.Bytes ?? 0;
            }
        }
    }

    private static async Task<Generation?> ReadGenerationAsync(MirixDbContext db, Key key, CancellationToken ct)
    {
        var rows = await db.Database.SqlQueryRaw<Generation>(
            "SELECT generation AS value, row_count, deletions FROM embedding_generations WHERE " + OfSet,
            key.OrganizationId, key.UserId, key.MemoryType, key.Field, key.Model).ToListAsync(ct);
        return rows.Count == 0 ? null : rows[0];
    }

    private static Task<List<Row>> ReadRowsAsync(MirixDbContext db, Key key, long? afterSeq, CancellationToken ct)
    {
        // The column name is one of two constants; every value is a parameter.
        var seq = db.Database.IsNpgsql() ? "seq" : "rowid";
#pragma warning disable EF1003
        return db.Database.SqlQueryRaw<Row>(
            $"SELECT memory_id, vector, {seq} AS seq FROM memory_embeddings "
            + "WHERE " + OfSet + " AND " + seq + " > {5} "
            + "ORDER BY " + seq,
            key.OrganizationId, key.UserId, key.MemoryType, key.Field, key.Model, afterSeq ?? long.MinValue).ToListAsync(ct);
#pragma warning restore EF1003
    }

    /// <summary>Orders the kept hits worst first (lowest score, then highest id), so the queue drops the worst.</summary>
    private sealed class WorstFirst : IComparer<(double Score, string Id)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((double Score, string Id) x, (double Score, string Id) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(y.Id, x.Id);
        }
    }
}
