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
public sealed class MemoryIndexer(MirixDbContext db, QueryEmbeddingCache queries, IEmbeddingGenerator<string, Embedding<float>>? generator = null)
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
        var ids = items.Select(i => i.Id).ToList();
        var existing = await db.MemoryEmbeddings.Where(e => ids.Contains(e.MemoryId) && e.Model == model).ToListAsync(ct);
        db.MemoryEmbeddings.RemoveRange(existing);
        if (work.Count == 0)
        {
            return;
        }
        var vectors = await generator.GenerateAsync(work.Select(w => w.text), cancellationToken: ct);
        for (var i = 0; i < work.Count; i++)
        {
            var (item, field, _) = work[i];
            var vector = vectors[i].Vector;
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
