using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Retrieval;

namespace Mirix.Core.Ingestion;

/// <summary>
/// Embeds the raw memories of the messages waiting in a partition in one batch before they are handled one by one: the
/// local model and OpenAI-compatible endpoints both cost far less per text in a batch (docs/benchmarks/ingestion.md).
/// Messages in agents mode are left alone: their memories are written by the model later.
/// </summary>
public sealed class RawEmbeddingLookahead(IServiceScopeFactory scopes)
{
    public async Task PrepareAsync(IReadOnlyList<IngestionEnvelope> waiting, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        var texts = waiting.Where(e => e.Mode == IngestionMode.Raw).Select(RawModeHandler.TextOf).ToList();
        // One message alone is embedded where it is handled, as before.
        if (texts.Count < 2)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MemoryIndexer>().PrefetchAsync(texts, ct);
    }
}
