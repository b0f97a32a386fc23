using System.Numerics.Tensors;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Storage;

namespace Mirix.Core.Retrieval.Vector;

/// <summary>
/// Where the database cannot rank vectors (SQLite, PostgreSQL without pgvector), one user's vectors of one memory type,
/// field and model (a vector set) are kept in memory as one-bit codes (<see cref="BinaryCodes"/> relative to the set's
/// centroid, with their scale factors and set bits: 56 bytes for 384 dimensions instead of 1,536) with each vector's row
/// key, and scanned 64 codes at a time (<see cref="CodeBlocks"/>) for candidates;
/// the best <see cref="Candidates"/> are rescored with their exact float vectors, read from the database by that key.
/// Each search first reads the set's row in <c>embedding_generations</c> (one key lookup): an unchanged generation means
/// the copy is current; appended rows are read by <c>seq</c>; after a removal, or when the count shows a row was missed
/// (a transaction that committed out of <c>seq</c> order), the set is read again whole. Sets are evicted,
/// least recently used first, beyond <see cref="MaxBytes"/>.
/// </summary>
public sealed class VectorSetCache(TimeProvider time)
{
    public const long MaxBytes = 1L << 30;
    private const int ChunkSize = 4096;
    private const int MinChunk = CodeBlocks.Size;

    /// <summary>The rows of one vector set, with the <see cref="Key"/>'s parts as parameters {0}-{4}.</summary>
    private const string OfSet = "organization_id = {0} AND user_id = {1} AND memory_type = {2} AND field = {3} AND model = {4}";

    public sealed record Key(string OrganizationId, string UserId, string MemoryType, string Field, string Model);

    internal sealed record Generation(long Value, long RowCount, long Deletions);

    private sealed record Row(string MemoryId, byte[] Vector, long Seq);

    /// <summary>
    /// A set as of one generation: ids, codes (in <see cref="CodeBlocks"/>), their set bits and scale factors in chunks of
    /// up to <see cref="ChunkSize"/> vectors (whole blocks), coded relative to the centroid of the set as it was first
    /// read whole; its first <c>Count</c> never change.
    /// </summary>
    internal sealed record Snapshot(
        Generation Generation, long MaxSeq, int Count, int Dimensions, float[] Centroid, int CentredOn, string[][] Ids, long[][] Seqs, byte[][] Codes,
        float[][] Counts, float[][] Factors, long IdBytes)
    {
        public int CodeBytes => BinaryCodes.BytesFor(Dimensions);

        /// <summary>
        /// Codes, counts, factors and row keys exactly (64 bytes for 384 dimensions); each id as a string object (header,
        /// length, UTF-16) and its reference.
        /// </summary>
        public long Bytes => ((long)Count * (CodeBytes + sizeof(float) + sizeof(float) + sizeof(long) + IntPtr.Size)) + IdBytes;
    }

    private readonly CurrentCopies<Key, Generation, Snapshot> _sets = new(time, MaxBytes, snapshot => snapshot.Bytes);

    /// <summary>What the cached sets hold, about.</summary>
    public long Bytes => _sets.Bytes;

    /// <summary>
    /// How many of the codes' best candidates are rescored exactly for <paramref name="limit"/> results: enough for a
    /// recall@10 of at least 0.99 against the exact scan (tested), few enough to read by key in a few milliseconds.
    /// </summary>
    public static int Candidates(int limit) => (2 * limit) + 90;

    /// <summary>What a search takes the nearest vectors for.</summary>
    public enum Use
    {
        /// <summary>Its results: the nearest, as exactly as <see cref="Candidates"/> promises.</summary>
        Results,

        /// <summary>
        /// One signal's pool, fused with another's (hybrid search): every member needs its exact score, but which
        /// memories fill the pool's tail barely moves the fused ranking, so only the pool itself is rescored.
        /// </summary>
        FusionPool,
    }

