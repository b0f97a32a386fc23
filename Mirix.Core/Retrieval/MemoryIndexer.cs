using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Storage;

namespace Mirix.Core.Retrieval;

/// <summary>
/// Keeps the embeddings of memories true: called by every write before it saves, so the new or changed vectors are
/// committed with the row in the same transaction.
/// </summary>
public sealed class MemoryIndexer(
    MirixDbContext db, QueryEmbeddingCache queries, PrefetchedEmbeddings prefetched, IEmbeddingGenerator<string, Embedding<float>>? generator = null)
{
    public string? Model => generator?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId;

    /// <summary>Adds (or replaces) the embeddings of the given rows to the unit of work; the caller saves.</summary>
    public async Task IndexAsync(IReadOnlyCollection<MemoryItem> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (generator is null || Model is not { } model || items.Count == 0)
        {
            return;
        }
        var work = items
            .SelectMany(item => MemoryKinds.Of(item).Embedded.Select(field => (item, field, text: MemoryKinds.Of(item).Text(item, field))))
            .Where(w => !string.IsNullOrWhiteSpace(w.text))
            .ToList();
        // Rows being inserted have fresh ids, so they have no vectors yet: only changed rows are looked up.
        var ids = items.Where(i => db.Entry(i).State != EntityState.Added).Select(i => i.Id).ToList();
        if (ids.Count > 0)
        {
            db.MemoryEmbeddings.RemoveRange(await db.MemoryEmbeddings.Where(e => ids.Contains(e.MemoryId) && e.Model == model).ToListAsync(ct));
        }
        if (work.Count == 0)
        {
            return;
        }
        var vectors = new ReadOnlyMemory<float>[work.Count];
        var missing = new List<int>();
        for (var i = 0; i < work.Count; i++)
        {
            if (prefetched.TryTake(model, work[i].text, out var ready))
            {
                vectors[i] = ready;
            }
            else
            {
                missing.Add(i);
            }
        }
        if (missing.Count > 0)
        {
            var embedded = await generator.GenerateAsync(missing.Select(i => work[i].text), cancellationToken: ct);
            for (var k = 0; k < missing.Count; k++)
            {
                vectors[missing[k]] = embedded[k].Vector;
            }
        }
        for (var i = 0; i < work.Count; i++)
        {
            var (item, field, _) = work[i];
            var vector = vectors[i];
            // Replacing a removed row with the same key is saved as delete + insert in one SaveChanges.
            db.MemoryEmbeddings.Add(new MemoryEmbedding
            {
                MemoryId = item.Id,
                Field = field,
                Model = model,
                OrganizationId = item.OrganizationId,
                UserId = item.UserId,
                MemoryType = MemoryKinds.Of(item).Name,
                Dimensions = vector.Length,
                Vector = ToBytes(vector.Span),
            });
        }
    }

    /// <summary>
    /// Embeds, in one batch, texts that writes are about to index (messages waiting in a partition); the writes then take
    /// the vectors from <see cref="PrefetchedEmbeddings"/> instead of embedding one at a time.
    /// </summary>
    public async Task PrefetchAsync(IReadOnlyList<string> texts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (generator is null || Model is not { } model)
        {
            return;
        }
        var wanted = texts.Where(t => !string.IsNullOrWhiteSpace(t) && PrefetchedEmbeddings.Keeps(t) && !prefetched.Contains(model, t))
            .Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return;
        }
        var vectors = await generator.GenerateAsync(wanted, cancellationToken: ct);
        for (var i = 0; i < wanted.Count; i++)
        {
            prefetched.Add(model, wanted[i], vectors[i].Vector.ToArray());
        }
    }

    public async Task<float[]?> EmbedQueryAsync(string query, CancellationToken ct)
    {
        if (generator is null || Model is not { } model)
        {
            return null;
        }
        var text = generator.GetService<QueryInstruction>()?.Prefix + query;
        return await queries.GetOrAddAsync(model, query, async () => (await generator.GenerateAsync([text], cancellationToken: ct))[0].Vector.ToArray());
    }

    public static byte[] ToBytes(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    public static ReadOnlySpan<float> FromBytes(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes);
}
