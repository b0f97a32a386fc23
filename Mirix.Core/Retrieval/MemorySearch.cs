using System.Numerics.Tensors;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Storage;

namespace Mirix.Core.Retrieval;

/// <summary>
/// Searches one memory type with MIRIX's methods: <c>embedding</c> (cosine over the stored vectors of one model, optional
/// distance threshold), <c>bm25</c>, <c>string_match</c> and <c>fuzzy_match</c>; an empty query lists the most recent.
/// Every method applies the same tenant, user, scope, expiry, tag and date filters, and high-sensitivity secrets are never
/// matched by their value.
/// </summary>
public sealed class MemorySearch(MirixDbContext db, MemoryIndexer indexer, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Methods = ["embedding", "bm25", "hybrid", "string_match", "fuzzy_match"];

    /// <summary>Reciprocal rank fusion constant: score = Σ 1/(k + rank). Measured on LoCoMo, see docs/benchmarks/locomo.md.</summary>
    public const int FusionK = 10;

    /// <summary>Share of the best adjacent memory's fused score a hybrid hit gains; 0 turns neighbour context off.</summary>
    public const double NeighbourWeight = 0.5;

    public sealed record Request(
        string OrganizationId, string? UserId, IReadOnlyList<string>? Scopes, string MemoryType, string Field, string Method, string Text,
        int Limit, FilterTagsFilter Tags, double? SimilarityThreshold = null, DateTime? Start = null, DateTime? End = null);

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

    private IQueryable<T> Candidates<T>(DbSet<T> set, Request request) where T : MemoryItem =>
        Filter(set.WhereTags(db, request.Tags).AsNoTracking()
            .Visible(request.OrganizationId, request.UserId, request.Scopes, time.GetUtcNow().UtcDateTime), request);

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
            "embedding" => await ByEmbeddingAsync(candidates, request, ct),
            "hybrid" => await HybridAsync(candidates, request, ct),
            _ => await ByTextAsync(candidates, request, ct),
        };
    }

    /// <summary>
    /// Fuses the full BM25 and embedding rankings of the candidates by reciprocal rank; each hit explains both signals.
    /// </summary>
    private async Task<List<Hit>> HybridAsync<T>(IQueryable<T> candidates, Request request, CancellationToken ct) where T : MemoryItem
    {
        var everything = request with { Limit = int.MaxValue };
        var lexical = await ByTextAsync(candidates, everything with { Method = "bm25" }, ct);
        var dense = await ByEmbeddingAsync(candidates, everything with { Method = "embedding" }, ct);
        var signals = new Dictionary<string, (MemoryItem Item, Dictionary<string, double> Signals)>();
        void Add(List<Hit> ranking, string name)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var hit = ranking[rank];
                if (!signals.TryGetValue(hit.Item.Id, out var entry))
                {
                    entry = (hit.Item, new Dictionary<string, double>());
                    signals[hit.Item.Id] = entry;
                }
                entry.Signals[name] = hit.Score ?? 0;
                entry.Signals[name + "_rank"] = rank + 1;
                entry.Signals["fused"] = entry.Signals.GetValueOrDefault("fused") + (1.0 / (FusionK + rank + 1));
            }
        }
        Add(lexical, "bm25");
        Add(dense, "embedding");
        AddNeighbourContext(signals.Values.Select(s => (s.Item, s.Signals)).ToList());
        return signals.Values
            .OrderByDescending(s => s.Signals["score"]).ThenBy(s => s.Item.Id, StringComparer.Ordinal)
            .Take(request.Limit)
            .Select(s => new Hit(s.Item, s.Signals["score"], s.Signals))
            .ToList();
    }

    /// <summary>
    /// Conversation turns answer the turn before them: a timed memory (raw or episodic) next to a strong match in time order,
    /// at the same time, gains part of that neighbour's fused score (<see cref="NeighbourWeight"/>, measured on LoCoMo).
    /// </summary>
    private static void AddNeighbourContext(List<(MemoryItem Item, Dictionary<string, double> Signals)> scored)
    {
        var ordered = scored.OrderBy(s => MemoryFields.OccurredAt(s.Item)).ThenBy(s => s.Item.CreatedAt).ThenBy(s => s.Item.Id, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var best = 0.0;
            foreach (var j in new[] { i - 1, i + 1 })
            {
                if (j >= 0 && j < ordered.Count && MemoryFields.OccurredAt(ordered[i].Item) is { } at && MemoryFields.OccurredAt(ordered[j].Item) == at)
                {
                    best = Math.Max(best, ordered[j].Signals["fused"]);
                }
            }
            ordered[i].Signals["neighbour"] = best;
            ordered[i].Signals["score"] = ordered[i].Signals["fused"] + (NeighbourWeight * best);
        }
    }

    private async Task<List<Hit>> ByEmbeddingAsync<T>(IQueryable<T> candidates, Request request, CancellationToken ct) where T : MemoryItem
    {
        var query = await indexer.EmbedQueryAsync(request.Text, ct);
        if (query is null || indexer.Model is not { } model)
        {
            return [];
        }
        var vectors = await db.MemoryEmbeddings.AsNoTracking()
            .Where(e => e.OrganizationId == request.OrganizationId && e.MemoryType == request.MemoryType && e.Field == request.Field
                && e.Model == model && (request.UserId == null || e.UserId == request.UserId))
            .Join(candidates.Select(m => m.Id), e => e.MemoryId, id => id, (e, _) => new { e.MemoryId, e.Vector })
            .ToListAsync(ct);
        var ranked = vectors
            .Select(v => (v.MemoryId, Score: (double)TensorPrimitives.Dot(query, MemoryIndexer.FromBytes(v.Vector))))
            // MIRIX's threshold is a cosine distance (0 identical, 2 opposite); the vectors are unit length.
            .Where(v => request.SimilarityThreshold is not { } threshold || 1 - v.Score < threshold)
            .OrderByDescending(v => v.Score).ThenBy(v => v.MemoryId, StringComparer.Ordinal)
            .Take(request.Limit)
            .ToList();
        return await LoadInOrderAsync(candidates, ranked, ct);
    }

    private static async Task<List<Hit>> ByTextAsync<T>(IQueryable<T> candidates, Request request, CancellationToken ct) where T : MemoryItem
    {
        var rows = await candidates.ToListAsync(ct);
        var texts = rows.ConvertAll(r => request.Method == "bm25" ? MemoryFields.LexicalText(r, request.Field) : MemoryFields.Text(r, request.Field));
        double[] scores = request.Method switch
        {
            "bm25" => TextScoring.Bm25(texts, request.Text),
            "string_match" => texts.Select(t => t.Contains(request.Text, StringComparison.OrdinalIgnoreCase) ? 1.0 : 0.0).ToArray(),
            _ => texts.Select(t => TextScoring.PartialRatio(t, request.Text)).ToArray(),
        };
        var minimum = request.Method == "fuzzy_match" ? 0.6 : 0.0;
        return rows.Select((row, i) => new Hit(row, scores[i]))
            .Where(h => h.Score > minimum)
            .OrderByDescending(h => h.Score).ThenByDescending(h => h.Item.CreatedAt)
            .Take(request.Limit)
            .ToList();
    }

    private static async Task<List<Hit>> LoadInOrderAsync<T>(IQueryable<T> candidates, List<(string Id, double Score)> ranked, CancellationToken ct)
        where T : MemoryItem
    {
        var ids = ranked.Select(r => r.Id).ToList();
        var rows = await candidates.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        return ranked.Where(r => rows.ContainsKey(r.Id)).Select(r => new Hit(rows[r.Id], r.Score)).ToList();
    }

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
        if (query is IQueryable<KnowledgeVaultItem> vault && request.Field == "secret_value")
        {
            return (IQueryable<T>)vault.Where(k => k.Sensitivity != "high");
        }
        return query;
    }

    private static IQueryable<T> Recent<T>(IQueryable<T> query) where T : MemoryItem =>
        query is IQueryable<EpisodicEvent> events
            ? (IQueryable<T>)events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            : query.OrderByDescending(m => m.LastModifiedAt).ThenByDescending(m => m.Id);
}