    /// <summary>
    /// How many candidates are rescored exactly for <paramref name="limit"/> nearest: for results, <see cref="Candidates"/>
    /// at most <paramref name="limit"/> + 150, as each exact vector is a key lookup; for a fusion pool, the pool alone. A
    /// hybrid search's pool of 300 rescored 450 before: LoCoMo hybrid recall@10 0.759 with 300 against 0.758, while those
    /// 150 vectors are a third of that statement's cost (1.6-2.2 ms of PostgreSQL's CPU for 450, measured alone).
    /// </summary>
    public static int ExactCount(int limit, Use use) => use == Use.FusionPool ? limit : Math.Min(Candidates(limit), limit + 150);

    /// <summary>
    /// How many of <paramref name="limit"/> nearest must be visible before a search stops reading further down the set:
    /// all of them for results; three quarters of a fusion pool, which rescores only itself, as its tail barely moves the
    /// fused ranking and the next pass rescores four times as many vectors.
    /// </summary>
    public static int Enough(int limit, Use use) => use == Use.FusionPool ? ((3 * limit) + 3) / 4 : limit;

    /// <summary>
    /// A vector set as one search found it: checked against its generation once, then ranked as often as the search reads
    /// further down. A search can check it while its query is still being embedded.
    /// </summary>
    public sealed class Current
    {
        internal Current(Key key, Snapshot? snapshot) => (Key, Snapshot) = (key, snapshot);

        public Key Key { get; }

        internal Snapshot? Snapshot { get; }
    }

    /// <summary>The set of <paramref name="key"/> as it is now: one key lookup when the cached copy is current.</summary>
    public async Task<Current> CurrentAsync(MirixDbContext db, Key key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        using var timing = SearchStages.Time(SearchStages.VectorSet);
        return new(key, await SnapshotAsync(db, key, ct));
    }

    /// <summary>The nearest rows, and whether the set holds further candidates that could follow them.</summary>
    public sealed record Nearest<TRow>(List<(TRow Row, double Score)> Rows, bool More);

    /// <summary>
    /// The <paramref name="limit"/> vectors of the set nearest to <paramref name="query"/> (cosine similarity, vectors are
    /// unit length), nearest first, closer than <paramref name="maxDistance"/> when given: the codes' best
    /// <see cref="ExactCount"/> candidates rescored with their exact vectors, read by the key the set holds for them. The
    /// caller's rows are then read for the best only (<paramref name="readVisibleAsync"/> leaves out the memories the
    /// caller may not see), further down the exact ranking while too few pass.
    /// </summary>
    public static async Task<Nearest<TRow>> NearestAsync<TRow>(
        MirixDbContext db, Current set, float[] query, double? maxDistance, int limit, Use use,
        Func<List<string>, CancellationToken, Task<Dictionary<string, TRow>>> readVisibleAsync, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(readVisibleAsync);
        var (key, snapshot) = (set.Key, set.Snapshot);
        if (snapshot is null || snapshot.Count == 0 || snapshot.Dimensions != query.Length)
        {
            return new([], false);
        }
        List<Candidate> candidates;
        using (SearchStages.Time(SearchStages.VectorScan))
        {
            candidates = BestEstimates(snapshot, new BinaryCodes.Query(query), ExactCount(limit, use));
        }
        using var rescoring = SearchStages.Time(SearchStages.VectorRescore);
        var more = candidates.Count < snapshot.Count;
        var scored = new List<(string Id, double Score)>(candidates.Count);
        foreach (var exact in await ReadVectorsAsync(db, key, candidates, ct))
        {
            if (exact.Vector.Length != query.Length * sizeof(float))
            {
                continue;
            }
            double score = TensorPrimitives.Dot(query, MemoryIndexer.FromBytes(exact.Vector));
            if (maxDistance is { } max && 1 - score >= max)
            {
                more = false; // the candidates not read are farther still
                continue;
            }
            scored.Add((exact.MemoryId, score));
        }
        var ranked = scored.OrderByDescending(n => n.Score).ThenBy(n => n.Id, StringComparer.Ordinal).ToList();
        var nearest = new List<(TRow Row, double Score)>(Math.Min(limit, ranked.Count));
        for (var next = 0; nearest.Count < limit && next < ranked.Count;)
        {
            // Rows hidden from the caller are rare: ask for as many as are missing, then twice that.
            var batch = ranked.GetRange(next, Math.Min(ranked.Count - next, Math.Max(limit - nearest.Count, 1) * (next == 0 ? 1 : 2)));
            next += batch.Count;
            var visible = await readVisibleAsync(batch.ConvertAll(b => b.Id), ct);
            foreach (var (id, score) in batch)
            {
                if (nearest.Count < limit && visible.TryGetValue(id, out var row))
                {
                    nearest.Add((row, score));
                }
            }
        }
        return new(nearest, more);
    }

