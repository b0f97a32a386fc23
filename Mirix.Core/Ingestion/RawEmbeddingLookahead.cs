using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mirix.Core.Retrieval;

namespace Mirix.Core.Ingestion;

/// <summary>
/// Embeds the raw memories of the messages waiting in a partition in one batch before they are handled one by one: the
/// local model and OpenAI-compatible endpoints both cost far less per text in a batch (docs/benchmarks/ingestion.md).
/// Messages in agents mode are left alone: their memories are written by the model later.
/// </summary>
public sealed partial class RawEmbeddingLookahead(IServiceScopeFactory scopes, ILogger<RawEmbeddingLookahead> logger)
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
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MemoryIndexer>().PrefetchAsync(texts, ct);
        }
#pragma warning disable CA1031 // looking ahead only saves work: each message is embedded where it is handled otherwise
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogPrefetchFailed(e, texts.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding {Count} waiting messages ahead failed; each is embedded when handled")]
    private partial void LogPrefetchFailed(Exception exception, int count);
}
