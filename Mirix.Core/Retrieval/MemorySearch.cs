using System.Linq.Expressions;
using System.Numerics.Tensors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Retrieval.FullText;
using Mirix.Core.Retrieval.Vector;
using Mirix.Core.Storage;

namespace Mirix.Core.Retrieval;

/// <summary>
/// Searches one memory type with MIRIX's methods: <c>embedding</c> (cosine over the stored vectors of one model, optional
/// distance threshold), <c>bm25</c>, <c>string_match</c> and <c>fuzzy_match</c>; an empty query lists the most recent.
/// Every method applies the same tenant, user, scope, expiry, tag and date filters, and high-sensitivity secrets are never
/// matched by their value.
/// </summary>
public sealed class MemorySearch(
    MirixDbContext db, MemoryIndexer indexer, FullTextSearch fullText, TermIndexCache termIndexes, PgVectorSearch pgVector, VectorSetCache vectorSets,
    TimeProvider time, IServiceScopeFactory scopes)
{
    public static readonly IReadOnlyList<string> Methods = ["embedding", "bm25", "hybrid", "string_match", "fuzzy_match"];

    /// <summary>
    /// Weight of the embedding signal against full text (1) when hybrid search adds their normalised scores. Measured on
    /// LoCoMo with all-MiniLM-L6-v2, see docs/benchmarks/README.md.
    /// </summary>
    public const double EmbeddingWeight = 0.7;

    /// <summary>Share of the best nearby memory's fused score a hybrid hit gains; 0 turns neighbour context off.</summary>
    public const double NeighbourWeight = 0.5;

    /// <summary>How far (in memories of the same time) neighbour context reaches; a neighbour d away counts 1/d.</summary>
    public const int NeighbourWindow = 2;

    /// <summary>How many of each signal's best hits hybrid search fuses (at least the limit).</summary>
    public const int FusionPool = 300;

    public sealed record Request(
        string OrganizationId, string? UserId, IReadOnlyList<string>? Scopes, string MemoryType, string Field, string Method, string Text,
        int Limit, FilterTagsFilter Tags, double? SimilarityThreshold = null, DateTime? Start = null, DateTime? End = null,
        bool IncludeSuperseded = false);

    /// <summary>
    /// A found memory; <see cref="Score"/> is the cosine similarity, the BM25 score, the fused score or the match ratio
    /// (null when listing recent). <see cref="Signals"/> holds each signal's score and rank for hybrid search.
    /// </summary>
    public sealed record Hit(MemoryItem Item, double? Score, IReadOnlyDictionary<string, double>? Signals = null);

    public Task<List<Hit>> SearchAsync(Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.MemoryType switch
        {
            "episodic" => SearchAsync(db.EpisodicEvents, request, ct),
            "semantic" => SearchAsync(db.SemanticItems, request, ct),
            "procedural" => SearchAsync(db.ProceduralItems, request, ct),
            "resource" => SearchAsync(db.ResourceItems, request, ct),
            "knowledge_vault" => SearchAsync(db.KnowledgeVaultItems, request, ct),
            "raw" => SearchAsync(db.RawMemories, request, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.MemoryType, "Unknown memory type."),
        };
    }

    /// <summary>How many memories of the type the request may see (its text, method and limit play no part).</summary>
    public Task<int> CountAsync(Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.MemoryType switch
        {
            "episodic" => Candidates(db.EpisodicEvents, request).CountAsync(ct),
            "semantic" => Candidates(db.SemanticItems, request).CountAsync(ct),
            "procedural" => Candidates(db.ProceduralItems, request).CountAsync(ct),
            "resource" => Candidates(db.ResourceItems, request).CountAsync(ct),
            "knowledge_vault" => Candidates(db.KnowledgeVaultItems, request).CountAsync(ct),
            "raw" => Candidates(db.RawMemories, request).CountAsync(ct),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.MemoryType, "Unknown memory type."),
        };
    }

    /// <summary>
    /// The requests whose type holds any memory of their user, asked in one round trip: most users hold only some types,
    /// and skipping the empty ones costs a fraction of the searches that would find nothing. Only organization and user
    /// are asked (a small query, cheap to prepare): a type holding only memories the request may not see is kept, and its
    /// search then finds nothing.
    /// </summary>
    public async Task<IReadOnlyList<Request>> WithMemoriesAsync(IReadOnlyList<Request> requests, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return [];
        }
        var probes = requests.Select((request, i) => request.MemoryType switch
        {
            "episodic" => Probe(db.EpisodicEvents, request, i),
            "semantic" => Probe(db.SemanticItems, request, i),
            "procedural" => Probe(db.ProceduralItems, request, i),
            "resource" => Probe(db.ResourceItems, request, i),
            "knowledge_vault" => Probe(db.KnowledgeVaultItems, request, i),
            "raw" => Probe(db.RawMemories, request, i),
            _ => throw new ArgumentOutOfRangeException(nameof(requests), request.MemoryType, "Unknown memory type."),
        }).ToList();
        var found = await probes.Skip(1).Aggregate(probes[0], (all, probe) => all.Concat(probe)).ToListAsync(ct);
        return [.. found.Order().Select(i => requests[i])];
    }

    /// <summary>The request's position when its user holds at least one memory of the type, else nothing.</summary>
    private static IQueryable<int> Probe<T>(DbSet<T> set, Request request, int position) where T : MemoryItem
    {
        var (organizationId, userId) = (request.OrganizationId, request.UserId);
        var rows = set.Where(m => m.OrganizationId == organizationId);
        if (userId is not null)
        {
            rows = rows.Where(m => m.UserId == userId);
        }
        return rows.Select(_ => position).Take(1);
    }

    private IQueryable<T> Candidates<T>(DbSet<T> set, Request request) where T : MemoryItem =>
        Filter(set.WhereTags(db, request.Tags).AsNoTracking()
            .Visible(request.OrganizationId, request.UserId, request.Scopes, time.GetUtcNow().UtcDateTime, request.IncludeSuperseded), request);

    private async Task<List<Hit>> SearchAsync<T>(DbSet<T> set, Request request, CancellationToken ct) where T : MemoryItem
    {
        var candidates = Candidates(set, request);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            var recent = await Recent(candidates).Take(request.Limit).ToListAsync(ct);
            return recent.ConvertAll(m => new Hit(m, null));
        }
        return request.Method switch
        {
            "embedding" => await HitsAsync(candidates, Unexplained(await ByEmbeddingAsync(candidates, request, index: null, VectorSetCache.Use.Results, ct)), ct),
            "hybrid" => await HybridAsync(candidates, request, ct),
            "bm25" => await HitsAsync(candidates, Unexplained(await Bm25Async(candidates, request, ct)), ct),
            _ => await ByMatchAsync(candidates, request, ct),
        };
    }

    /// <summary>
    /// A memory as the ranked methods see it: enough to rank, fuse, order in time and break ties. The rows a search
    /// returns are read whole once it knows them; its pools (hundreds of rows in a hybrid search) never are.
    /// </summary>
    private sealed class PoolRow
    {
        public required string Id { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? OccurredAt { get; init; }
    }

    private static class PoolRowOf<T> where T : MemoryItem
    {
        public static readonly Expression<Func<T, PoolRow>> Projection = Build(MemoryKinds.For<T>().OccurredAtColumn);

        private static Expression<Func<T, PoolRow>> Build(Expression<Func<T, DateTime?>> occurredAt)
        {
            var row = occurredAt.Parameters[0];
            return Expression.Lambda<Func<T, PoolRow>>(
                Expression.MemberInit(
                    Expression.New(typeof(PoolRow)),
                    Expression.Bind(typeof(PoolRow).GetProperty(nameof(PoolRow.Id))!, Expression.Property(row, nameof(MemoryItem.Id))),
                    Expression.Bind(typeof(PoolRow).GetProperty(nameof(PoolRow.CreatedAt))!, Expression.Property(row, nameof(MemoryItem.CreatedAt))),
                    Expression.Bind(typeof(PoolRow).GetProperty(nameof(PoolRow.OccurredAt))!, occurredAt.Body)),
                row);
        }
    }

    private static IQueryable<PoolRow> PoolRows<T>(IQueryable<T> candidates) where T : MemoryItem => candidates.Select(PoolRowOf<T>.Projection);

    /// <summary>
    /// Fuses the best full-text and embedding hits of the candidates: each signal's scores are scaled to 0..1 within its
    /// own hits (min-max), then added with <see cref="EmbeddingWeight"/> (CombSUM: it beat reciprocal rank fusion by 0.03
    /// recall@10 on LoCoMo, because it keeps how far ahead a strong match is). Each hit explains both signals.
    /// </summary>
    private async Task<List<Hit>> HybridAsync<T>(IQueryable<T> candidates, Request request, CancellationToken ct) where T : MemoryItem
    {
        // The whole pool is scored exactly: with estimated scores in its tail, LoCoMo recall@10 fell from 0.744 to 0.741.
        var pool = request with { Limit = Math.Max(request.Limit, FusionPool) };
        // The two signals run at once: full text waits on the database while the query is embedded and the vectors
        // scanned, on a context of its own (a context serves one query at a time). Both judge their pools by the term index.
        var index = AfterYieldingAsync(() => TermIndexAsync(pool, ct));
        var lexicalSearch = ByFullTextAsync(candidates, pool, FullTextSearch.Terms.Any, index, ct);
        var denseSearch = ByEmbeddingInOwnScopeAsync<T>(pool, index, ct);
        await Task.WhenAll(lexicalSearch, denseSearch);
        var lexical = await lexicalSearch;
        var dense = await denseSearch;
        var fused = new Dictionary<string, Fused>(StringComparer.Ordinal);
        void Add(List<(PoolRow Row, double Score)> ranking, bool fullText, double weight)
        {
            if (ranking.Count == 0)
            {
                return;
            }
            var max = ranking.Max(h => h.Score);
            var min = ranking.Min(h => h.Score);
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var (row, score) = ranking[rank];
                if (!fused.TryGetValue(row.Id, out var entry))
                {
                    entry = new Fused(row);
                    fused[row.Id] = entry;
                }
                entry.Signal(fullText, score, rank + 1);
                var normalised = max > min ? (score - min) / (max - min) : 1;
                entry.FusedScore += weight * normalised;
            }
        }
        Add(lexical, fullText: true, 1);
        Add(dense, fullText: false, EmbeddingWeight);
        AddNeighbourContext([.. fused.Values]);
        var best = fused.Values
            .OrderByDescending(s => s.Score).ThenBy(s => s.Row.Id, StringComparer.Ordinal)
            .Take(request.Limit)
            .Select(s => (s.Row.Id, s.Score, (IReadOnlyDictionary<string, double>?)s.Signals()))
            .ToList();
        return await HitsAsync(candidates, best, ct);
    }

    /// <summary>
    /// Returns to the caller before <paramref name="search"/> starts: SQLite's provider runs a query inside its async
    /// methods before they return, so without this the full-text query ran to its end before the embedding search began.
    /// </summary>
    private static async Task<TResult> AfterYieldingAsync<TResult>(Func<Task<TResult>> search)
    {
        await Task.Yield();
        return await search();
    }

    private async Task<List<(PoolRow Row, double Score)>> ByEmbeddingInOwnScopeAsync<T>(Request request, Task<TermIndex?> index, CancellationToken ct)
        where T : MemoryItem
    {
        await using var scope = scopes.CreateAsyncScope();
        var other = scope.ServiceProvider.GetRequiredService<MemorySearch>();
        return await other.ByEmbeddingAsync<T>(request, index, ct);
    }

    private Task<List<(PoolRow Row, double Score)>> ByEmbeddingAsync<T>(Request request, Task<TermIndex?> index, CancellationToken ct) where T : MemoryItem =>
        ByEmbeddingAsync(Candidates(db.Set<T>(), request), request, index, VectorSetCache.Use.FusionPool, ct);

    /// <summary>The user's term index of the request's type and field; null for a search across users or a user beyond the index's limit.</summary>
    private async Task<TermIndex?> TermIndexAsync(Request request, CancellationToken ct) =>
        request.UserId is { } userId ? await termIndexes.CurrentAsync(db, new(request.OrganizationId, userId, request.MemoryType, request.Field), ct) : null;

    /// <summary>
    /// A memory of either pool as hybrid search fuses it. Its signals become a dictionary only if it is among the results,
    /// not for each of the 500-600 pool members a search fuses.
    /// </summary>
    private sealed class Fused(PoolRow row)
    {
        public PoolRow Row { get; } = row;

        /// <summary>Each signal's score and 1-based rank, in the order the signals were added.</summary>
        private readonly List<(string Name, double Score, int Rank)> _signals = new(2);

        public double FusedScore { get; set; }

        public double Neighbour { get; set; }

        public double Score { get; set; }

        public void Signal(bool fullText, double score, int rank) => _signals.Add((fullText ? "bm25" : "embedding", score, rank));

        /// <summary>Each signal with its rank, then the fused, neighbour and final scores (the first signal's keys lead).</summary>
        public Dictionary<string, double> Signals()
        {
            var signals = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, score, rank) in _signals)
            {
                signals[name] = score;
                signals[name + "_rank"] = rank;
                signals.TryAdd("fused", 0);
            }
            signals["fused"] = FusedScore;
            signals["neighbour"] = Neighbour;
            signals["score"] = Score;
            return signals;
        }
    }

    /// <summary>
    /// Conversation turns answer the turns before them: a timed memory (raw or episodic) near a strong match in time order,
    /// at the same time, gains part of that neighbour's fused score (<see cref="NeighbourWeight"/>, divided by the distance,
    /// up to <see cref="NeighbourWindow"/>; measured on LoCoMo).
    /// </summary>
    private static void AddNeighbourContext(List<Fused> scored)
    {
        var ordered = scored.OrderBy(s => s.Row.OccurredAt).ThenBy(s => s.Row.CreatedAt).ThenBy(s => s.Row.Id, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var best = 0.0;
            if (ordered[i].Row.OccurredAt is { } at)
            {
                for (var distance = 1; distance <= NeighbourWindow; distance++)
                {
                    foreach (var j in (ReadOnlySpan<int>)[i - distance, i + distance])
                    {
                        if (j >= 0 && j < ordered.Count && ordered[j].Row.OccurredAt == at)
                        {
                            best = Math.Max(best, ordered[j].FusedScore / distance);
                        }
                    }
                }
            }
            ordered[i].Neighbour = best;
            ordered[i].Score = ordered[i].FusedScore + (NeighbourWeight * best);
        }
    }

    /// <summary>MIRIX's full-text order: memories with every term first; all terms are optional when too few have them.</summary>
    private async Task<List<(PoolRow Row, double Score)>> Bm25Async<T>(IQueryable<T> candidates, Request request, CancellationToken ct) where T : MemoryItem
    {
        var index = TermIndexAsync(request, ct);
        var all = await ByFullTextAsync(candidates, request, FullTextSearch.Terms.All, index, ct);
        return all.Count >= Math.Min(request.Limit, 10) ? all : await ByFullTextAsync(candidates, request, FullTextSearch.Terms.Any, index, ct);
    }

    /// <summary>Full-text search ranked by the user's term index when <paramref name="index"/> brings one, else by the database.</summary>
    private async Task<List<(PoolRow Row, double Score)>> ByFullTextAsync<T>(
        IQueryable<T> candidates, Request request, FullTextSearch.Terms terms, Task<TermIndex?> index, CancellationToken ct) where T : MemoryItem
    {
        using var timing = SearchStages.Time(SearchStages.FullText);
        if (await index is { } termIndex)
        {
            return await ByTermIndexAsync(candidates, request, termIndex, IndexedPool.For(termIndex, request, time), terms, ct);
        }
        for (var ranked = true; ; ranked = false)
        {
            var matches = await fullText.MatchesAsync(
                request.MemoryType, request.Field, request.OrganizationId, request.UserId, request.Text, terms, request.Limit, ct, ranked);
            if (matches is null)
            {
                return [];
            }
            var hits = await PoolRows(candidates)
                .Join(matches.Query, m => m.Id, match => match.MemoryId, (m, match) => new { Row = m, match.Score })
                .OrderByDescending(x => x.Score).ThenByDescending(x => x.Row.CreatedAt).ThenBy(x => x.Row.Id)
                .Take(request.Limit)
                .ToListAsync(ct);
            // The index's best matches were too few once scope, tags, expiry or dates had their say: rank them all.
            if (hits.Count >= request.Limit || !await FullTextSearch.FilledPoolAsync(matches, request.Limit, ct))
            {
                return hits.ConvertAll(x => (x.Row, x.Score));
            }
        }
    }

    /// <summary>
    /// A user's full-text search, ranked by the user's in-process <see cref="TermIndex"/>: its best matches are judged
    /// (<see cref="VisibleAsync"/>), as many as the limit first, then four times as many while too few pass the filters
    /// (each once: the index ranks in a fixed order, so each pass extends the last). Where rows are read, they are the
    /// cost, not ranking, so no margin is read ahead.
    /// </summary>
    private static async Task<List<(PoolRow Row, double Score)>> ByTermIndexAsync<T>(
        IQueryable<T> candidates, Request request, TermIndex index, IndexedPool? indexed, FullTextSearch.Terms matching, CancellationToken ct)
        where T : MemoryItem
    {
        var terms = TextScoring.Tokens(request.Text).Distinct().Select(PorterStemmer.Term).ToList();
        var rows = new Dictionary<string, PoolRow>(StringComparer.Ordinal);
        var read = 0;
        for (var count = Math.Max(request.Limit, 1); ; count = count > int.MaxValue / 4 ? int.MaxValue : count * 4)
        {
            var best = index.Best(terms, count, everyTerm: matching == FullTextSearch.Terms.All);
            if (best.Count > read)
            {
                foreach (var (id, row) in await VisibleAsync(PoolRows(candidates), best.GetRange(read, best.Count - read).ConvertAll(b => b.MemoryId), indexed, ct))
                {
                    rows[id] = row;
                }
                read = best.Count;
            }
            var hits = best.Where(b => rows.ContainsKey(b.MemoryId))
                .Select(b => (Row: rows[b.MemoryId], b.Score))
                .OrderByDescending(h => h.Score).ThenByDescending(h => h.Row.CreatedAt).ThenBy(h => h.Row.Id, StringComparer.Ordinal)
                .Take(request.Limit)
                .ToList();
            if (hits.Count >= request.Limit || best.Count < count)
            {
                return hits;
            }
        }
    }

    /// <summary>
    /// Embedding search; <paramref name="index"/>, when given, brings the user's term index to judge the pool by (a hybrid
    /// search reads it anyway; a search by embedding alone does not build one). <paramref name="use"/> says whether the
    /// hits are the results or hybrid's pool.
    /// </summary>
    private async Task<List<(PoolRow Row, double Score)>> ByEmbeddingAsync<T>(
        IQueryable<T> candidates, Request request, Task<TermIndex?>? index, VectorSetCache.Use use, CancellationToken ct)
        where T : MemoryItem
    {
        if (indexer.Model is not { } model)
        {
            return [];
        }
        var indexed = await pgVector.IsAvailableAsync(ct);
        // The user's vector set is checked against its generation while the query is embedded: the check waits on the
        // database, the model works on the CPU (0.7 ms of a hybrid search's critical path on PostgreSQL).
        var set = !indexed && request.UserId is { } userId
            ? vectorSets.CurrentAsync(db, new(request.OrganizationId, userId, request.MemoryType, request.Field, model), ct)
            : null;
        var embedding = EmbedQueryAsync(request.Text, ct);
        if (set is not null)
        {
            await Task.WhenAll(set, embedding);
        }
        if (await embedding is not { } query)
        {
            return [];
        }
        var rows = PoolRows(candidates);
        async Task<Dictionary<string, PoolRow>> VisibleRowsAsync(List<string> ids, CancellationToken token) =>
            await VisibleAsync(rows, ids, index is null ? null : IndexedPool.For(await index, request, time), token);
        // MIRIX's threshold is a cosine distance (0 identical, 2 opposite); the vectors are unit length.
        if (indexed)
        {
            var vectors = new PgVectorSearch.Query(
                model, query, request.OrganizationId, request.UserId, request.MemoryType, request.Field, request.SimilarityThreshold);
            using var timing = SearchStages.Time(SearchStages.VectorIndex);
            return await NearestVisibleAsync(VisibleRowsAsync, request, async fetch =>
                (await pgVector.NearestAsync(vectors, fetch, ct)).ConvertAll(n => (n.MemoryId, n.Score)), ct);
        }
        if (set is not null)
        {
            return await NearestInSetAsync(VisibleRowsAsync, await set, query, request, use, ct);
        }
        using (SearchStages.Time(SearchStages.VectorScan))
        {
            return await InOrderAsync(VisibleRowsAsync, await NearestInProcessAsync(candidates, request, model, query, ct), ct);
        }
    }

    private async Task<float[]?> EmbedQueryAsync(string text, CancellationToken ct)
    {
        using var timing = SearchStages.Time(SearchStages.QueryEmbedding);
        return await indexer.EmbedQueryAsync(text, ct);
    }

    /// <summary>
    /// The cached vector set ranks the user's vectors and rescores its best candidates exactly; the rows of the nearest
    /// are read joined to the visible memories (scope, tags, expiry, dates, sensitivity), fetching further down the
    /// ranking until enough pass or the set ends. The first pass asks for the limit alone: the set reads further down
    /// its rescored candidates itself when rows are hidden, so a margin here only read more vectors and rows. What is
    /// enough depends on the use (<see cref="VectorSetCache.Enough"/>).
    /// </summary>
    private async Task<List<(PoolRow Row, double Score)>> NearestInSetAsync(
        VisibleRows visibleAsync, VectorSetCache.Current set, float[] query, Request request, VectorSetCache.Use use, CancellationToken ct)
    {
        var enough = VectorSetCache.Enough(request.Limit, use);
        for (var fetch = request.Limit; ; fetch *= 4)
        {
            var nearest = await VectorSetCache.NearestAsync(
                db, set, query, request.SimilarityThreshold, fetch, use, (ids, token) => visibleAsync(ids, token), ct);
            if (nearest.Rows.Count >= enough || !nearest.More)
            {
                return nearest.Rows.Count > request.Limit ? nearest.Rows[..request.Limit] : nearest.Rows;
            }
        }
    }

    /// <summary>How far down the ranking the first fetch reads for <paramref name="limit"/> results: some will not pass the filters.</summary>
    private static int FirstFetch(int limit) => limit + Math.Max(limit / 4, 40);

    /// <summary>
    /// pgvector ranks the tenant's vectors; the other filters (scope, tags, expiry, dates, sensitivity) are applied to what
    /// it returns, reading those rows once, and fetching further down the ranking until enough pass or it ends.
    /// </summary>
    private static async Task<List<(PoolRow Row, double Score)>> NearestVisibleAsync(
        VisibleRows visibleAsync, Request request, Func<int, Task<List<(string Id, double Score)>>> nearestAsync, CancellationToken ct)
    {
        for (var fetch = FirstFetch(request.Limit); ; fetch *= 4)
        {
            var nearest = await nearestAsync(fetch);
            var hits = await InOrderAsync(visibleAsync, nearest, ct);
            if (hits.Count >= request.Limit || nearest.Count < fetch)
            {
                return hits.Count > request.Limit ? hits[..request.Limit] : hits;
            }
        }
    }

    /// <summary>
    /// The exact scan for searches across users (<c>search_all_users</c>): every vector of the visible memories, read and
    /// compared in process with SIMD dot products.
    /// </summary>
    private async Task<List<(string Id, double Score)>> NearestInProcessAsync<T>(
        IQueryable<T> candidates, Request request, string model, float[] query, CancellationToken ct) where T : MemoryItem
    {
        var vectors = await db.MemoryEmbeddings.AsNoTracking()
            .Where(e => e.OrganizationId == request.OrganizationId && e.MemoryType == request.MemoryType && e.Field == request.Field
                && e.Model == model && (request.UserId == null || e.UserId == request.UserId))
            .Join(candidates.Select(m => m.Id), e => e.MemoryId, id => id, (e, _) => new { e.MemoryId, e.Vector })
            .ToListAsync(ct);
        return vectors
            .Select(v => (v.MemoryId, Score: (double)TensorPrimitives.Dot(query, MemoryIndexer.FromBytes(v.Vector))))
            .Where(v => request.SimilarityThreshold is not { } threshold || 1 - v.Score < threshold)
            .OrderByDescending(v => v.Score).ThenBy(v => v.MemoryId, StringComparer.Ordinal)
            .Take(request.Limit)
            .ToList();
    }

    private static async Task<List<Hit>> ByMatchAsync<T>(IQueryable<T> candidates, Request request, CancellationToken ct) where T : MemoryItem
    {
        var rows = await candidates.ToListAsync(ct);
        var texts = rows.ConvertAll(r => MemoryKinds.Of(r).Text(r, request.Field));
        double[] scores = request.Method == "string_match"
            ? texts.Select(t => t.Contains(request.Text, StringComparison.OrdinalIgnoreCase) ? 1.0 : 0.0).ToArray()
            : texts.Select(t => TextScoring.PartialRatio(t, request.Text)).ToArray();
        var minimum = request.Method == "fuzzy_match" ? 0.6 : 0.0;
        return rows.Select((row, i) => new Hit(row, scores[i]))
            .Where(h => h.Score > minimum)
            .OrderByDescending(h => h.Score).ThenByDescending(h => h.Item.CreatedAt)
            .Take(request.Limit)
            .ToList();
    }

    /// <summary>The visible rows among <paramref name="ranked"/>, in its order.</summary>
    private static async Task<List<(PoolRow Row, double Score)>> InOrderAsync(VisibleRows visibleAsync, List<(string Id, double Score)> ranked, CancellationToken ct)
    {
        var found = await visibleAsync(ranked.ConvertAll(r => r.Id), ct);
        return ranked.Where(r => found.ContainsKey(r.Id)).Select(r => (found[r.Id], r.Score)).ToList();
    }

    /// <summary>The rows of the ids the search may see, by id.</summary>
    private delegate Task<Dictionary<string, PoolRow>> VisibleRows(List<string> ids, CancellationToken ct);

    /// <summary>
    /// The rows of <paramref name="ids"/> the search may see, by id: judged by the term index for the memories it holds
    /// when it can apply the request's filters (<paramref name="indexed"/>), read through the filters otherwise.
    /// </summary>
    private static async Task<Dictionary<string, PoolRow>> VisibleAsync(IQueryable<PoolRow> rows, List<string> ids, IndexedPool? indexed, CancellationToken ct)
    {
        if (indexed is null)
        {
            return await rows.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, ct);
        }
        var visible = new Dictionary<string, PoolRow>(ids.Count, StringComparer.Ordinal);
        List<string>? unknown = null;
        foreach (var id in ids)
        {
            if (!indexed.TryJudge(id, out var row))
            {
                (unknown ??= []).Add(id);
            }
            else if (row is not null)
            {
                visible[id] = row;
            }
        }
        return unknown is null ? visible : new(visible.Concat(await VisibleAsync(rows, unknown, indexed: null, ct)), StringComparer.Ordinal);
    }

    private static List<(string Id, double Score, IReadOnlyDictionary<string, double>? Signals)> Unexplained(List<(PoolRow Row, double Score)> ranked) =>
        ranked.ConvertAll(r => (r.Row.Id, r.Score, (IReadOnlyDictionary<string, double>?)null));

    /// <summary>The answer: the ranked memories read whole, in order (one vanished since it was ranked is left out).</summary>
    private static async Task<List<Hit>> HitsAsync<T>(
        IQueryable<T> candidates, List<(string Id, double Score, IReadOnlyDictionary<string, double>? Signals)> ranked, CancellationToken ct)
        where T : MemoryItem
    {
        if (ranked.Count == 0)
        {
            return [];
        }
        using var timing = SearchStages.Time(SearchStages.Rows);
        var ids = ranked.ConvertAll(r => r.Id);
        var rows = await candidates.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, StringComparer.Ordinal, ct);
        return ranked.Where(r => rows.ContainsKey(r.Id)).Select(r => new Hit(rows[r.Id], r.Score, r.Signals)).ToList();
    }

    /// <summary>
    /// Judges pool members by the user's term index instead of reading a row for each: it holds every memory's dates,
    /// expiry, supersession and scope as of the generation the search checked (a change of any of them counts in it).
    /// Only for requests whose every filter it can apply: no tags, no secret values. A memory it does not hold (one
    /// newer than its copy) is read from the database, and the answer's rows are still read through every filter.
    /// </summary>
    private sealed class IndexedPool(TermIndex index, Request request, DateTime now)
    {
        public static IndexedPool? For(TermIndex? index, Request request, TimeProvider time) =>
            index is null || !request.Tags.IsEmpty || HidesSecrets(request) ? null : new(index, request, time.GetUtcNow().UtcDateTime);

        /// <summary>False when the index does not hold the memory; else its pool row, null when the request may not see it.</summary>
        public bool TryJudge(string id, out PoolRow? row)
        {
            if (!index.TryGetMemory(id, out var memory))
            {
                row = null;
                return false;
            }
            var visible = MemoryVisibility.IsVisible(memory.Scope, memory.ExpiresAt, memory.Superseded, request.Scopes, now, request.IncludeSuperseded)
                && InDates(request, memory.OccurredAt);
            row = visible ? new PoolRow { Id = memory.Id, CreatedAt = memory.CreatedAt, OccurredAt = memory.OccurredAt } : null;
            return true;
        }
    }

    /// <summary>Whether <see cref="Filter"/> leaves out high-sensitivity secrets: searches of the secret value itself.</summary>
    private static bool HidesSecrets(Request request) => request.MemoryType == "knowledge_vault" && request.Field == "secret_value";

    /// <summary><see cref="Filter"/>'s dates for a memory in process: raw and episodic memories happened between start and end.</summary>
    private static bool InDates(Request request, DateTime? occurredAt) =>
        request.MemoryType is not ("episodic" or "raw") || (request.Start is null && request.End is null)
        || (occurredAt is { } at && at >= (request.Start ?? DateTime.MinValue) && at <= (request.End ?? DateTime.MaxValue));

    private static IQueryable<T> Filter<T>(IQueryable<T> query, Request request) where T : MemoryItem
    {
        if (query is IQueryable<EpisodicEvent> events && (request.Start is not null || request.End is not null))
        {
            var start = request.Start ?? DateTime.MinValue;
            var end = request.End ?? DateTime.MaxValue;
            return (IQueryable<T>)events.Where(e => e.OccurredAt >= start && e.OccurredAt <= end);
        }
        if (query is IQueryable<RawMemory> raws && (request.Start is not null || request.End is not null))
        {
            // Beyond MIRIX (which dates only episodic events): a raw memory is dated by when it happened.
            var start = request.Start ?? DateTime.MinValue;
            var end = request.End ?? DateTime.MaxValue;
            return (IQueryable<T>)raws.Where(r => r.OccurredAt >= start && r.OccurredAt <= end);
        }
        if (query is IQueryable<KnowledgeVaultItem> vault && HidesSecrets(request))
        {
            return (IQueryable<T>)vault.Where(k => k.Sensitivity != KnowledgeVaultItem.HighSensitivity);
        }
        return query;
    }

    private static IQueryable<T> Recent<T>(IQueryable<T> query) where T : MemoryItem =>
        query is IQueryable<EpisodicEvent> events
            ? (IQueryable<T>)events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            : query.OrderByDescending(m => m.LastModifiedAt).ThenByDescending(m => m.Id);
}