    private readonly record struct Candidate(string Id, long Seq);

    private sealed record ExactVector(string MemoryId, byte[] Vector);

    /// <summary>
    /// The candidates' exact vectors, read by the key the set holds for each: SQLite's rowid (one lookup each instead of
    /// one in the primary key's index and one in the table), PostgreSQL's <c>seq</c> through its own index (its
    /// three-column primary key took twice as long). A rowid can be reused after a removal, so the memory is checked too.
    /// </summary>
    private static async Task<List<ExactVector>> ReadVectorsAsync(MirixDbContext db, Key key, List<Candidate> candidates, CancellationToken ct)
    {
        var expected = candidates.ToDictionary(c => c.Seq, c => c.Id);
        var found = db.Database.IsNpgsql()
            ? await db.Database.SqlQueryRaw<ExactVectorAt>(
                "SELECT seq, memory_id, vector FROM memory_embeddings WHERE seq = ANY({0}) AND field = {1} AND model = {2}",
                candidates.ConvertAll(c => c.Seq).ToArray(), key.Field, key.Model).ToListAsync(ct)
            : await db.Database.SqlQueryRaw<ExactVectorAt>(
                "SELECT rowid AS seq, memory_id, vector FROM memory_embeddings WHERE rowid IN (SELECT value FROM json_each({0})) AND field = {1} AND model = {2}",
                JsonSerializer.Serialize(candidates.ConvertAll(c => c.Seq)), key.Field, key.Model).ToListAsync(ct);
        return [.. found.Where(f => expected.TryGetValue(f.Seq, out var id) && id == f.MemoryId).Select(f => new ExactVector(f.MemoryId, f.Vector))];
    }

    private sealed record ExactVectorAt(long Seq, string MemoryId, byte[] Vector);

    /// <summary>The <paramref name="count"/> codes with the highest estimated similarity, best first.</summary>
    private static List<Candidate> BestEstimates(Snapshot snapshot, BinaryCodes.Query query, int count)
    {
        var best = new PriorityQueue<int, float>(count + 1);
        var codeBytes = snapshot.CodeBytes;
        var worst = float.NegativeInfinity;
        Span<float> estimates = stackalloc float[CodeBlocks.Size];
        for (var first = 0; first < snapshot.Count; first += CodeBlocks.Size)
        {
            var (chunk, slot) = (first / ChunkSize, first % ChunkSize);
            CodeBlocks.Estimate(
                query, codeBytes, snapshot.Codes[chunk].AsSpan(slot * codeBytes, CodeBlocks.Size * codeBytes),
                snapshot.Counts[chunk].AsSpan(slot, CodeBlocks.Size), snapshot.Factors[chunk].AsSpan(slot, CodeBlocks.Size), estimates);
            for (var j = 0; j < Math.Min(CodeBlocks.Size, snapshot.Count - first); j++)
            {
                var estimate = estimates[j];
                // Most codes are worse than the worst kept one: skip them without touching the queue.
                if (best.Count == count && estimate <= worst)
                {
                    continue;
                }
                best.Enqueue(first + j, estimate);
                if (best.Count > count)
                {
                    best.Dequeue();
                    best.TryPeek(out _, out worst);
                }
            }
        }
        var found = new List<Candidate>(best.Count);
        while (best.TryDequeue(out var i, out _))
        {
            found.Add(new(snapshot.Ids[i / ChunkSize][i % ChunkSize], snapshot.Seqs[i / ChunkSize][i % ChunkSize]));
        }
        found.Reverse();
        return found;
    }

    private async Task<Snapshot?> SnapshotAsync(MirixDbContext db, Key key, CancellationToken ct)
    {
        var generation = await ReadGenerationAsync(db, key, ct);
        if (generation is null)
        {
            return null;
        }
        return await _sets.GetAsync(key, generation, async cached =>
        {
            if (cached?.Value is { } current && current.Generation.Deletions == generation.Deletions)
            {
                var extended = Append(current, generation, await ReadRowsAsync(db, key, current.MaxSeq, ct));
                // A row committed after one with a higher seq is missed by reading from MaxSeq: the count tells. A set that
                // has more than doubled since its centroid was taken is read whole again, to code it around a current one.
                if (extended.Count == generation.RowCount && extended.Count <= (2 * extended.CentredOn) + MinChunk)
                {
                    return extended;
                }
            }
            return Append(null, generation, await ReadRowsAsync(db, key, afterSeq: null, ct));
        }, ct);
    }

    private static Snapshot Append(Snapshot? current, Generation generation, List<Row> rows)
    {
        var dimensions = current?.Dimensions ?? (rows.Count > 0 ? rows[0].Vector.Length / sizeof(float) : 0);
        var codeBytes = BinaryCodes.BytesFor(dimensions);
        var centroid = current?.Centroid ?? Centroid(rows, dimensions);
        var centredOn = current?.CentredOn ?? rows.Count;
        var idBytes = current?.IdBytes ?? 0;
        var count = current?.Count ?? 0;
        var ids = new List<string[]>(current?.Ids ?? []);
        var seqs = new List<long[]>(current?.Seqs ?? []);
        var codes = new List<byte[]>(current?.Codes ?? []);
        var counts = new List<float[]>(current?.Counts ?? []);
        var sums = new List<float[]>(current?.Factors ?? []);
        var code = new byte[codeBytes];
        var maxSeq = current?.MaxSeq ?? 0;
        // Chunks are shared with the older snapshot and written only past its Count: its readers scan the last block whole
        // but keep only the estimates of its first Count. The last chunk grows by doubling, in whole blocks, so a set of
        // ten vectors holds one block, not a full chunk, and an append copies no more than the set already holds.
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
                var capacity = WholeBlocks(Math.Clamp(remaining + 1, MinChunk, ChunkSize));
                ids.Add(new string[capacity]);
                seqs.Add(new long[capacity]);
                codes.Add(new byte[capacity * codeBytes]);
                counts.Add(new float[capacity]);
                sums.Add(new float[capacity]);
            }
            else if (slot == ids[^1].Length)
            {
                var capacity = WholeBlocks(Math.Min(ChunkSize, Math.Max(slot * 2, slot + remaining + 1)));
                ids[^1] = Grown(ids[^1], capacity);
                seqs[^1] = Grown(seqs[^1], capacity);
                codes[^1] = Grown(codes[^1], capacity * codeBytes);
                counts[^1] = Grown(counts[^1], capacity);
                sums[^1] = Grown(sums[^1], capacity);
            }
            ids[^1][slot] = row.MemoryId;
            seqs[^1][slot] = row.Seq;
            idBytes += 22 + (2L * row.MemoryId.Length);
            sums[^1][slot] = BinaryCodes.Encode(MemoryIndexer.FromBytes(row.Vector), centroid, code);
            CodeBlocks.Write(codes[^1], slot, code);
            counts[^1][slot] = CodeBlocks.Count(code);
            count++;
            maxSeq = Math.Max(maxSeq, row.Seq);
        }
        return new Snapshot(generation, maxSeq, count, dimensions, centroid, centredOn, [.. ids], [.. seqs], [.. codes], [.. counts], [.. sums], idBytes);
    }

    private static int WholeBlocks(int slots) => (slots + CodeBlocks.Size - 1) / CodeBlocks.Size * CodeBlocks.Size;

    private static float[] Centroid(List<Row> rows, int dimensions)
    {
        var centroid = new float[dimensions];
        var count = 0;
        foreach (var row in rows.Where(r => r.Vector.Length == dimensions * sizeof(float)))
        {
            TensorPrimitives.Add(centroid, MemoryIndexer.FromBytes(row.Vector), centroid);
            count++;
        }
        if (count > 0)
        {
            TensorPrimitives.Divide(centroid, count, centroid);
        }
        return centroid;
    }

    private static T[] Grown<T>(T[] chunk, int length)
    {
        var grown = new T[length];
        chunk.CopyTo(grown, 0);
        return grown;
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
}
